"""Thin ipywidgets views over the pure modules. The only part of the kit that imports ipywidgets."""
from __future__ import annotations

from ..exercises import Exercise
from ..exercises.spec import CHAIN, CLASSIFY, MATRIX, QUOTE_TYPE, SOURCE_CUE, SPOT, TRACE, UNNAMED, VERBS
from .choice import ChoiceView
from .exercise_view import ExerciseView
from .source_cue import SourceCueView

VIEWS: dict[str, type[ExerciseView]] = {
    CLASSIFY: ChoiceView, QUOTE_TYPE: ChoiceView, VERBS: ChoiceView, SOURCE_CUE: SourceCueView,
    CHAIN: ChoiceView, TRACE: ChoiceView, UNNAMED: ChoiceView, MATRIX: ChoiceView, SPOT: ChoiceView}


def view_for(exercise: Exercise) -> ExerciseView:
    return VIEWS[exercise.spec.type](exercise)
