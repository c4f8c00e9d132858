"""Source Lab: a Jupyter teaching kit on source evaluation.

The names below are the kit's face: what lessons call with one line each (`notebook.py`), the course
loader for scripts (`course.py`), and the errors a person may see (`errors.py`). Everything else is
reached through its module.
"""
from ._version import __version__
from .course import Course, load_course
from .errors import DataError, Problem, SourceLabError
from .loading import load_annotation
from .notebook import (answer_key, class_report, export_button, report_card_button, sentence_table, show,
                       show_article_facts, show_cards, show_chains, show_charts, show_exercise, show_passage,
                       show_renderings, show_timeline, show_viewer, show_voices, solve, student_box, turn_table,
                       voice_table)

__all__ = [
    "Course",
    "DataError",
    "Problem",
    "SourceLabError",
    "__version__",
    "answer_key",
    "class_report",
    "export_button",
    "load_annotation",
    "load_course",
    "report_card_button",
    "sentence_table",
    "show",
    "show_article_facts",
    "show_cards",
    "show_chains",
    "show_charts",
    "show_exercise",
    "show_passage",
    "show_renderings",
    "show_timeline",
    "show_viewer",
    "show_voices",
    "solve",
    "student_box",
    "turn_table",
    "voice_table",
]
