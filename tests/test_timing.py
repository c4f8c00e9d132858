"""Announced lesson times come from the lessons themselves, and follow an instructor's edits."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.exercises import build_exercise
from sourcelab.loading import load_exercises
from sourcelab.exercises.multiple_choice import Option, Question
from sourcelab.timing import LessonTime, announce, estimate, item_seconds, write_announced, write_readme_time

from .conftest import ROOT

pytestmark = pytest.mark.shipped  # these test the exercise files as they are, not the tests' own

LESSON = ROOT / "notebooks" / "01_who_is_speaking_part1.ipynb"


@pytest.fixture(scope="module")
def exercises(annotation):
    return load_exercises(annotation=annotation)


def test_every_part_of_a_lesson_is_counted(exercises, annotation) -> None:
    time = estimate(LESSON, exercises, annotation)
    assert time.reading > 5 and time.exercises > 5 and time.discussion > 0
    shown = ("source-and-cue", "quote-type", "reporting-verbs")
    assert time.exercises == pytest.approx(sum(item_seconds(exercises[e]) for e in shown) / 60)


def test_a_question_added_by_an_instructor_adds_time(exercises, annotation) -> None:
    verbs = exercises["reporting-verbs"]
    extra = Question("extra", "A new question about the verb “urged”?",
                     (Option("A first answer", True, "Why it is right."), Option("A second one", False, "Why not.")))
    more = replace(verbs.params, questions=(*verbs.params.questions, extra))
    longer = build_exercise(replace(verbs.spec, params=more), annotation)
    assert item_seconds(longer) > item_seconds(verbs)


def test_rounding_keeps_five_minute_steps_and_the_total() -> None:
    time = LessonTime("x.ipynb", reading=18.0, exercises=18.7, discussion=9.0, announced={})
    minutes = time.rounded()
    assert all(m % 5 == 0 and m > 0 for m in minutes.values()) and sum(minutes.values()) == 45
    small = LessonTime("y.ipynb", reading=1.0, exercises=0.0, discussion=0.4, announced={})
    assert small.rounded() == {"reading": 5, "discussion": 5}  # every part that exists gets a step


def test_write_puts_the_estimate_in_metadata_first_line_and_readme(tmp_path: Path) -> None:
    notebook = tmp_path / LESSON.name
    shutil.copy(LESSON, notebook)
    minutes = {"reading": 20, "exercises": 25, "discussion": 10}
    write_announced(notebook, minutes)
    data = json.loads(notebook.read_text(encoding="utf-8"))
    assert data["metadata"]["sourcelab"]["minutes"] == minutes
    first = "".join(next(c for c in data["cells"] if c["cell_type"] == "markdown")["source"])
    assert announce(minutes) in first and first.count("About ") == 1
    readme = tmp_path / "README.md"
    readme.write_text(f"| `{notebook.stem}` | 45 min | what it teaches |\n", encoding="utf-8")
    assert write_readme_time(readme, notebook.stem, 55)
    assert readme.read_text(encoding="utf-8") == f"| `{notebook.stem}` | 55 min | what it teaches |\n"
    assert not write_readme_time(readme, "99_missing", 10)


def test_the_command_lists_every_lesson(capsys) -> None:
    assert main(["timing"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[0] == "notebook"
    assert [line.split()[0] for line in lines[1:]] == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
