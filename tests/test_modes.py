"""Practice and assessment: the same exercise, with feedback at once or with the answer only recorded."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sourcelab import show_exercise
from sourcelab.course import load_course
from sourcelab.errors import DataError
from sourcelab.loading import load_exercises
from sourcelab.progress import student_slug, write_student
from sourcelab.report.build import make_report

from .conftest import OWN_EXERCISES

VERDICTS = re.compile(r"✓|✗|◐|not right yet|\bright\b|partly right|Score:|\d+(\.\d+)? / \d+")


def visible(*widgets) -> str:
    """What the student reads in these widgets: their HTML without the style sheet."""
    return re.sub(r"<style>.*?</style>", "", " ".join(w.value for w in widgets), flags=re.S)


def with_mode(tmp_path: Path, file_mode: str | None, exercise_modes: dict[str, str] | None = None) -> Path:
    """A copy of the tests' exercise files with `mode:` written at file level and for some exercises."""
    folder = tmp_path / "exercises"
    shutil.copytree(OWN_EXERCISES, folder)
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if file_mode:
            text = text.replace("\nexercises:\n", f"\nmode: {file_mode}\nexercises:\n", 1)
        for exercise_id, mode in (exercise_modes or {}).items():
            text = text.replace(f"  - id: {exercise_id}\n", f"  - id: {exercise_id}\n    mode: {mode}\n", 1)
        path.write_text(text, encoding="utf-8")
    return folder


def test_mode_is_read_per_file_and_per_exercise(tmp_path: Path) -> None:
    folder = with_mode(tmp_path, "assessment", {"quote-type": "practice"})
    modes = {e.id: e.spec.mode for e in load_exercises(folder).values()}
    assert modes["quote-type"] == "practice" and modes["classify-sentences"] == "assessment"
    assert {e.spec.mode for e in load_exercises(OWN_EXERCISES).values()} == {"practice"}  # the default


def test_a_wrong_mode_is_named_with_its_line(tmp_path: Path) -> None:
    folder = with_mode(tmp_path, None, {"quote-type": "exam"})
    with pytest.raises(DataError) as raised:
        load_exercises(folder)
    (problem,) = [str(p) for p in raised.value.problems]
    assert "01_who_is_speaking_part1.yaml:" in problem and "'exam'" in problem and "practice, assessment" in problem


def test_assessment_records_answers_and_says_nothing_about_them(tmp_path: Path) -> None:
    folder = with_mode(tmp_path, "assessment")
    answers = tmp_path / "my-answers"
    write_student(answers, "Ada")
    view = show_exercise("classify-sentences", exercises_dir=folder, answers_dir=answers)
    key = view.exercise.reference_answers()
    first, second = list(key)[:2]
    wrong = next(o for o in view.exercise.item(second).options if o != key[second])
    view.choose(first, key[first])
    view.choose(second, wrong)
    shown = visible(*view.feedback.values(), view.score)
    assert "Answer recorded" in view.feedback[first].value and "Answer recorded" in view.feedback[second].value
    assert not VERDICTS.search(shown), shown  # the right and the wrong answer look the same
    assert f"2 of {len(view.exercise.items)} answered" in view.score.value
    buttons = [b.description for b in view.children[-4].children]
    assert "Show answers" not in buttons and "Try again" not in buttons and "Hint" in buttons
    view.show_answers()
    assert not VERDICTS.search(visible(*view.feedback.values()))
    saved = json.loads((answers / student_slug("Ada") / "classify-sentences.json").read_text(encoding="utf-8"))
    assert saved["answers"] == {first: key[first], second: wrong}
    assert [h["correct"] for h in saved["history"]] == [None, None]  # nothing graded on the student's side

    again = show_exercise("classify-sentences", exercises_dir=folder, answers_dir=answers)  # reopened
    assert again.answers == saved["answers"] and "Answer recorded" in again.feedback[first].value


def test_the_instructors_report_grades_assessment_answers(tmp_path: Path, monkeypatch) -> None:
    folder = with_mode(tmp_path, "assessment")
    answers = tmp_path / "my-answers"
    write_student(answers, "Ada")
    view = show_exercise("classify-sentences", exercises_dir=folder, answers_dir=answers)
    key = view.exercise.reference_answers()
    for item_id, value in key.items():
        view.choose(item_id, value)
    course = load_course(exercises_dir=folder, answers_dir=answers)
    path = course.export("Ada", tmp_path / "out" / "ada.json")
    report = make_report(path.parent, load_exercises(OWN_EXERCISES), course.annotation)
    row = report.students.set_index("student").loc["Ada"]
    assert row["classify-sentences"] == len(key)  # full marks, given by the instructor's key
