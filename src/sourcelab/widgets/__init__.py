"""Thin ipywidgets views over the pure modules. The only part of the kit that imports ipywidgets."""
from __future__ import annotations

from ..exercises import Exercise, exercise_type
from .choice import ChoiceView
from .exercise_view import ExerciseView
from .grid import GridView
from .source_cue import SourceCueView
from .text import TextView

VIEWS: dict[str, type[ExerciseView]] = {"choice": ChoiceView, "words": SourceCueView, "text": TextView,
                                        "grid": GridView}  # by ExerciseType.view


def view_for(exercise: Exercise) -> ExerciseView:
    """The widget for an exercise: the view family its type declares (see exercises/registry.py)."""
    return VIEWS[exercise_type(exercise.spec.type).view](exercise)
