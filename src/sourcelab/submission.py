"""A student's work as one file to hand in: versioned JSON the class report reads back."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_json_atomic
from .exercises import AnswerError, Exercise
from .progress import ExerciseProgress, ProgressStore, now, read_student, student_slug

SUBMISSION_SCHEMA = "sourcelab-submission/1"


def grade_saved(exercise: Exercise, answers: dict[str, Any]) -> tuple[dict[str, Any], float]:
    """The answers that still fit the exercise, and their score (answers to changed items are dropped)."""
    kept, score = {}, 0.0
    for item_id, value in answers.items():
        try:
            result = exercise.grade_item(item_id, value)
        except AnswerError:
            continue
        kept[item_id] = value
        score += result.score
    return kept, round(score, 2)


def build_submission(student: str, saved: list[ExerciseProgress], exercises: dict[str, Exercise],
                     article_id: str) -> dict[str, Any]:
    entries = {}
    for progress in sorted(saved, key=lambda p: p.exercise):
        exercise = exercises.get(progress.exercise)
        if exercise is None:
            continue
        answers, score = grade_saved(exercise, progress.answers)
        entries[progress.exercise] = {
            "lesson": exercise.spec.lesson, "type": exercise.spec.type, "answers": answers,
            "attempts": progress.attempts, "revealed": progress.revealed, "updated": progress.updated,
            "history": progress.history, "score": score, "max_score": len(exercise.items)}
    return {"schema": SUBMISSION_SCHEMA, "kit_version": __version__, "article_id": article_id,
            "student": student, "exported_at": now(), "exercises": entries}


def export_submission(answers_dir: Path, exercises: dict[str, Exercise], article_id: str,
                      student: str | None = None, out: Path | None = None) -> Path:
    """Write the student's submission (default: the name entered in the lesson) and return its path."""
    student = student or read_student(answers_dir)
    if not student:
        raise ValueError("no student name is saved yet: enter it in the box at the top of a lesson, or give "
                         "--student NAME")
    store = ProgressStore(answers_dir, student)
    document = build_submission(student, store.all(), exercises, article_id)
    path = Path(out) if out else Path(answers_dir) / "submissions" / f"{student_slug(student)}.json"
    write_json_atomic(path, document)
    return path
