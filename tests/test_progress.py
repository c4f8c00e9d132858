"""Answers are never lost: saved at once, restored after a restart, safe with two lessons open,
and a damaged file or an unwritable folder costs the student nothing they could still have."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sourcelab import show_exercise, student_box
from sourcelab.errors import StudentNameError
from sourcelab.progress import ExerciseProgress, ProgressStore, read_student, student_slug, write_student


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "my-answers"
    write_student(folder, "Ada Lovelace")
    return folder


def saved(answers: Path, exercise_id: str, student: str = "Ada Lovelace") -> dict:
    return json.loads((answers / student_slug(student) / f"{exercise_id}.json").read_text(encoding="utf-8"))


def test_every_answer_is_on_disk_at_once(answers: Path) -> None:
    view = show_exercise("classify-sentences", answers_dir=answers)
    view.choose("s13", "narration")
    assert saved(answers, "classify-sentences")["answers"] == {"s13": "narration"}
    view.choose("s4", "mixed")
    data = saved(answers, "classify-sentences")
    assert data["answers"] == {"s13": "narration", "s4": "mixed"}
    assert [(h["item"], h["value"], h["correct"]) for h in data["history"]] == [
        ("s13", "narration", True), ("s4", "mixed", False)]
    assert "Saved for Ada Lovelace" in view.status.value
    assert not [p for p in (answers / student_slug("Ada Lovelace")).iterdir() if p.suffix == ".tmp"]  # no leftovers


def test_reopening_restores_answers_attempts_score_and_revealed_answers(answers: Path) -> None:
    first = show_exercise("quote-type", answers_dir=answers)
    first.choose("s5", "direct")
    first.choose("s9", "direct")
    first.retry()  # s9 was wrong: cleared, attempt 2
    first.choose("s9", "both")
    first.show_answers()
    again = show_exercise("quote-type", answers_dir=answers)
    assert again.choosers["s5"].value == "direct" and again.choosers["s9"].value == "both"
    assert again.attempts == 2 and again.revealed
    assert f"Score: 2 / {len(again.exercise.items)}" in again.score.value
    assert "Welcome back, Ada Lovelace" in again.status.value


def test_source_and_cue_marks_come_back_in_the_sentence(answers: Path) -> None:
    show_exercise("source-and-cue", answers_dir=answers).mark("s5", [0], [1])  # "She" / "added"
    again = show_exercise("source-and-cue", answers_dir=answers)
    assert again.marks["s5"] == {0: "source", 1: "cue"}
    assert again.texts["s5"].marks == {"0": "source", "1": "cue"}  # what the browser paints
    assert "Right." in again.feedback["s5"].value


KERNEL = textwrap.dedent("""
    import os, sys
    from sourcelab import show_exercise
    view = show_exercise("classify-sentences", answers_dir=sys.argv[1])
    if sys.argv[2] == "answer":
        view.choose("s13", "narration")
        view.choose("s14", "narration")
        os._exit(9)  # the kernel dies mid-lesson: no clean shutdown, no flush at exit
    print(sorted((k, v) for k, v in view.answers.items()))
""")


def test_a_kernel_that_dies_mid_lesson_loses_nothing(answers: Path) -> None:
    died = subprocess.run([sys.executable, "-c", KERNEL, str(answers), "answer"], capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    restarted = subprocess.run([sys.executable, "-c", KERNEL, str(answers), "read"], capture_output=True, text=True,
                               check=True)
    assert restarted.stdout.strip() == "[('s13', 'narration'), ('s14', 'narration')]"


WRITER = textwrap.dedent("""
    import sys
    from sourcelab import show_exercise
    view = show_exercise(sys.argv[2], answers_dir=sys.argv[1])
    for round in range(int(sys.argv[3])):  # many saves, each a different answer
        for item in view.exercise.items:
            view.set_answer(item.id, item.options[round % len(item.options)])
    for item_id, value in view.exercise.reference_answers().items():
        view.set_answer(item_id, value)
""")


def test_two_lessons_open_at_once_lose_no_answer(answers: Path) -> None:
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(answers), exercise, "3"], stderr=subprocess.PIPE)
               for exercise in ("classify-sentences", "quote-type")]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    from sourcelab.loading import load_exercises

    exercises = load_exercises()
    for exercise_id in ("classify-sentences", "quote-type"):
        assert saved(answers, exercise_id)["answers"] == exercises[exercise_id].reference_answers()
        assert len(saved(answers, exercise_id)["history"]) >= 3 * len(exercises[exercise_id].items)


@pytest.mark.parametrize("damage", [b"{\"schema\": \"sourcelab-progress/1\", \"answ", b"\xff\xfe garbage", b"[]",
                                    b'{"schema": "sourcelab-progress/1", "exercise": "quote-type", "answers": 3}'])
def test_a_damaged_file_is_kept_aside_and_the_student_goes_on(answers: Path, damage: bytes) -> None:
    path = answers / student_slug("Ada Lovelace") / "quote-type.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    view = show_exercise("quote-type", answers_dir=answers)
    kept = list(path.parent.glob("quote-type.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    assert "were damaged" in view.status.value and kept[0].name in view.status.value
    view.choose("s5", "direct")
    assert saved(answers, "quote-type")["answers"] == {"s5": "direct"}


def test_an_unwritable_folder_keeps_work_in_memory_and_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the answers folder should be", encoding="utf-8")
    store = ProgressStore(blocker, "Ada")
    progress = ExerciseProgress("quote-type", "01_who_is_speaking_part1", {"s5": "direct"})
    assert store.save(progress) is False
    assert "cannot be saved" in store.take_notices()[0]
    assert store.load("quote-type").answers == {"s5": "direct"}  # still there in memory
    assert store.save(progress) is False and store.take_notices() == []  # said once, not at every click


def test_an_unwritable_folder_in_the_widget(tmp_path: Path, monkeypatch) -> None:
    answers = tmp_path / "answers"
    write_student(answers, "Ada")
    import sourcelab.progress as progress_module

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(progress_module, "write_json_atomic", refuse)
    view = show_exercise("quote-type", answers_dir=answers)
    view.choose("s5", "direct")
    assert "sl-feedback-right" in view.feedback["s5"].value  # the exercise still works
    assert "cannot be saved" in view.status.value and "Permission denied" in view.status.value
    assert view.answers == {"s5": "direct"}


def test_without_a_name_nothing_is_saved_until_one_is_entered(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    view = show_exercise("quote-type", answers_dir=answers)
    assert "not saved yet" in view.status.value
    view.choose("s5", "direct")
    assert "Not saved" in view.status.value and not answers.exists()
    box = student_box(answers)
    box.name.value = "Grace"
    box.save_button.click()
    assert "Thank you, Grace" in box.status.value and read_student(answers) == "Grace"
    view.choose("s11", "indirect")  # the next answer saves everything so far
    assert saved(answers, "quote-type", "Grace")["answers"] == {"s5": "direct", "s11": "indirect"}


def test_names_become_safe_folder_names() -> None:
    slug = student_slug("  Zoë O'Neil / 7b ")
    assert re.fullmatch(r"Zoë_O_Neil_7b-[0-9a-f]{10}", slug) and "/" not in slug
    with pytest.raises(StudentNameError, match="enter a name"):
        student_slug(" ../ ")
    with pytest.raises(StudentNameError, match="at most 100 characters"):
        student_slug("a" * 101)


def test_an_empty_name_is_refused_in_the_box(tmp_path: Path) -> None:
    box = student_box(tmp_path)
    box.name.value = "   "
    box.save_button.click()
    assert "enter a name or student id" in box.status.value and read_student(tmp_path) is None
