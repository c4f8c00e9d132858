"""The exercise engine: YAML specs plus the annotation give exercises that grade answers. No widgets and no
settings: it reads the folder it is given, and `loading.load_exercises` decides which folder that is.
Each type lives in its own module and is registered once in `registry.py` (docs/developing.md)."""
from __future__ import annotations

from .base import Exercise, Item, answer_key
from .registry import (build_exercise, exercise_type, read_exercise_file, read_exercise_specs, register, type_names,
                       unregister)
from .results import ItemResult, Result
from .spec import ExerciseSpec, ExerciseType, SpecReader

__all__ = ["Exercise", "ExerciseSpec", "ExerciseType", "Item", "ItemResult", "Result", "SpecReader",
           "answer_key", "build_exercise", "exercise_type", "read_exercise_file", "read_exercise_specs", "register",
           "type_names", "unregister"]

