"""The exercise engine: YAML specs plus the annotation give exercises that grade answers. No widgets, no
settings, no files of its own: `loading.load_exercises` reads the files and builds them through here."""
from __future__ import annotations

from .base import Exercise, Item
from .registry import (build_exercise, exercise_type, read_exercise_file, read_exercise_specs, register, type_names,
                       unregister)
from .results import ItemResult, Result
from .spec import ExerciseSpec, ExerciseType, SpecReader

__all__ = ["Exercise", "ExerciseSpec", "ExerciseType", "Item", "ItemResult", "Result", "SpecReader",
           "answer_key", "build_exercise", "exercise_type", "read_exercise_file", "read_exercise_specs", "register",
           "type_names", "unregister"]


def answer_key(exercise: Exercise) -> list[dict[str, str]]:
    """One row per item: what the student sees, the reference answer, and why (for instructors)."""
    rows = []
    for item_id, value in exercise.reference_answers().items():
        item = exercise.item(item_id)
        rows.append({"item": item_id, "text": item.text, "answer": exercise.describe(item_id, value),
                     "why": exercise.reference_text(item)})
    return rows
