"""A student's assessment copy: it runs every lesson, it holds no answer key in any form, and what students
answer in it is graded by the instructor's kit exactly as the engine grades it."""
from __future__ import annotations

import csv
import json
import os
import random
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.course import load_course
from sourcelab.errors import UsageError
from sourcelab.exercises.released import key_fingerprint, shown_value
from sourcelab.release import LEFT_OUT, release
from sourcelab.report.build import make_report
from sourcelab.report.demo import demo_submission

from .conftest import DATA, ROOT

VERDICT = re.compile(r"✓|✗|◐|not right yet|partly right|Score:")


@pytest.fixture(scope="module")
def course():
    return load_course(exercises_dir=ROOT / "exercises")  # the shipped lessons' exercises, as a teacher releases


@pytest.fixture(scope="module")
def copy(course, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "class-7b"
    release(out, "assessment", course=course)
    return out


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def key_texts(course) -> set[str]:
    """Everything in the instructor's kit that explains or states an answer, as text to search for."""
    texts: set[str] = set()
    for row in rows("sentences.csv"):
        texts |= {row["explanation"], row["debatable"], row["quote_debatable"]}
    for name, column in (("framing.csv", "note"), ("positions.csv", "note"), ("context/dates.csv", "reasoning"),
                         ("context/dates.csv", "clue"), ("context/findings.csv", "explanation")):
        texts |= {row[column] for row in rows(name)}
    for exercise in course.exercises.values():
        for item in exercise.items:
            texts.add(exercise.reference_text(item))
    return {t.strip() for t in texts if len(t.strip()) > 25}


def copy_files(copy: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in copy.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_the_copy_holds_what_students_need_and_nothing_for_the_instructor(copy: Path) -> None:
    names = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert {"Makefile", "README.md", "pyproject.toml", "data/article.txt", "data/released.json",
            "exercises/released.json", "tests/test_student_copy.py", "RELEASE.json"} <= names
    assert {n.split("/")[0] for n in names} <= {"Makefile", "README.md", "pyproject.toml", "environment.yml",
                                                "postBuild", "conftest.py", ".gitignore", "RELEASE.json", "config",
                                                "src", "data", "exercises", "notebooks", "tests"}
    assert not any(n.startswith(("solutions/", "docs/", "notebooks/instructor", "tools/")) for n in names)
    assert not any(n.endswith((".csv", ".yaml", ".yml")) for n in names - {"environment.yml"})  # no annotation
    assert "solutions" not in (copy / "Makefile").read_text(encoding="utf-8")
    assert (copy / "data" / "article.txt").read_text(encoding="utf-8") == (DATA / "article.txt").read_text(encoding="utf-8")


def test_no_file_in_the_copy_holds_any_part_of_the_key(copy: Path, course) -> None:
    files = copy_files(copy)
    explanations = key_texts(course)
    annotation = course.annotation
    label_of = {s.id: s.label for s in annotation.sentences}
    quote_of = {s.id: s.quote for s in annotation.sentences}
    for path, text in files.items():
        where = path.relative_to(copy)
        assert not [t for t in explanations if t in text], where  # no explanation, note, reasoning or feedback
        if path.suffix in (".json", ".ipynb", ".md"):  # the copy's content (src/ is the kit's code, the same for all)
            assert not re.search(r"\bcorrect\b\s*[:=]|\"correct\"|\"answer\"|\"reference\"|\"explanation\"|"
                                 r"\"feedback\"", text), where
            plain = re.sub(r"https?://\S+", "", text)  # web addresses of the cards are not ids
            assert not re.search(r"\ba\d+\b|\bp\d+\b(?!-)|\bvia\b", plain), where  # no attribution, position, chain
            for sid in label_of:  # no sentence paired with its label or its quotation type
                near = rf"(?<![\w-]){sid}(?![\w-])[^\n]{{0,60}}"
                assert not re.search(near + rf"\b({label_of[sid]}|{quote_of[sid]})\b", plain), (where, sid)
    data = json.loads(files[copy / "data" / "released.json"])
    assert set(data) == {"schema", "text", "metadata", "sentences", "passages", "cards", "renderings"}
    assert "origin" not in data["metadata"] and all(len(s) == 4 for s in data["sentences"])
    for entry in json.loads(files[copy / "exercises" / "released.json"])["exercises"]:
        grid = entry.pop("grid", None)  # a grid exercise's layout: headings, letters and its own item ids
        assert set(entry) == {"id", "type", "lesson", "title", "prompt", "hint", "mode", "show_answer", "graded",
                              "parts", "items", "help"}
        assert (grid is not None) == (entry["type"] == "position-matrix")
        if grid:
            shown = {o for row in grid["rows"] for cell in row["cells"] for part in cell for o in part["shown"]}
            assert not [o for o in shown if re.fullmatch(r"[ap]\d+|article", o)]
            assert {p["item"] for row in grid["rows"] for cell in row["cells"] for p in cell} == {
                i["id"] for i in entry["items"]}
        assert entry["mode"] == "assessment"
        assert all(set(i) == {"id", "text", "options", "sentence", "labels"} for i in entry["items"])
        for item in entry["items"]:  # options are what students read, never ids that could match the item's
            assert not [o for o in item["options"] if re.fullmatch(r"[ap]\d+|article", o)], (entry["id"], item["id"])


def test_passages_that_name_a_graded_item_are_left_out(copy: Path, course) -> None:
    graded = {i.sentence for e in course.exercises.values() for i in e.items if i.sentence}
    passages = json.loads((copy / "data" / "released.json").read_text(encoding="utf-8"))["passages"]
    record = json.loads((copy / "RELEASE.json").read_text(encoding="utf-8"))
    assert record["passages_left_out"] and set(record["passages_left_out"]) < set(passages)
    for key, text in passages.items():
        named = {sid for sid in graded if re.search(rf"(?<![\w-]){sid}(?![\w-])", text)}
        assert not named, (key, named)
        assert (text == LEFT_OUT) == (key in record["passages_left_out"])


def copy_env(copy: Path, answers: Path) -> dict[str, str]:
    """The copy's own code, not the kit's: as the copy runs on a student's computer."""
    return {**os.environ, "PYTHONPATH": str(copy / "src"), "SOURCELAB_ANSWERS": str(answers),
            "SOURCELAB_DATA": "", "SOURCELAB_EXERCISES": ""}


def test_every_lesson_runs_in_the_copy_and_shows_no_verdict(copy: Path, tmp_path: Path) -> None:
    from .test_packs import rendered_outputs

    env = copy_env(copy, tmp_path / "answers")
    env.pop("SOURCELAB_DATA"), env.pop("SOURCELAB_EXERCISES")
    for notebook in sorted((copy / "notebooks").glob("*.ipynb")):
        outputs = rendered_outputs(notebook, env)
        if "show_chains(" in notebook.read_text(encoding="utf-8") or "voice_table(" in notebook.read_text("utf-8"):
            assert "sl-graded-copy" in outputs, notebook.name  # the diagram and the counts give answers away
        assert not VERDICT.search(re.sub(r"<style>.*?</style>", "", outputs, flags=re.S)), notebook.name
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=copy,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]  # the copy's own `make test` checks


ANSWER_IN_THE_COPY = """
import json, re, sys
from sourcelab import show_exercise
from sourcelab.course import load_course
from sourcelab.progress import write_student
from sourcelab.config import load_settings
answers = json.load(open(sys.argv[1]))
write_student(load_settings().answers_dir, "Ada")
shown = []
for exercise_id, given in answers.items():
    view = show_exercise(exercise_id)
    assert not view.exercise.has_key
    for item_id, value in given.items():
        view.set_answer(item_id, value)
    shown += [w.value for w in view.feedback.values()] + [view.score.value]
print(json.dumps({"export": str(load_course().export("Ada")), "shown": shown}))
"""


def test_answers_given_in_the_copy_are_graded_by_the_instructors_kit_as_the_engine_does(copy: Path, course,
                                                                                        tmp_path: Path) -> None:
    rng = random.Random(7)
    made = demo_submission(rng, 1, course.exercises, course.annotation.article_id,
                           datetime(2026, 3, 1, tzinfo=timezone.utc))  # a realistic, imperfect student
    given = {eid: entry["answers"] for eid, entry in made["exercises"].items()}
    as_shown = {eid: {i: shown_value(course.exercises[eid], i, v) for i, v in answers.items()}
                for eid, answers in given.items()}  # what the student clicks: the options as the copy shows them
    (tmp_path / "given.json").write_text(json.dumps(as_shown), encoding="utf-8")
    env = copy_env(copy, tmp_path / "answers")
    env.pop("SOURCELAB_DATA"), env.pop("SOURCELAB_EXERCISES")
    done = subprocess.run([sys.executable, "-c", ANSWER_IN_THE_COPY, str(tmp_path / "given.json")], cwd=copy,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    shown = re.sub(r"<style>.*?</style>", "", " ".join(result["shown"]), flags=re.S)
    assert "Answer recorded" in shown and not VERDICT.search(shown)  # right and wrong look the same
    export = Path(result["export"])
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["key_fingerprint"] == key_fingerprint(course.exercises)
    assert all(e["score"] is None for e in document["exercises"].values())  # the copy cannot score
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ada.json").write_text(export.read_text(encoding="utf-8"), encoding="utf-8")
    report = make_report(tmp_path / "in", course.exercises, course.annotation)
    row = report.students.set_index("student").loc["Ada"]
    for exercise_id, answers in given.items():
        if not course.exercises[exercise_id].graded:
            continue
        assert row[exercise_id] == pytest.approx(course.exercises[exercise_id].grade(answers).score, abs=0.01)
    assert row["total"] < row["max"]  # an imperfect student, graded as such


def test_the_report_refuses_submissions_made_against_another_key(tmp_path: Path, course) -> None:
    made = demo_submission(random.Random(1), 1, course.exercises, course.annotation.article_id,
                           datetime(2026, 3, 1, tzinfo=timezone.utc))
    made["key_fingerprint"] = "0" * 16
    (tmp_path / "x.json").write_text(json.dumps(made), encoding="utf-8")
    report = make_report(tmp_path, course.exercises, course.annotation)
    assert report.summary()["students"] == 0
    assert "another answer key" in report.summary()["skipped"][0]["reason"]


def test_grade_and_answer_key_in_the_copy_say_there_is_no_key(copy: Path, tmp_path: Path) -> None:
    env = copy_env(copy, tmp_path / "answers")
    env.pop("SOURCELAB_DATA"), env.pop("SOURCELAB_EXERCISES")
    (tmp_path / "a.json").write_text('{"answers": {"s1": "attributed"}}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sourcelab", "grade", "classify-sentences", str(tmp_path / "a.json")],
                          cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no answer key" in done.stderr and "attributed" not in done.stdout
    done = subprocess.run([sys.executable, "-c", "from sourcelab import answer_key; answer_key('quote-type')"],
                          cwd=copy, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no answer key" in done.stderr


def test_a_practice_copy_keeps_feedback_and_drops_the_instructors_files(tmp_path: Path, course, capsys) -> None:
    out = tmp_path / "practice"
    assert main(["release", str(out), "--mode", "practice"]) == 0
    assert "wrote a practice copy" in capsys.readouterr().out
    assert (out / "data" / "sentences.csv").exists() and not (out / "solutions").exists()
    assert not (out / "docs").exists() and not (out / "notebooks" / "instructor").exists()
    assert all("mode: practice" in p.read_text(encoding="utf-8") for p in (out / "exercises").glob("*.yaml"))
    with pytest.raises(UsageError):
        release(out, "practice", course=course)  # never over an existing copy
