"""A student's work as one file to hand in: versioned JSON the class report reads back.

The document's shape is built here and only here; demo submissions (report/demo.py) use the same builders.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._version import __version__
from .atomic import write_json_atomic
from .errors import AnswerError, StudentNameError
from .exercises import Exercise
from .progress import ExerciseProgress, ProgressStore, now, read_student, student_slug

SUBMISSION_SCHEMA = "sourcelab-submission/1"


def grade_saved(exercise: Exercise, answers: Mapping[str, Any]) -> tuple[dict[str, Any], float]:
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


def exercise_entry(exercise: Exercise, answers: Mapping[str, Any], *, attempts: int = 1, revealed: bool = False,
                   updated: str = "", history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One exercise of a submission: the answers that fit it, graded now against the current key (in an
    assessment copy, which has no key, the answers as given and no score: the instructor's report grades)."""
    kept, score = grade_saved(exercise, answers) if exercise.has_key else (dict(answers), None)
    if not exercise.graded:  # free text: kept as written, never scored
        score = None
    return {"lesson": exercise.spec.lesson, "type": exercise.spec.type, "answers": kept, "attempts": attempts,
            "revealed": revealed, "updated": updated, "history": history or [], "score": score,
            "max_score": len(exercise.items) if exercise.graded else 0}


def submission_document(student: str, entries: dict[str, dict[str, Any]], article_id: str, *,
                        exported_at: str | None = None, demo: bool = False,
                        key_fingerprint: str | None = None) -> dict[str, Any]:
    document = {"schema": SUBMISSION_SCHEMA, "kit_version": __version__, "article_id": article_id,
                "student": student, "exported_at": exported_at or now()}
    if key_fingerprint:  # made in an assessment copy: the report checks it was made against its own key
        document["key_fingerprint"] = key_fingerprint
    if demo:
        document["demo"] = True
    return document | {"exercises": entries}


def build_submission(student: str, saved: list[ExerciseProgress], exercises: dict[str, Exercise],
                     article_id: str, key_fingerprint: str | None = None) -> dict[str, Any]:
    entries = {p.exercise: exercise_entry(exercises[p.exercise], p.answers, attempts=p.attempts, revealed=p.revealed,
                                          updated=p.updated, history=p.history)
               for p in sorted(saved, key=lambda p: p.exercise) if p.exercise in exercises}
    return submission_document(student, entries, article_id, key_fingerprint=key_fingerprint)


def export_submission(answers_dir: Path, exercises: dict[str, Exercise], article_id: str,
                      student: str | None = None, out: Path | None = None,
                      key_fingerprint: str | None = None) -> Path:
    """Write the student's submission (default: the name entered in the lesson) and return its path."""
    student = student or read_student(answers_dir)
    if not student:
        raise StudentNameError("no student name is saved yet: enter it in the box at the top of a lesson, or "
                               "give --student NAME")
    store = ProgressStore(answers_dir, student)
    document = build_submission(student, store.all(), exercises, article_id, key_fingerprint)
    path = Path(out) if out else Path(answers_dir) / "submissions" / f"{student_slug(student)}.json"
    write_json_atomic(path, document)
    return path
