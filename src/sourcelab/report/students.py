"""Per student: what a gradebook needs, and how each item was reached.

Grades come from the regraded item table (tables.item_rows), so a student's grade always follows today's
answer key. Tries come from each exercise's history, every answer given in order, regraded the same way:
a student who clicked through the options until one was right shows it here, however the final score reads.
The gradebook CSV is written for spreadsheets and learning platforms, so every text cell is made inert: a
cell a spreadsheet would run as a formula (MITRE CWE-1236, https://cwe.mitre.org/data/definitions/1236.html)
gets a leading apostrophe, which spreadsheets read as "this is text".
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..exercises import Exercise
from .tables import Grader

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NOT_RIGHT_YET = -1  # tries table: the item was answered but never right


def inert(cell: Any) -> Any:
    """A cell as a spreadsheet shows it, never runs it: text starting like a formula gets a leading apostrophe."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS) else cell


def _times(entry: dict[str, Any]) -> list[str]:
    stamps = [str(e.get("at")) for e in entry.get("history", []) if isinstance(e, dict) and e.get("at")]
    return stamps or ([str(entry["updated"])] if entry.get("updated") else [])


def student_table(submissions: Iterable[dict[str, Any]], exercises: dict[str, Exercise],
                  items: pd.DataFrame) -> pd.DataFrame:
    """One row per student: score per exercise and per lesson, total, percent, attempts, answers shown, and
    when they first and last answered."""
    submissions = list(submissions)
    scores = items.groupby(["student", "exercise"], observed=True)["score"].sum().unstack(fill_value=0.0)
    scores = scores.reindex(columns=list(exercises), fill_value=0.0)
    lessons = list(dict.fromkeys(e.spec.lesson for e in exercises.values()))
    maximum = sum(len(e.items) for e in exercises.values())
    score_of = scores.to_dict("index")  # student -> exercise -> score: one lookup per cell, not a .loc each
    rows = []
    for submission in submissions:
        student = submission["student"].strip()
        done = {k: v for k, v in submission["exercises"].items() if k in exercises and isinstance(v, dict)}
        row: dict[str, Any] = {"student": student}
        own = score_of.get(student, {})
        for exercise_id in exercises:
            row[exercise_id] = round(float(own.get(exercise_id, 0.0)), 2)
        for lesson in lessons:
            row[f"lesson {lesson}"] = round(sum(row[e.id] for e in exercises.values() if e.spec.lesson == lesson), 2)
        row["total"] = round(sum(row[e] for e in exercises), 2)
        row["max"] = maximum
        row["percent"] = round(100 * row["total"] / maximum, 1) if maximum else 0.0
        row["attempts"] = sum(int(e.get("attempts", 1)) for e in done.values())
        row["answers shown"] = sum(1 for e in done.values() if e.get("revealed"))
        stamps = sorted(stamp for e in done.values() for stamp in _times(e))
        row["first answer"] = stamps[0] if stamps else ""
        row["last answer"] = stamps[-1] if stamps else ""
        rows.append(row)
    columns = (["student", *exercises, *(f"lesson {lesson}" for lesson in lessons), "total", "max", "percent",
                "attempts", "answers shown", "first answer", "last answer"])
    return pd.DataFrame(rows, columns=columns).sort_values("student", key=lambda s: s.str.casefold()).reset_index(drop=True)


def tries_table(submissions: Iterable[dict[str, Any]], exercises: dict[str, Exercise],
                grade: Grader | None = None) -> pd.DataFrame:
    """One row per student and answered item: how many answers were given, and how many of them came before
    the first right one (0: right at once; NOT_RIGHT_YET: never right). Items with no history count their
    saved answer as the only one."""
    grade = grade or Grader(exercises)  # the class tables' grader knows most answers already: the final ones
    rows = []
    for submission in submissions:
        student = submission["student"].strip()
        for exercise_id, entry in submission["exercises"].items():
            exercise = exercises.get(exercise_id)
            if exercise is None or not isinstance(entry, dict):
                continue
            known = {item.id for item in exercise.items}
            given: dict[str, list[Any]] = {}
            for event in entry.get("history", []):
                if isinstance(event, dict) and event.get("item") in known and event.get("value") is not None:
                    given.setdefault(event["item"], []).append(event["value"])
            for item_id, value in entry.get("answers", {}).items():
                if item_id in known and item_id not in given:
                    given[item_id] = [value]
            for item_id, values in given.items():
                verdicts = [grade(exercise, item_id, v)[1] for v in values]
                before = verdicts.index(True) if True in verdicts else NOT_RIGHT_YET
                rows.append((student, exercise_id, item_id, len(values), before, verdicts[0] is True))
    return pd.DataFrame(rows, columns=["student", "exercise", "item", "answers given", "tries before right",
                                       "right at first"])


def first_answer_accuracy(tries: pd.DataFrame, per_item: pd.DataFrame) -> pd.DataFrame:
    """The per-item table with accuracy counted on first answers only: guessing until right does not count."""
    firsts = tries.groupby(["exercise", "item"])["right at first"].mean().mul(100).round(1)
    out = per_item.copy()
    out["accuracy %"] = [float(firsts.get((e, i), 0.0)) for e, i in zip(out["exercise"], out["item"])]
    return out


def guessing_summary(tries: pd.DataFrame) -> pd.DataFrame:
    """Per student: items answered, right at first, reached only after wrong tries, never right."""
    if tries.empty:
        return pd.DataFrame(columns=["student", "items answered", "right at first", "right after tries",
                                     "not right", "most tries on one item"])
    marks = tries.assign(after=tries["tries before right"] > 0, never=tries["tries before right"] == NOT_RIGHT_YET)
    grouped = marks.groupby("student")
    out = pd.DataFrame({
        "items answered": grouped.size(),
        "right at first": grouped["right at first"].sum(),
        "right after tries": grouped["after"].sum(),
        "not right": grouped["never"].sum(),
        "most tries on one item": grouped["answers given"].max(),
    }).reset_index()
    return out.sort_values("student", key=lambda s: s.str.casefold()).reset_index(drop=True)


def written_table(submissions: Iterable[dict[str, Any]], exercises: dict[str, Exercise]) -> pd.DataFrame:
    """One row per student and text: the exercise, what it asked, and the text as written."""
    rows = []
    for submission in submissions:
        student = submission["student"].strip()
        for exercise_id, exercise in exercises.items():
            answers = submission["exercises"].get(exercise_id, {}).get("answers", {})
            for item in exercise.items:
                text = answers.get(item.id)
                if isinstance(text, str) and text.strip():
                    rows.append((student, exercise_id, item.id, item.text, text.strip()))
    frame = pd.DataFrame(rows, columns=["student", "exercise", "item", "asked", "text"])
    return frame.sort_values(["student", "exercise", "item"], key=lambda s: s.str.casefold()).reset_index(drop=True)


def gradebook_csv(students: pd.DataFrame, exercises: dict[str, Exercise]) -> str:
    """One row per student, one column per exercise, then total, max and percent; every text cell inert."""
    columns = ["student", *exercises, "total", "max", "percent"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180 line ends: what spreadsheets expect
    writer.writerow([inert(c) for c in columns])
    for row in students[columns].itertuples(index=False):
        writer.writerow([inert(c) for c in row])
    return out.getvalue()
