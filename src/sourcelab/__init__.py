"""Source Lab: a Jupyter teaching kit on source evaluation.

Notebooks call the functions below with one line each. Heavy modules (ipywidgets, pandas,
matplotlib) load only when a function that needs them is first called, so `import sourcelab` stays
cheap for scripts and the command line.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Problem, SourceLabError
from .loading import load_annotation
from .model import Actor, Annotation, Attribution, FramingMark, Sentence, Span

if TYPE_CHECKING:
    from .widgets.viewer import ArticleViewer

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Annotation",
    "Attribution",
    "DataError",
    "FramingMark",
    "Problem",
    "Sentence",
    "SourceLabError",
    "Span",
    "__version__",
    "answer_key",
    "class_report",
    "export_button",
    "load_annotation",
    "sentence_table",
    "show",
    "show_article_facts",
    "show_chains",
    "show_charts",
    "show_viewer",
    "show_voices",
    "student_box",
    "turn_table",
    "voice_table",
]


def show_viewer(data_dir: str | Path | None = None, layers: tuple[str, ...] = ()) -> "ArticleViewer":
    """The article with switchable layers (sources, cues, quotes, narration, framing) and an inspector."""
    from .widgets.viewer import ArticleViewer

    return ArticleViewer(load_annotation(data_dir), layers)


def _answers_dir(answers_dir: str | Path | None) -> Path:
    """The folder given, or the configured one (SOURCELAB_ANSWERS, else my-answers/ in the kit)."""
    from .config import load_settings

    return Path(answers_dir) if answers_dir else load_settings().answers_dir


def show(exercise_id: str, data_dir: str | Path | None = None, exercises_dir: str | Path | None = None,
         answers_dir: str | Path | None = None):
    """The exercise with this id (from exercises/*.yaml) as a widget; answers are saved and restored."""
    from .loading import load_exercises
    from .widgets import view_for
    from .widgets.saving import Recorder

    exercises = load_exercises(exercises_dir, data_dir)
    if exercise_id not in exercises:
        raise KeyError(f"no exercise {exercise_id!r}; the exercises are: {', '.join(exercises)}")
    view = view_for(exercises[exercise_id])
    Recorder(view, _answers_dir(answers_dir)).restore()
    return view


def student_box(answers_dir: str | Path | None = None):
    """Where a student enters their name once, so their answers are saved under it."""
    from .widgets.saving import StudentBox

    return StudentBox(_answers_dir(answers_dir))


def export_button(data_dir: str | Path | None = None, exercises_dir: str | Path | None = None,
                  answers_dir: str | Path | None = None):
    """One click writes the student's submission file (the same as `python -m sourcelab export`)."""
    from .loading import load_exercises
    from .submission import export_submission
    from .widgets.saving import ExportButton

    folder = _answers_dir(answers_dir)

    def export() -> Path:
        annotation = load_annotation(data_dir)
        exercises = load_exercises(exercises_dir, annotation=annotation)
        return export_submission(folder, exercises, annotation.article_id)

    return ExportButton(export)


def answer_key(exercise_id: str, data_dir: str | Path | None = None, exercises_dir: str | Path | None = None):
    """The reference answers of one exercise with their explanations, as a pandas table (for instructors)."""
    import pandas as pd

    from .exercises import answer_key as rows
    from .loading import load_exercises

    return pd.DataFrame(rows(load_exercises(exercises_dir, data_dir)[exercise_id])).set_index("item")


def class_report(submissions_dir: str | Path | None = None, demo_count: int = 30):
    """The class report over a folder of submissions; with none there yet, over demo submissions (and says so)."""
    import tempfile

    from .config import load_settings
    from .loading import load_exercises
    from .report.build import make_report
    from .report.demo import write_demo_submissions

    folder = Path(submissions_dir) if submissions_dir else load_settings().submissions_dir
    annotation = load_annotation()
    exercises = load_exercises(annotation=annotation)
    if folder.is_dir() and any(folder.glob("*.json")):
        return make_report(folder, exercises, annotation)
    demo = Path(tempfile.mkdtemp(prefix="sourcelab-demo-submissions-"))
    write_demo_submissions(demo, demo_count, exercises, annotation.article_id)
    return make_report(demo, exercises, annotation, f"DEMO DATA: no submissions in {folder} yet, so this shows "
                       f"{demo_count} synthetic students with typical mistakes.")


def show_chains(only: list[str] | None = None, data_dir: str | Path | None = None):
    """The chain diagram of every second-hand claim (or of the attributions in `only`), drawn from the data."""
    from .diagrams import chain_figure
    from .widgets.report_view import figure_view

    return figure_view(chain_figure(load_annotation(data_dir), only), "How second-hand claims reach the reader")


def voice_table(data_dir: str | Path | None = None):
    """Words per party the reader gets in direct quotes, paraphrase, others' reports and narration (pandas)."""
    from .voices import words_by_party

    return words_by_party(load_annotation(data_dir))


def turn_table(data_dir: str | Path | None = None):
    """Per party: in how many sentences it is a source, and where it speaks first and last (pandas)."""
    from .voices import turns

    return turns(load_annotation(data_dir))


def show_voices(data_dir: str | Path | None = None):
    """Two charts drawn from the annotation: whose words the reader gets, and who speaks where."""
    from .diagrams import turns_figure, voice_figure
    from .widgets.report_view import figures_view

    annotation = load_annotation(data_dir)
    return figures_view([("Whose words, and in what form?", voice_figure(annotation)),
                         ("Who speaks where", turns_figure(annotation))])


def show_charts(report):
    """The report's charts, one under another."""
    from .widgets.report_view import charts_view

    return charts_view(report)


def show_article_facts(data_dir: str | Path | None = None):
    """What is known and unknown about the article's outlet, author, date and provenance."""
    from .widgets.viewer import article_facts

    return article_facts(load_annotation(data_dir))


def sentence_table(data_dir: str | Path | None = None):
    """The sentences with their labels as a pandas table, for a quick overview."""
    import pandas as pd

    annotation = load_annotation(data_dir)
    return pd.DataFrame([{"id": s.id, "paragraph": s.paragraph, "label": s.label, "quote": s.quote,
                          "sources": ", ".join(annotation.actor(a).name for a in s.sources),
                          "text": s.text} for s in annotation.sentences]).set_index("id")
