"""The entry points the rest of the kit uses to get the annotated article and its exercises from files.

Settings are read here and in the layers above (course, notebook, cli), never in the model or the engine:
tests/test_layers.py checks it."""
from __future__ import annotations

from pathlib import Path

from .config import load_settings
from .errors import DataError
from .exercises import Exercise, build_exercise, read_exercise_specs
from .exercises.released import RELEASED_EXERCISES, read_released
from .model import Annotation
from .validation import read_annotation


def load_annotation(data_dir: str | Path | None = None) -> Annotation:
    """The checked annotation from `data_dir` (default: the kit's data/), or DataError listing every problem."""
    folder = Path(data_dir) if data_dir is not None else load_settings().data_dir
    annotation, problems = read_annotation(folder)
    if annotation is None:
        raise DataError(problems)
    return annotation


def load_exercises(exercises_dir: str | Path | None = None, data_dir: str | Path | None = None,
                   annotation: Annotation | None = None) -> dict[str, Exercise]:
    """Every exercise by id, checked; DataError lists every problem in the data or the YAML."""
    settings = load_settings()
    annotation = annotation or load_annotation(data_dir)
    folder = Path(exercises_dir) if exercises_dir is not None else settings.exercises_dir
    if (folder / RELEASED_EXERCISES).is_file():  # a student's assessment copy: items to show, no key
        problems: list = []
        released = read_released(folder / RELEASED_EXERCISES, annotation, problems)
        if problems:
            raise DataError(problems)
        return {e.id: e for e in released}
    specs, problems = read_exercise_specs(folder, annotation)
    if problems:
        raise DataError(problems)
    return {spec.id: build_exercise(spec, annotation) for spec in specs}
