"""The entry points the rest of the kit uses to get the annotated article and its exercises from files.

Settings are read here and in the layers above (course, notebook, cli), never in the model or the engine:
tests/test_layers.py checks it."""
from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from .config import load_settings
from .errors import DataError
from .exercises import Exercise, build_exercise, read_exercise_specs
from .exercises.released import RELEASED_EXERCISES, read_released
from .model import Annotation
from .validation import read_annotation


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folder` (packs/ aside) with its modification time and size: what a change changes.
    Taken on every call of a lesson's cells, so the walk never enters packs/ (other articles' folders)."""
    out = []
    for root, dirs, files in os.walk(folder):
        if root == str(folder):
            dirs[:] = [d for d in dirs if d != "packs"]
        for name in files:
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except OSError:  # a dangling link, or removed meanwhile
                continue
            if stat.S_ISREG(info.st_mode):
                out.append((os.path.relpath(path, folder), info.st_mtime_ns, info.st_size))
    return tuple(sorted(out))


@functools.lru_cache(maxsize=8)
def _read_checked(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> Annotation:
    annotation, problems = read_annotation(folder)
    if annotation is None:
        raise DataError(problems)
    return annotation


def load_annotation(data_dir: str | Path | None = None) -> Annotation:
    """The checked annotation from `data_dir` (default: the kit's data/), or DataError listing every problem.

    A lesson asks for it in almost every cell; it is read and checked again only when a file in the folder
    changed (an Annotation is immutable, so sharing one is safe), so an instructor's edit shows at once."""
    folder = Path(data_dir) if data_dir is not None else load_settings().data_dir
    return _read_checked(folder.resolve(), _stamp(folder))


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
    key = (folder.resolve(), _stamp(folder), id(annotation))
    if key not in _BUILT:
        specs, problems = read_exercise_specs(folder, annotation)
        if problems:
            raise DataError(problems)
        if len(_BUILT) >= 8:
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[key] = (annotation, {spec.id: build_exercise(spec, annotation) for spec in specs})
    return dict(_BUILT[key][1])


# Exercises built per folder, its files' stamp and the annotation's identity (the entry keeps that annotation
# alive, so its id is not reused): rebuilt only when a file changed. Exercises hold no student state.
_BUILT: dict[tuple[Path, tuple[tuple[str, int, int], ...], int], tuple[Annotation, dict[str, Exercise]]] = {}
