"""A course: one article's annotation and its exercises, loaded together, and what people do with them.

The notebook face (`notebook.py`), the command line and the benchmarks all start from `load_course`, so
"read the annotation, then the exercises built on it" is written once. Heavy parts (pandas, matplotlib)
load only when a report is asked for.
"""
from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Settings, exercises_for, load_settings
from .errors import UnknownExerciseError
from .exercises import Exercise
from .loading import load_annotation, load_exercises
from .model import Annotation

if TYPE_CHECKING:
    from .report.build import ClassReport

DEMO_COUNT = 30  # synthetic students in a demo report: a class's worth


@dataclass(frozen=True)
class Course:
    settings: Settings
    annotation: Annotation
    exercises: dict[str, Exercise]

    def exercise(self, exercise_id: str) -> Exercise:
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise UnknownExerciseError(exercise_id, self.exercises) from None

    def export(self, student: str | None = None, out: str | Path | None = None) -> Path:
        """Write a student's submission (default: the name entered in the lessons); returns its path."""
        from .submission import export_submission

        return export_submission(self.settings.answers_dir, self.exercises, self.annotation.article_id,
                                 student=student, out=Path(out) if out else None,
                                 key_fingerprint=self.annotation.metadata.get("key_fingerprint"))

    def report_card(self, student: str | None = None, out: str | Path | None = None) -> Path:
        """Write the student's report card (default: beside their answers) and return its path."""
        from .atomic import write_text_atomic
        from .errors import StudentNameError
        from .progress import ProgressStore, read_student, student_slug
        from .report.card import report_card_html
        from .submission import build_submission

        student = student or read_student(self.settings.answers_dir)
        if not student:
            raise StudentNameError("no student name is saved yet: enter it in the box at the top of a lesson")
        document = build_submission(student, ProgressStore(self.settings.answers_dir, student).all(), self.exercises,
                                    self.annotation.article_id)
        titles = {e.spec.lesson: e.spec.lesson.split("_", 1)[-1].replace("_", " ").capitalize()
                  for e in self.exercises.values()}
        path = Path(out) if out else self.settings.answers_dir / student_slug(student) / "report-card.html"
        write_text_atomic(path, report_card_html(document, self.exercises, titles))
        return path

    def class_report(self, submissions_dir: str | Path | None = None) -> ClassReport:
        """The class report over a folder of submissions (default: the configured one)."""
        from .report.build import make_report

        folder = Path(submissions_dir) if submissions_dir else self.settings.submissions_dir
        return make_report(folder, self.exercises, self.annotation, cache_dir=self.settings.cache_dir)

    def demo_report(self, count: int = DEMO_COUNT, source: str = "") -> ClassReport:
        """A class report over `count` synthetic students; their files are gone once it is made."""
        from .report.build import make_report
        from .report.demo import write_demo_submissions

        with tempfile.TemporaryDirectory(prefix="sourcelab-demo-submissions-") as folder:
            write_demo_submissions(Path(folder), count, self.exercises, self.annotation.article_id)
            return make_report(Path(folder), self.exercises, self.annotation,
                               source or f"DEMO DATA: {count} synthetic students with typical mistakes.",
                               cache_dir=self.settings.cache_dir)


def load_course(settings: Settings | None = None, *, data_dir: str | Path | None = None,
                exercises_dir: str | Path | None = None, answers_dir: str | Path | None = None) -> Course:
    """The checked annotation and exercises; folders given here override the settings (DataError lists
    every problem in the files)."""
    settings = settings or load_settings()
    overrides = {key: Path(value) for key, value in (("data_dir", data_dir), ("exercises_dir", exercises_dir),
                                                      ("answers_dir", answers_dir)) if value is not None}
    if data_dir is not None and exercises_dir is None:  # another article: its pack's own exercises, if it has them
        overrides["exercises_dir"] = exercises_for(Path(data_dir), settings.exercises_dir)
    settings = dataclasses.replace(settings, **overrides)
    annotation = load_annotation(settings.data_dir)
    return Course(settings, annotation, load_exercises(settings.exercises_dir, annotation=annotation))
