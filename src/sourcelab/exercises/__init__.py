"""The exercise engine: YAML specs plus the annotation give exercises that grade answers. No widgets here."""
from __future__ import annotations

from pathlib import Path

from ..config import load_settings
from ..errors import DataError
from ..loading import load_annotation
from ..model import Annotation
from .base import Exercise, Item
from .multiple_choice import ReportingVerbs
from .results import AnswerError, ItemResult, Result
from .sentence_choice import ClassifySentences, QuoteType
from .source_cue import SourceAndCue
from .positions import PositionMatrix, SpotIssues
from .spec import (CHAIN, CLASSIFY, MATRIX, QUOTE_TYPE, SOURCE_CUE, SPOT, TRACE, UNNAMED, VERBS, ExerciseSpec,
                   read_exercise_specs)
from .tracing import ChainOrder, TraceClaims, UnnamedSources

EXERCISE_TYPES: dict[str, type[Exercise]] = {
    CLASSIFY: ClassifySentences, SOURCE_CUE: SourceAndCue, QUOTE_TYPE: QuoteType, VERBS: ReportingVerbs,
    CHAIN: ChainOrder, TRACE: TraceClaims, UNNAMED: UnnamedSources, MATRIX: PositionMatrix, SPOT: SpotIssues}

__all__ = ["AnswerError", "Exercise", "ExerciseSpec", "Item", "ItemResult", "Result", "answer_key",
           "build_exercise", "load_exercises"]


def answer_key(exercise: Exercise) -> list[dict[str, str]]:
    """One row per item: what the student sees, the reference answer, and why (for instructors)."""
    rows = []
    for item_id, value in exercise.reference_answers().items():
        item = exercise.item(item_id)
        rows.append({"item": item_id, "text": item.text, "answer": exercise.describe(item_id, value),
                     "why": exercise.reference_text(item)})
    return rows


def build_exercise(spec: ExerciseSpec, annotation: Annotation) -> Exercise:
    return EXERCISE_TYPES[spec.type](spec, annotation)


def load_exercises(exercises_dir: str | Path | None = None, data_dir: str | Path | None = None,
                   annotation: Annotation | None = None) -> dict[str, Exercise]:
    """Every exercise by id, checked; DataError lists every problem in the data or the YAML."""
    settings = load_settings()
    annotation = annotation or load_annotation(data_dir)
    folder = Path(exercises_dir) if exercises_dir is not None else settings.exercises_dir
    specs, problems = read_exercise_specs(folder, annotation)
    if problems:
        raise DataError(problems)
    return {spec.id: build_exercise(spec, annotation) for spec in specs}
