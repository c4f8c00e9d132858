"""Exercises as a student's assessment copy holds them: what the student sees, and nothing that grades.

`release` writes every exercise of the instructor's kit as its title, prompt, hint, mode and items (the text,
the options and what each option means), and no reference answer, feedback or explanation: the copy cannot
mark an answer, so no cell a student runs can reveal one. The answers it records are graded later by the
instructor's kit, which still has the key.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import NoKeyError, Problem, SavedFileError, SourceLabError
from ..model import Annotation
from .base import Exercise, Item
from .grid import Grid
from .results import ItemResult
from .source_cue import PARTS, Word, select_words, words
from .spec import ExerciseSpec

RELEASED_EXERCISES = "released.json"  # in the copy's exercises/ folder, instead of the YAML files
SCHEMA = "sourcelab-released-exercises/1"
NO_KEY = "This copy of Source Lab has no answer key: your teacher marks your answers after you hand them in."


class ReleasedExercise(Exercise):
    """Items to show and answers to check for shape; grading raises NoKeyError."""

    has_key = False
    parts: tuple[str, ...] = PARTS  # for a words exercise: what is marked (set from the copy's file)
    layout: Grid | None = None  # for a grid exercise: its rows and columns, as the copy's file stores them

    def __init__(self, spec: ExerciseSpec, annotation: Annotation, items: tuple[Item, ...],
                 helps: Mapping[str, str]) -> None:
        self._released_items, self._helps = items, dict(helps)
        super().__init__(spec, annotation)

    def _items(self) -> list[Item]:
        return list(self._released_items)

    def option_help(self, value: str) -> str:
        return self._helps.get(value, "")

    def words(self, item_id: str) -> list[Word]:
        return words(self.annotation.sentence(item_id))

    def grid(self) -> Grid:
        if self.layout is None:
            raise SourceLabError(f"exercise {self.id} in this copy has no grid layout: make the copy again")
        return self.layout

    def selection(self, item_id: str, value: Any) -> dict[str, set[int]]:
        return select_words(self.annotation.sentence(item_id), value, self.parts)

    def grade_item(self, item_id: str, value: Any) -> ItemResult:
        raise NoKeyError(NO_KEY)

    def reference_answers(self) -> dict[str, Any]:
        raise NoKeyError(NO_KEY)

    def reference_text(self, item: Item) -> str:
        raise NoKeyError(NO_KEY)


def key_fingerprint(exercises: Mapping[str, Exercise]) -> str:
    """A short hash of every reference answer: the same key gives the same fingerprint, any change another."""
    key = {eid: e.reference_answers() for eid, e in sorted(exercises.items()) if e.has_key}
    canonical = json.dumps(key, sort_keys=True, ensure_ascii=False, default=sorted)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def shown_options(item: Item) -> list[str]:
    """An item's options as the student reads them. In a copy these are also the values an answer records:
    the kit's own values can be ids that give an answer away (a stance option whose id is the position's)."""
    return list(item.labels) if item.labels else list(item.options)


def shown_value(exercise: Exercise, item_id: str, value: Any) -> Any:
    """An answer in the key's values, as a copy records it (the option as shown): key_value's inverse."""
    item = exercise.item(item_id)
    if item.labels and isinstance(value, str) and value in item.options:
        return item.labels[item.options.index(value)]
    return value


def key_value(exercise: Exercise, item_id: str, value: Any) -> Any:
    """An answer recorded in a copy, as the instructor's kit grades it: the option shown, back to its value."""
    try:
        item = exercise.item(item_id)
    except SourceLabError:
        return value
    if item.labels and isinstance(value, str) and value in item.labels:
        return item.options[item.labels.index(value)]
    return value


def released_entry(exercise: Exercise, mode: str) -> dict[str, Any]:
    """One exercise as the copy stores it: what the student sees, in the given mode, and nothing more."""
    spec = exercise.spec
    helps = {}
    for item in exercise.items:
        for value, shown in zip(item.options, shown_options(item)):
            if exercise.option_help(value):
                helps[shown] = exercise.option_help(value)
    return {"id": spec.id, "type": spec.type, "lesson": spec.lesson, "title": spec.title, "prompt": spec.prompt,
            "hint": spec.hint, "mode": mode, "show_answer": False, "graded": exercise.graded,
            "parts": list(getattr(exercise, "parts", ())),
            **({"grid": exercise.grid().to_dict()} if hasattr(exercise, "grid") else {}),
            "items": [{"id": i.id, "text": i.text, "options": shown_options(i), "sentence": i.sentence, "labels": []}
                      for i in exercise.items],
            "help": dict(sorted(helps.items()))}


def from_copy(document: dict[str, Any], exercises: Mapping[str, Exercise]) -> dict[str, Any]:
    """A submission made in an assessment copy, its answers (and their history) in the key's own values."""
    entries = {}
    for exercise_id, entry in document.get("exercises", {}).items():
        exercise = exercises.get(exercise_id)
        if exercise is None or not isinstance(entry, dict) or not isinstance(entry.get("answers"), dict):
            entries[exercise_id] = entry
            continue
        answers = {i: key_value(exercise, i, v) for i, v in entry["answers"].items()}
        history = [{**e, "value": key_value(exercise, e.get("item", ""), e.get("value"))} if isinstance(e, dict) else e
                   for e in entry.get("history", [])]
        entries[exercise_id] = {**entry, "answers": answers, "history": history}
    return {**document, "exercises": entries}


def write_released(exercises: Mapping[str, Exercise], mode: str) -> str:
    return json.dumps({"schema": SCHEMA, "exercises": [released_entry(e, mode) for e in exercises.values()]},
                      ensure_ascii=False, indent=1) + "\n"


def read_released(path: Path, annotation: Annotation,
                  problems: list[Problem]) -> list[ReleasedExercise]:
    """The exercises of an assessment copy; a damaged file is one problem, named, not a traceback."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("schema") != SCHEMA:
            raise SavedFileError(f"schema {document.get('schema')!r}, expected {SCHEMA!r}")
        out = []
        for entry in document["exercises"]:
            spec = ExerciseSpec(id=entry["id"], type=entry["type"], lesson=entry["lesson"], title=entry["title"],
                                prompt=entry["prompt"], hint=entry["hint"], show_answer=False, mode=entry["mode"],
                                file=str(path))
            items = tuple(Item(i["id"], i["text"], tuple(i["options"]), i["sentence"], tuple(i["labels"]))
                          for i in entry["items"])
            made = ReleasedExercise(spec, annotation, items, entry.get("help", {}))
            made.graded = bool(entry.get("graded", True))
            made.parts = tuple(entry.get("parts", ())) or PARTS
            made.layout = Grid.from_dict(entry["grid"]) if "grid" in entry else None
            out.append(made)
        return out
    except (OSError, SavedFileError, ValueError, KeyError, TypeError, AttributeError) as exc:
        problems.append(Problem(str(path), None, None, f"cannot be read ({exc})",
                                "make the copy again with python -m sourcelab release"))
        return []
