"""The shape every exercise type shares: items, grading one item, grading all."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Annotation
from ..errors import AnswerError
from .results import ItemResult, Result
from .spec import ExerciseSpec

NOT_ANSWERED_FEEDBACK = "Not answered yet."


@dataclass(frozen=True)
class Item:
    id: str
    text: str  # the sentence or question the student sees
    options: tuple[str, ...] = ()  # empty where the answer is not a choice (source-and-cue)
    sentence: str | None = None
    labels: tuple[str, ...] = ()  # what each option says on screen, where it differs from its value


class Exercise:
    """Built from a spec plus the annotation; grading is pure, so it is tested without widgets."""

    has_key = True  # False for an assessment copy's exercises (released.py): they show items, never grade
    graded = True  # False for free text (writing.py): saved and shown to the instructor, never scored

    def __init__(self, spec: ExerciseSpec, annotation: Annotation) -> None:
        self.spec = spec
        self.annotation = annotation
        self.items: tuple[Item, ...] = tuple(self._items())
        self._by_id = {item.id: item for item in self.items}

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def params(self) -> Any:
        """What this exercise's type adds to the common fields (its own dataclass; see registry.py)."""
        return self.spec.params

    def option_help(self, value: str) -> str:
        """What an option means, for a tooltip ("" where the type says nothing more than the option)."""
        return ""

    def _items(self) -> list[Item]:
        raise NotImplementedError

    def item(self, item_id: str) -> Item:
        try:
            return self._by_id[item_id]
        except KeyError:
            raise AnswerError(f"'{item_id}' is not an item of {self.id} (items: "
                              f"{', '.join(self._by_id)})") from None

    def grade_item(self, item_id: str, value: Any) -> ItemResult:
        """One item; `value` None means not answered."""
        item = self.item(item_id)
        answer = self.reference_text(item)
        if value is None or value == "" or value == []:
            return ItemResult(item.id, False, 0.0, False, NOT_ANSWERED_FEEDBACK, answer)
        return self._grade(item, value, answer)

    def grade(self, answers: Mapping[str, Any]) -> Result:
        for item_id in answers:
            self.item(item_id)  # unknown ids are an error, not silently ignored
        return Result(self.id, tuple(self.grade_item(i.id, answers.get(i.id)) for i in self.items))

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        raise NotImplementedError

    def reference_text(self, item: Item) -> str:
        raise NotImplementedError

    def reference_answers(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self, item_id: str, value: Any) -> str:
        """An answer in words, for tables and reports."""
        return str(value)

    def check_choice(self, item: Item, value: Any) -> str:
        if not isinstance(value, str) or value not in item.options:
            raise AnswerError(f"{value!r} is not a choice for {item.id} in {self.id} "
                              f"(choose one of: {', '.join(item.options)})")
        return value


def answer_key(exercise: Exercise) -> list[dict[str, str]]:
    """One row per item: what the student sees, the reference answer, and why (for instructors)."""
    rows = []
    for item_id, value in exercise.reference_answers().items():
        item = exercise.item(item_id)
        rows.append({"item": item_id, "text": item.text, "answer": exercise.describe(item_id, value),
                     "why": exercise.reference_text(item)})
    return rows
