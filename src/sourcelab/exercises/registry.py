"""Every exercise type, registered once: its YAML fields, how they are read, its engine, and its view.

A type lives in one module of this package (like ipywidgets' one `widget_<family>.py` per family), which
declares an `ExerciseType` for it; the list at the end of this file registers the kit's own. Adding a type
is that module plus one line here (see docs/developing.md). Reading the exercise files goes through this
registry, so `check`, `exercises`, `grade`, the widgets and the class report all know every type.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import Annotation
from ..readers import display_name
from ..cells import ID_PATTERN
from .base import Exercise
from .spec import COMMON_FIELDS, MODES, PRACTICE, ExerciseSpec, ExerciseType, SpecReader
from .yamlspec import LineDict, read_spec

_TYPES: dict[str, ExerciseType] = {}


def register(exercise_type: ExerciseType) -> ExerciseType:
    """Make a type known to every part of the kit (a second type of the same name replaces the first)."""
    _TYPES[exercise_type.name] = exercise_type
    return exercise_type


def unregister(name: str) -> None:
    _TYPES.pop(name, None)


def exercise_type(name: str) -> ExerciseType:
    return _TYPES[name]


def type_names() -> tuple[str, ...]:
    return tuple(_TYPES)


def build_exercise(spec: ExerciseSpec, annotation: Annotation) -> Exercise:
    return _TYPES[spec.type].engine(spec, annotation)


def _mode(reader: SpecReader, node: LineDict, where: str, default: str) -> str:
    mode = node.get("mode", default)
    if mode not in MODES:
        reader.problem(node.line_of("mode"), f"'mode' of {where} is {mode!r}",
                       f"write one of: {', '.join(MODES)} (assessment: answers are recorded, not marked)")
        return default
    return str(mode)


def _exercise(reader: SpecReader, node: Any, lesson: str, fallback_line: int,
              mode: str = PRACTICE) -> ExerciseSpec | None:
    if not isinstance(node, LineDict):
        reader.problem(fallback_line, "every exercise must be a set of fields", "start each exercise with '- id: ...'")
        return None
    ident = reader.text(node, "id", "an exercise")
    if ident and not ID_PATTERN.match(ident):
        reader.problem(node.line_of("id"), f"exercise id {ident!r} cannot be used (it names a file of saved answers)",
                       "use letters, digits, '_' or '-' only, at most 80 of them")
        return None
    where = f"exercise '{ident}'" if ident else "an exercise"
    kind = reader.text(node, "type", where)
    if kind and kind not in _TYPES:
        reader.problem(node.line_of("type"), f"unknown type '{kind}' in {where}",
                       f"use one of: {', '.join(_TYPES)}")
        return None
    if not kind:
        return None
    declared = _TYPES[kind]
    reader.unknown_fields(node, COMMON_FIELDS + declared.fields, where)
    show = node.get("show_answer", True)
    if not isinstance(show, bool):
        reader.problem(node.line_of("show_answer"), f"'show_answer' of {where} must be true or false",
                       "write 'show_answer: false' to hide answers for graded use")
        show = True
    return ExerciseSpec(id=ident, type=kind, lesson=lesson, title=reader.text(node, "title", where),
                        prompt=reader.text(node, "prompt", where), hint=reader.text(node, "hint", where),
                        show_answer=show, mode=_mode(reader, node, where, mode),
                        params=declared.read(reader, node, where), file=reader.file, line=node.line)


def read_exercise_file(path: Path, annotation: Annotation | None, problems: list[Problem]) -> list[ExerciseSpec]:
    document = read_spec(path, problems)
    if document is None:
        return []
    reader = SpecReader(display_name(path), annotation, problems)
    if not isinstance(document, LineDict) or not isinstance(document.get("exercises"), list):
        reader.problem(getattr(document, "line", 1), "the file needs a list called 'exercises'",
                       "start with 'exercises:' and list each exercise under it with '- id: ...'")
        return []
    reader.unknown_fields(document, ("lesson", "title", "mode", "exercises"), "the file")
    mode = _mode(reader, document, "the file", PRACTICE)
    if "lesson" in document and document["lesson"] != path.stem:
        reader.problem(document.line_of("lesson"), f"'lesson' is {document['lesson']!r} but the file is named "
                       f"{path.name}",
                       f"write 'lesson: {path.stem}' (the lesson is the file's name) or rename the file")
    specs = [_exercise(reader, node, path.stem, document.line_of("exercises"), mode) for node in document["exercises"]]
    return [s for s in specs if s is not None]


def read_exercise_specs(folder: Path, annotation: Annotation | None) -> tuple[list[ExerciseSpec], list[Problem]]:
    """Every exercise in folder/*.yaml, in file and then reading order, with every problem found."""
    problems: list[Problem] = []
    specs: list[ExerciseSpec] = []
    if not Path(folder).is_dir():
        return [], [Problem(display_name(Path(folder)), None, None, "exercises folder is missing",
                            "create it, or point SOURCELAB_EXERCISES at the folder with your .yaml files")]
    for path in sorted([*Path(folder).glob("*.yaml"), *Path(folder).glob("*.yml")]):
        specs += read_exercise_file(path, annotation, problems)
    first: dict[str, ExerciseSpec] = {}
    for spec in specs:
        if spec.id in first:
            earlier = first[spec.id]
            problems.append(Problem(spec.file, spec.line, None, f"exercise id '{spec.id}' is already used in "
                                    f"{earlier.file} (line {earlier.line})", "give every exercise its own id"))
        elif spec.id:
            first[spec.id] = spec
    return specs, problems


def _register_all(types: Iterable[ExerciseType]) -> None:
    for declared in types:
        register(declared)


# The kit's own types, one module per family. A new type: its module, then one entry here.
from . import evidence, framing, multiple_choice, positions, sentence_choice, source_cue, tracing, writing  # noqa: E402

_register_all([*sentence_choice.TYPES, *source_cue.TYPES, *multiple_choice.TYPES, *tracing.TYPES, *positions.TYPES,
               *evidence.TYPES, *framing.TYPES, *writing.TYPES])
