"""Multiple choice with feedback for every option (reporting verbs): the key lives in the YAML."""
from __future__ import annotations

from typing import Any

from .base import Exercise, Item
from .results import ItemResult
from .spec import Question


class ReportingVerbs(Exercise):
    def _items(self) -> list[Item]:
        return [Item(q.id, q.question, tuple(o.text for o in q.options), q.sentence) for q in self.spec.questions]

    def question(self, item_id: str) -> Question:
        return next(q for q in self.spec.questions if q.id == item_id)

    def reference_answers(self) -> dict[str, Any]:
        return {q.id: next(o.text for o in q.options if o.correct) for q in self.spec.questions}

    def reference_text(self, item: Item) -> str:
        right = next(o for o in self.question(item.id).options if o.correct)
        return f"The best answer is “{right.text}”: {right.feedback}"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        option = next(o for o in self.question(item.id).options if o.text == choice)
        head = "Right." if option.correct else "Not quite."
        return ItemResult(item.id, option.correct, 1.0 if option.correct else 0.0, True,
                          f"{head} {option.feedback}", answer)
