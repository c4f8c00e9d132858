"""`python -m sourcelab exercises` and `grade`, as instructors and scripts call them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.exercises.base import NOT_ANSWERED_FEEDBACK
from sourcelab.loading import load_exercises

pytestmark = pytest.mark.shipped  # these test the exercise files as they are, not the tests' own


def grade(capsys, exercise_id: str, answers_file: Path) -> tuple[int, str, str]:
    code = main(["grade", exercise_id, str(answers_file)])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, document: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_listing_exercises(capsys) -> None:
    assert main(["exercises", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    expected = [(e.id, e.spec.lesson, e.spec.type, len(e.items)) for e in load_exercises().values()]
    assert [(r["id"], r["lesson"], r["type"], r["items"]) for r in rows] == expected  # the files' order
    assert {r["lesson"] for r in rows} >= {"01_who_is_speaking_part1", "02_tracing_the_chain"}
    assert main(["exercises"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["id", "lesson", "type", "items", "title"] and len(table) == len(expected) + 1


@pytest.mark.parametrize("exercise_id", [k for k, e in load_exercises().items() if e.graded])  # whatever exercises/
# holds, free text aside (it is never marked: tests/test_writing.py)
def test_reference_answers_get_full_marks(tmp_path: Path, capsys, exercise_id: str) -> None:
    answers = load_exercises()[exercise_id].reference_answers()
    code, out, _ = grade(capsys, exercise_id, write(tmp_path, {"answers": answers}))
    result = json.loads(out)
    assert code == 0 and result["score"] == result["max_score"] and all(i["correct"] for i in result["items"])


def test_attributed_everywhere_is_not_full_marks(tmp_path: Path, capsys, annotation) -> None:
    items = [item.id for item in load_exercises(annotation=annotation)["classify-sentences"].items]
    answers = {sid: "attributed" for sid in items}
    code, out, _ = grade(capsys, "classify-sentences", write(tmp_path, {"answers": answers}))
    result = json.loads(out)
    assert code == 0 and result["exercise"] == "classify-sentences"
    expected_wrong = {sid for sid in items if "attributed" not in (annotation.sentence(sid).label,
                                                                   annotation.sentence(sid).alternative_label)}
    assert expected_wrong and result["score"] == len(items) - len(expected_wrong) and result["max_score"] == len(items)
    wrong = {i["id"]: i["feedback"] for i in result["items"] if not i["correct"]}
    assert set(wrong) == expected_wrong
    for sid, feedback in wrong.items():  # the reference answer and its explanation, from sentences.csv
        sentence = annotation.sentence(sid)
        assert f"The reference answer is “{sentence.label}”: {sentence.explanation}" in feedback


def test_a_missing_item_scores_zero_and_says_not_answered(tmp_path: Path, capsys) -> None:
    quote = load_exercises()["quote-type"]
    first = quote.items[0].id
    code, out, _ = grade(capsys, "quote-type", write(tmp_path, {"answers": {first: quote.reference_answers()[first]}}))
    items = json.loads(out)["items"]
    assert code == 0 and sum(i["score"] for i in items) == 1
    assert all(i["feedback"].startswith(NOT_ANSWERED_FEEDBACK) for i in items if i["id"] != first)


@pytest.mark.parametrize("content, message", [
    ('{"answers": [', ":1: not valid JSON (Expecting value at column 14)"),
    ('["s1"]', 'no "answers" object'),
    ('{"answers": {"FIRST": "quoted"}}', "'quoted' is not a choice for FIRST in classify-sentences"),
    ('{"answers": {"s77": "mixed"}}', "'s77' is not an item of classify-sentences"),
])
def test_malformed_files_exit_2_with_one_line(tmp_path: Path, capsys, content: str, message: str) -> None:
    first = load_exercises()["classify-sentences"].items[0].id  # whichever sentence the YAML lists first
    content, message = content.replace("FIRST", first), message.replace("FIRST", first)
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = grade(capsys, "classify-sentences", path)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err and str(path) in err


def test_missing_and_undecodable_files(tmp_path: Path, capsys) -> None:
    code, _, err = grade(capsys, "classify-sentences", tmp_path / "nope.json")
    assert code == 2 and "file not found" in err
    bad = tmp_path / "latin.json"
    bad.write_bytes('{"answers": {"s1": "café"}}'.encode("latin-1"))
    code, _, err = grade(capsys, "classify-sentences", bad)
    assert code == 2 and "not UTF-8" in err and len(err.splitlines()) == 1


def test_unknown_exercise(tmp_path: Path, capsys) -> None:
    code, _, err = grade(capsys, "spot-the-bias", write(tmp_path, {"answers": {}}))
    assert code == 2 and "unknown exercise 'spot-the-bias'" in err


def test_grade_as_a_real_command(tmp_path: Path) -> None:
    marks = load_exercises()["source-and-cue"]
    first = marks.items[0].id
    path = write(tmp_path, {"answers": {first: marks.reference_answers()[first]}})
    done = subprocess.run([sys.executable, "-m", "sourcelab", "grade", "source-and-cue", str(path)],
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["score"] == 1
