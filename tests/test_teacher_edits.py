"""The edits docs/exercises.md teaches (reword, reorder, hide answers, add a question, leave an exercise out)
keep `make test` green: applied to a copy of exercises/, the copy passes `check`, every test that reads the
exercise files, and every lesson and solution notebook."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sourcelab.cli import main

from .conftest import DATA, ROOT

pytestmark = pytest.mark.shipped  # these test the exercise files as they are, not the tests' own


def _block(lines: list[str], start: int, indent: str) -> int:
    """The end (exclusive) of the YAML list entry that starts at `start`: the next entry at the same indent."""
    end = start + 1
    while end < len(lines) and not (lines[end].startswith(indent + "- ") or
                                   (lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) < len(indent))):
        end += 1
    return end


def _exercise(lines: list[str], exercise_id: str) -> tuple[int, int]:
    start = lines.index(f"  - id: {exercise_id}\n")
    return start, _block(lines, start, "  ")


def teacher_edits(folder: Path) -> dict[str, str]:
    """Apply the documented edits, each as docs/exercises.md tells a teacher to; returns what was done."""
    files = {p.name: p for p in folder.glob("*.yaml")}
    specs = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in files.values()}
    kind_of = {e["id"]: (name, e["type"]) for name, doc in specs.items() for e in doc["exercises"]}
    done = {}

    def first(kind: str) -> tuple[str, str]:
        return next((ex_id, name) for ex_id, (name, k) in kind_of.items() if k == kind)

    # (1), (2) reword a prompt and a hint; (4) hide Show answers: all on the first classify-sentences
    ex_id, name = first("classify-sentences")
    lines = files[name].read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _exercise(lines, ex_id)
    for key, text in (("prompt", "Label each sentence by who is speaking in it."),
                      ("hint", "Look for a source and a reporting word such as “said”, “told” or “according to”.")):
        at = next(i for i in range(start, end) if lines[i].startswith(f"    {key}:"))
        stop = at + 1
        while stop < end and lines[stop].startswith("      ") and not lines[stop].lstrip().startswith("- "):
            stop += 1
        lines[at:stop] = [f"    {key}: {text}\n"]
        start, end = _exercise(lines, ex_id)
    at = next(i for i in range(start, end) if lines[i].startswith("    show_answer:"))
    lines[at] = "    show_answer: false\n"
    # reorder: the options of the same exercise, line by line
    at = next(i for i in range(start, end) if lines[i].startswith("    options:"))
    lines[at + 1], lines[at + 2] = lines[at + 2], lines[at + 1]
    files[name].write_text("".join(lines), encoding="utf-8")
    done["reworded, reordered, answers hidden"] = ex_id

    # (6) add a question: copy the first question of the first reporting-verbs, give it its own id and text
    ex_id, name = first("reporting-verbs")
    lines = files[name].read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _exercise(lines, ex_id)
    q_start = next(i for i in range(start, end) if lines[i].startswith("      - id: "))
    q_end = _block(lines, q_start, "      ")
    copy = [line.replace("      - id: ", "      - id: again-", 1) if n == 0 else
            line.replace("question: ", "question: Once more, ", 1) for n, line in enumerate(lines[q_start:q_end])]
    lines[q_end:q_end] = copy
    files[name].write_text("".join(lines), encoding="utf-8")
    done["question added"] = ex_id

    # (8) leave an exercise out: the last exercise of the lesson-2 file
    name = next(n for n in sorted(files) if n.startswith("02_"))
    dropped = specs[name]["exercises"][-1]["id"]
    lines = files[name].read_text(encoding="utf-8").splitlines(keepends=True)
    start, end = _exercise(lines, dropped)
    del lines[start:end]
    files[name].write_text("".join(lines), encoding="utf-8")
    done["left out"] = dropped
    return done


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("teacher") / "exercises"
    shutil.copytree(ROOT / "exercises", folder)
    teacher_edits(folder)
    return folder


def test_the_edits_are_real_and_check_accepts_them(edited: Path, capsys) -> None:
    assert main(["check", str(DATA), "--exercises", str(edited)]) == 0, capsys.readouterr().out
    shipped = {e["id"] for f in (ROOT / "exercises").glob("*.yaml") for e in yaml.safe_load(f.read_text())["exercises"]}
    now = {e["id"] for f in edited.glob("*.yaml") for e in yaml.safe_load(f.read_text())["exercises"]}
    assert len(now) == len(shipped) - 1  # one exercise left out
    assert "show_answer: false" in "".join(f.read_text() for f in edited.glob("*.yaml"))
    assert "id: again-" in "".join(f.read_text() for f in edited.glob("*.yaml"))


def test_the_suite_and_every_notebook_stay_green_on_the_edited_copy(edited: Path) -> None:
    env = {**os.environ, "SOURCELAB_EXERCISES": str(edited)}
    # Only what reads the exercise files (marked `shipped`: those tests, and every notebook cell) can change;
    # the rest of the suite runs on the tests' own files and is the same with or without the edits.
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "shipped",
                           "--nbval-lax", "tests", "notebooks", "solutions", "--ignore=tests/browser",
                           "--ignore=tests/test_teacher_edits.py"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
