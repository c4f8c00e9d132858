"""Grading: the per-student table, the gradebook CSV a spreadsheet opens safely, and honest attempts."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.course import load_course
from sourcelab.report.build import make_report
from sourcelab.report.demo import write_demo_submissions
from sourcelab.report.students import FORMULA_TRIGGERS, NOT_RIGHT_YET, inert
from sourcelab.submission import SUBMISSION_SCHEMA

ARTICLE_ID = "000_60bc1e2d289d0d32"


def event(item: str, value: object, at: str) -> dict:
    return {"id": f"t-{item}-{at}", "item": item, "value": value, "at": at, "correct": None}


def document(student: str, exercises: dict) -> dict:
    return {"schema": SUBMISSION_SCHEMA, "kit_version": "0", "article_id": ARTICLE_ID, "student": student,
            "exported_at": "2026-03-02T12:00:00+00:00", "exercises": exercises}


@pytest.fixture(scope="module")
def course():
    return load_course()


def classify(course):
    exercise = course.exercises["classify-sentences"]
    key = exercise.reference_answers()
    plain = [i for i in key if not any(exercise.grade_item(i, o).correct
                                       for o in exercise.item(i).options if o != key[i])]  # no second reading
    first, second, third = plain[:3]
    wrong = {i: next(o for o in exercise.item(i).options if o != key[i]) for i in (first, second, third)}
    return exercise, key, (first, second, third), wrong


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_formula_trigger_is_made_inert(trigger: str) -> None:
    assert inert(f"{trigger}SUM(A1)") == f"'{trigger}SUM(A1)"
    assert inert("Ana") == "Ana" and inert(3.5) == 3.5 and inert("") == ""


def test_report_csv_on_30_demo_students_one_row_each_and_a_formula_name_comes_out_inert(tmp_path: Path,
                                                                                          capsys) -> None:
    course = load_course()  # as the command line loads it, in this test's settings
    folder = tmp_path / "in"
    write_demo_submissions(folder, 30, course.exercises, course.annotation.article_id)
    hostile = json.loads((folder / "demo-00001.json").read_text(encoding="utf-8"))
    hostile["student"] = '=HYPERLINK("x")'
    (folder / "hostile.json").write_text(json.dumps(hostile), encoding="utf-8")
    out = tmp_path / "gradebook.csv"
    assert main(["report", str(folder), "--out", str(tmp_path / "r.html"), "--csv", str(out)]) == 0
    assert f"gradebook written to {out}" in capsys.readouterr().out
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark: spreadsheets read accents right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    graded = [k for k, e in course.exercises.items() if e.graded]  # free text is never scored
    assert header == ["student", *graded, "total", "max", "percent"]
    assert len(body) == 31 and len({r[0] for r in body}) == 31
    assert "'=HYPERLINK(\"x\")" in [r[0] for r in body]
    assert not any(cell.startswith(FORMULA_TRIGGERS) for row in rows for cell in row)
    for row in body:  # the total is the sum of the exercise columns, the percent follows from it
        scores = [float(c) for c in row[1:1 + len(graded)]]
        assert float(row[-3]) == pytest.approx(sum(scores), abs=0.05)
        assert float(row[-1]) == pytest.approx(100 * float(row[-3]) / float(row[-2]), abs=0.1)


def test_the_gradebook_grades_as_the_engine_does(tmp_path: Path, course) -> None:
    write_demo_submissions(tmp_path, 5, course.exercises, course.annotation.article_id)
    report = make_report(tmp_path, course.exercises, course.annotation)
    for path in sorted(tmp_path.glob("*.json")):
        sub = json.loads(path.read_text(encoding="utf-8"))
        row = report.students.set_index("student").loc[sub["student"]]
        for exercise_id, entry in sub["exercises"].items():
            if not course.exercises[exercise_id].graded:
                continue
            result = course.exercises[exercise_id].grade(entry["answers"])
            assert row[exercise_id] == pytest.approx(result.score, abs=0.01)


def test_per_student_table_counts_attempts_revealed_and_times(tmp_path: Path, course) -> None:
    exercise, key, (a, b, _), wrong = classify(course)
    entry = {"answers": {a: key[a], b: key[b]}, "attempts": 3, "revealed": True,
             "history": [event(a, wrong[a], "2026-03-02T10:00:00+00:00"), event(a, key[a], "2026-03-02T10:01:00+00:00"),
                         event(b, key[b], "2026-03-02T10:05:00+00:00")]}
    (tmp_path / "s.json").write_text(json.dumps(document("<b>Ana</b>", {exercise.id: entry})), encoding="utf-8")
    report = make_report(tmp_path, course.exercises, course.annotation)
    row = report.students.iloc[0]
    assert (row["student"], row[exercise.id], row["attempts"], row["answers shown"]) == ("<b>Ana</b>", 2.0, 3, 1)
    assert (row["first answer"], row["last answer"]) == ("2026-03-02T10:00:00+00:00", "2026-03-02T10:05:00+00:00")
    assert row[f"lesson {exercise.spec.lesson}"] == row[exercise.id] and row["total"] == 2.0
    html = report.html()
    assert "&lt;b&gt;Ana&lt;/b&gt;" in html and "<b>Ana</b>" not in html  # names escaped everywhere


def test_tries_before_the_right_answer_show_guessing(tmp_path: Path, course) -> None:
    exercise, key, (a, b, c), wrong = classify(course)
    other = {i: [o for o in exercise.item(i).options if o != key[i]] for i in (a, b, c)}
    history = [*(event(a, v, f"2026-03-02T10:0{n}:00+00:00") for n, v in enumerate(other[a])),
               event(a, key[a], "2026-03-02T10:08:00+00:00"),  # clicked through every wrong option first
               event(b, key[b], "2026-03-02T10:09:00+00:00"),  # right at once
               event(c, wrong[c], "2026-03-02T10:10:00+00:00"), event(c, None, "2026-03-02T10:11:00+00:00")]
    entry = {"answers": {a: key[a], b: key[b]}, "history": history}
    (tmp_path / "s.json").write_text(json.dumps(document("Bo", {exercise.id: entry})), encoding="utf-8")
    report = make_report(tmp_path, course.exercises, course.annotation)
    tries = report.tries.set_index("item")
    assert tries.loc[a, "tries before right"] == len(other[a]) and not tries.loc[a, "right at first"]
    assert tries.loc[b, "tries before right"] == 0 and tries.loc[b, "right at first"]
    assert tries.loc[c, "tries before right"] == NOT_RIGHT_YET and tries.loc[c, "answers given"] == 1
    summary = report.guessing.iloc[0]
    assert (summary["items answered"], summary["right at first"], summary["right after tries"],
            summary["not right"]) == (3, 1, 1, 1)
    final = report.tables.per_item.set_index(["exercise", "item"])["accuracy %"]
    first = report.figures(first_answers=True)  # charts draw; the numbers behind them:
    from sourcelab.report.students import first_answer_accuracy

    firsts = first_answer_accuracy(report.tries, report.tables.per_item).set_index(["exercise", "item"])["accuracy %"]
    assert final[(exercise.id, a)] == 100.0 and firsts[(exercise.id, a)] == 0.0
    assert firsts[(exercise.id, b)] == 100.0 and first


def test_demo_students_leave_a_history_so_guessing_shows(tmp_path: Path, course) -> None:
    write_demo_submissions(tmp_path, 30, course.exercises, course.annotation.article_id)
    report = make_report(tmp_path, course.exercises, course.annotation)
    assert (report.tries["tries before right"] > 0).any()
    assert report.students["first answer"].str.len().min() > 0
    assert (report.students["first answer"] <= report.students["last answer"]).all()


def test_items_found_by_trying_are_listed_per_student_and_item(tmp_path: Path, course) -> None:
    exercise, key, (a, b, _), wrong = classify(course)
    entry = {"answers": {a: key[a], b: key[b]},
             "history": [event(a, wrong[a], "2026-03-02T10:00:00+00:00"), event(a, key[a], "2026-03-02T10:01:00+00:00"),
                         event(b, key[b], "2026-03-02T10:02:00+00:00")]}
    (tmp_path / "s.json").write_text(json.dumps(document("Cy", {exercise.id: entry})), encoding="utf-8")
    report = make_report(tmp_path, course.exercises, course.annotation)
    found = report.found_by_trying()
    assert list(zip(found["student"], found["item"], found["tries before right"])) == [("Cy", a, 1)]
    assert "Items right only after wrong tries (1)" in report.html()
