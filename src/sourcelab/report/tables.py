"""Submissions regraded against today's answer key and summarised as pandas tables."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import AnswerError
from ..exercises import Exercise
from ..exercises.sentence_choice import CLASSIFY
from ..exercises.source_cue import SOURCE_CUE

NOT_ANSWERED_CELL = "(not answered)"
INVALID_CELL = "(no longer a valid answer)"


@dataclass
class ClassTables:
    items: pd.DataFrame  # one row per student, exercise and item: answer, correct, score
    per_exercise: pd.DataFrame
    per_item: pd.DataFrame
    confusion: pd.DataFrame  # classify-sentences: sentence x chosen label, counts
    wrong_marks: pd.DataFrame  # source-and-cue: the most common wrong marks per sentence
    scores: pd.DataFrame  # one row per student: score, max, percent
    grade: "Grader | None" = None  # graded every distinct answer above: tries_table reuses what it knows


class Grader:
    """Grades each distinct (exercise, item, answer) once: a class repeats the same answers many times."""

    def __init__(self, exercises: dict[str, Exercise]) -> None:
        self.exercises = exercises
        self.cache: dict[tuple[str, str, str], tuple[str, bool, float]] = {}

    def __call__(self, exercise: Exercise, item_id: str, value: Any) -> tuple[str, bool, float]:
        if value is None:
            return NOT_ANSWERED_CELL, False, 0.0
        plain = value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)
        key = (exercise.id, item_id, plain)
        if key not in self.cache:
            try:
                result = exercise.grade_item(item_id, value)
                self.cache[key] = (exercise.describe(item_id, value), result.correct, result.score)
            except AnswerError:
                self.cache[key] = (INVALID_CELL, False, 0.0)
        return self.cache[key]


def item_rows(submissions: list[dict[str, Any]], exercises: dict[str, Exercise],
              grade: Grader | None = None) -> pd.DataFrame:
    grade = grade or Grader(exercises)
    rows = []
    for submission in submissions:
        student = submission["student"].strip()
        done = submission["exercises"]
        for exercise in exercises.values():
            answers = done.get(exercise.id, {}).get("answers", {})
            for item in exercise.items:
                answer, correct, score = grade(exercise, item.id, answers.get(item.id))
                rows.append((student, exercise.spec.lesson, exercise.id, item.id, answer, correct, score))
    columns = ["student", "lesson", "exercise", "item", "answer", "correct", "score"]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("student", "lesson", "exercise", "item", "answer"):
        frame[column] = frame[column].astype("category")
    return frame


def build_tables(submissions: list[dict[str, Any]], exercises: dict[str, Exercise]) -> ClassTables:
    grader = Grader(exercises)
    items = item_rows(submissions, exercises, grader)
    answered = items["answer"].astype(str) != NOT_ANSWERED_CELL

    mean_score = items.groupby(["exercise", "student"], observed=True)["score"].sum().groupby(level=0).mean()
    per_exercise = pd.DataFrame({
        "lesson": [exercises[e].spec.lesson for e in exercises],
        "title": [exercises[e].spec.title for e in exercises],
        "items": [len(exercises[e].items) for e in exercises],
        "students answering": [int(items[answered & (items["exercise"] == e)]["student"].nunique()) for e in exercises],
        "mean score": [round(float(mean_score.get(e, 0.0)), 2) for e in exercises],
    }, index=pd.Index(list(exercises), name="exercise"))
    per_exercise["mean %"] = (100 * per_exercise["mean score"] / per_exercise["items"]).round(1)

    grouped = items.groupby(["exercise", "item"], observed=True)
    answered_count = answered.groupby([items["exercise"], items["item"]], observed=True).sum()
    accuracy = grouped["correct"].mean() * 100
    per_item = pd.DataFrame(
        [(e.id, i.id, int(answered_count.get((e.id, i.id), 0)), round(float(accuracy.get((e.id, i.id), 0.0)), 1),
          i.text[:90]) for e in exercises.values() for i in e.items],
        columns=["exercise", "item", "answered", "accuracy %", "text"])

    confusion = pd.DataFrame()
    classify = next((e for e in exercises.values() if e.spec.type == CLASSIFY), None)
    if classify is not None:
        rows = items[(items["exercise"] == classify.id) & answered]
        confusion = pd.crosstab(rows["item"].astype(str), rows["answer"].astype(str))
        reference = classify.reference_answers()
        confusion = confusion.reindex(index=[i for i in reference if i in confusion.index], fill_value=0)
        confusion = confusion.reindex(columns=[o for o in classify.params.options] +
                                      [c for c in confusion.columns if c not in classify.params.options], fill_value=0)
        confusion.insert(0, "reference", [reference[i] for i in confusion.index])
        confusion.index.name = "sentence"

    wrong_marks = pd.DataFrame(columns=["exercise", "item", "wrong answer", "students"])
    marks = next((e for e in exercises.values() if e.spec.type == SOURCE_CUE), None)
    if marks is not None:
        wrong = items[(items["exercise"] == marks.id) & answered & ~items["correct"]]
        counted = (wrong.groupby(["item", "answer"], observed=True).size().rename("students").reset_index()
                   .sort_values(["item", "students"], ascending=[True, False]))
        counted = counted.groupby("item", observed=True, sort=False).head(3)
        position = {item.id: n for n, item in enumerate(marks.items)}
        counted = counted.sort_values(["item", "students"], ascending=[True, False],
                                      key=lambda col: col.astype(str).map(position) if col.name == "item" else col)
        wrong_marks = counted.rename(columns={"answer": "wrong answer"})
        wrong_marks.insert(0, "exercise", marks.id)
        wrong_marks = wrong_marks.reset_index(drop=True)

    totals = items.groupby("student", observed=True)["score"].sum()
    maximum = sum(len(e.items) for e in exercises.values())
    scores = pd.DataFrame({"score": totals.round(2), "max": maximum})
    scores["percent"] = (100 * scores["score"] / maximum).round(1)
    return ClassTables(items, per_exercise, per_item, confusion, wrong_marks, scores, grader)
