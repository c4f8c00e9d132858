"""Answers are never lost, not even across two windows, and one bad file never stops a lesson or a report.

One test (or more) per finding of issue 9; each failed before the fix.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from sourcelab import load_annotation, show_exercise, student_box
from sourcelab.cli import main
from sourcelab.atomic import write_text_atomic
from sourcelab.errors import (AnswerError, AnswersFileError, DataError, Problem, StudentNameError, UnknownExerciseError,
                             UsageError)
from sourcelab.loading import load_exercises
from sourcelab.progress import (ExerciseProgress, ProgressStore, legacy_slug, normalise_name, student_slug,
                                write_student)
from sourcelab.report.collect import collect_submissions
from sourcelab.submission import SUBMISSION_SCHEMA, export_submission

from .conftest import DATA, ROOT, edit

KILLTEST = ROOT / "tools" / "killtest.py"


def saved(answers: Path, student: str, exercise: str) -> dict:
    return json.loads((answers / student_slug(student) / f"{exercise}.json").read_text(encoding="utf-8"))


# --- 1. two writers, same exercise, same student --------------------------------------------------------

def test_two_windows_of_one_student_keep_each_others_answers(tmp_path: Path) -> None:
    write_student(tmp_path, "Ada")
    first, second = show_exercise("quote-type", answers_dir=tmp_path), show_exercise("quote-type", answers_dir=tmp_path)
    key = first.exercise.reference_answers()
    windows = [first, second]
    for turn, item in enumerate(key):  # the windows take turns, each on its own items
        windows[turn % 2].choose(item, key[item])
    data = saved(tmp_path, "Ada", "quote-type")
    assert data["answers"] == key  # every answer either window was told is saved
    assert len({event["id"].split("-")[0] for event in data["history"]}) == 2  # both histories kept
    last = windows[(len(key) - 1) % 2]
    assert "another window" in last.status.value and last.answers == key  # and the window shows them


def test_the_later_answer_to_one_item_wins_and_a_cleared_one_stays_cleared(tmp_path: Path) -> None:
    write_student(tmp_path, "Ada")
    first, second = show_exercise("quote-type", answers_dir=tmp_path), show_exercise("quote-type", answers_dir=tmp_path)
    first.choose("s5", "indirect")
    second.choose("s5", "direct")
    first.choose("s9", "both")
    assert saved(tmp_path, "Ada", "quote-type")["answers"] == {"s5": "direct", "s9": "both"}
    second.retry()  # clears nothing that is right...
    first.choose("s9", None)  # ...but a cleared answer is recorded as cleared
    assert saved(tmp_path, "Ada", "quote-type")["answers"] == {"s5": "direct"}


def test_two_processes_lose_nothing() -> None:
    done = subprocess.run([sys.executable, str(KILLTEST), "--kills", "0", "--two-writers", "2", "--json"],
                          capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout)["two writers"]
    assert figures["answers reported saved"] == 32 and figures["lost"] == 0 and figures["items missing"] == 0


# --- the kill test, small (make killtest runs 1,000) ----------------------------------------------------

def test_killed_kernels_lose_no_saved_answer() -> None:
    done = subprocess.run([sys.executable, str(KILLTEST), "--kills", "8", "--two-writers", "0", "--json",
                           "--seed", "7"], capture_output=True, text=True, timeout=300, check=True)
    figures = json.loads(done.stdout)["kill test"]
    assert figures["kills"] == 8 and figures["saves reported"] > 0
    assert figures["lost"] == figures["unreadable"] == figures["leftovers"] == 0, figures


# --- 2. a new name in the same kernel -------------------------------------------------------------------

def test_a_new_name_starts_from_that_students_own_answers(tmp_path: Path) -> None:
    write_student(tmp_path, "Bob")
    show_exercise("quote-type", answers_dir=tmp_path).choose("s10", "direct")  # Bob, earlier, on this machine
    write_student(tmp_path, "Alice")
    view = show_exercise("quote-type", answers_dir=tmp_path)
    view.choose("s5", "direct")
    box = student_box(tmp_path)
    box.name.value = "Bob"
    box.save_button.click()
    view.choose("s9", "both")
    assert saved(tmp_path, "Alice", "quote-type")["answers"] == {"s5": "direct"}  # nothing of Bob's
    bob = saved(tmp_path, "Bob", "quote-type")
    assert bob["answers"] == {"s10": "direct", "s9": "both"}  # nothing of Alice's
    assert all(event["item"] != "s5" for event in bob["history"])
    assert view.answers == {"s10": "direct", "s9": "both"} and "Now saving for Bob" in view.status.value


def test_answers_given_before_a_name_go_to_the_first_name(tmp_path: Path) -> None:
    view = show_exercise("quote-type", answers_dir=tmp_path)
    view.choose("s5", "direct")
    write_student(tmp_path, "Grace")
    view.choose("s9", "both")
    assert saved(tmp_path, "Grace", "quote-type")["answers"] == {"s5": "direct", "s9": "both"}


# --- 3. names that collide ------------------------------------------------------------------------------

def test_names_that_read_alike_get_folders_of_their_own() -> None:
    names = ["a.b", "a b", "a/b", "a_b", "Anna M.", "Anna M", "x" * 60 + "1", "x" * 60 + "2"]
    assert len({student_slug(n) for n in names}) == len(names)
    nfc, nfd = "José", unicodedata.normalize("NFD", "José")
    assert nfc != nfd and student_slug(nfc) == student_slug(nfd)  # one person, typed two ways
    assert student_slug("  Ada   Lovelace ") == student_slug("Ada Lovelace")


def test_one_student_never_opens_anothers_answers(tmp_path: Path) -> None:
    for name, answer in (("a.b", "direct"), ("a b", "indirect")):
        write_student(tmp_path, name)
        show_exercise("quote-type", answers_dir=tmp_path).choose("s5", answer)
    write_student(tmp_path, "a.b")
    assert show_exercise("quote-type", answers_dir=tmp_path).answers == {"s5": "direct"}


def test_answers_saved_by_an_older_kit_are_still_found(tmp_path: Path) -> None:
    old = tmp_path / legacy_slug("Ada Lovelace") / "quote-type.json"
    old.parent.mkdir(parents=True)
    old.write_text(json.dumps(ExerciseProgress("quote-type", "x", {"s5": "direct"}).to_json()), encoding="utf-8")
    write_student(tmp_path, "Ada Lovelace")
    view = show_exercise("quote-type", answers_dir=tmp_path)
    assert view.answers == {"s5": "direct"}
    view.choose("s9", "both")
    assert saved(tmp_path, "Ada Lovelace", "quote-type")["answers"] == {"s5": "direct", "s9": "both"}


def submission(student: str, stamp: str = "2026-03-01T10:00:00+00:00") -> dict:
    return {"schema": SUBMISSION_SCHEMA, "student": student, "article_id": "a", "exported_at": stamp,
            "exercises": {"quote-type": {"answers": {"s5": "direct"}}}}


def test_the_report_merges_only_identical_names_and_lists_look_alikes(tmp_path: Path) -> None:
    documents = {"1.json": submission("José"), "2.json": submission(unicodedata.normalize("NFD", "José"),
                                                                     "2026-03-02T10:00:00+00:00"),
                 "3.json": submission("Anna M."), "4.json": submission("Anna M")}
    for name, document in documents.items():
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")
    collected = collect_submissions(tmp_path)
    assert sorted(normalise_name(d["student"]) for d in collected.submissions) == ["Anna M", "Anna M.", "José"]
    assert [s.file for s in collected.skipped] == ["1.json"] and "duplicate" in collected.skipped[0].reason
    assert collected.near_matches == [("Anna M", "Anna M.")]


# --- 4. one bad file stops nothing ----------------------------------------------------------------------

DEEP = "[" * 5000 + "]" * 5000


def test_a_deeply_nested_or_unreadable_submission_is_skipped(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "deep.json").write_text(DEEP, encoding="utf-8")
    (tmp_path / "locked.json").write_text(json.dumps(submission("Lou")), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps(submission("Ada")), encoding="utf-8")
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:  # chmod 000 does not stop root, who runs CI: refuse like the kernel would
        if path.name == "locked.json":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    collected = collect_submissions(tmp_path)
    reasons = {s.file: s.reason for s in collected.skipped}
    assert reasons == {"deep.json": "nested too deeply to be a submission",
                       "locked.json": "cannot be read (Permission denied)"}
    assert [d["student"] for d in collected.submissions] == ["Ada"]


def test_a_deeply_nested_saved_answers_file_is_set_aside(tmp_path: Path) -> None:
    write_student(tmp_path, "Ada")
    path = tmp_path / student_slug("Ada") / "quote-type.json"
    path.parent.mkdir(parents=True)
    path.write_text(DEEP, encoding="utf-8")
    view = show_exercise("quote-type", answers_dir=tmp_path)
    assert "were damaged (nested too deeply)" in view.status.value
    assert len(list(path.parent.glob("quote-type.json.corrupt-*"))) == 1
    view.choose("s5", "direct")
    exported = export_submission(tmp_path, load_exercises(), "a")  # export reads the folder again: it goes on
    assert json.loads(exported.read_text(encoding="utf-8"))["exercises"]["quote-type"]["answers"] == {"s5": "direct"}


def test_grade_refuses_deep_huge_and_endless_input(tmp_path: Path, capsys) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as stream:
        stream.truncate(3_000_000)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path, message in ((deep, "nested too deeply"), (huge, "larger than 2,000,000 bytes"),
                          (fifo, "not a regular file"), (Path("/dev/zero"), "not a regular file")):
        assert main(["grade", "quote-type", str(path)]) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.splitlines()) == 1, err


# --- 5. unbounded input ---------------------------------------------------------------------------------

def test_check_caps_what_it_prints_and_refuses_huge_files(data_copy: Path, capsys) -> None:
    rows = (data_copy / "sentences.csv").read_text(encoding="utf-8").splitlines()
    junk = [f"x{n},1,0,5,junk,wrong,,,none,e," for n in range(600)]
    (data_copy / "sentences.csv").write_text("\n".join(rows + junk) + "\n", encoding="utf-8")
    assert main(["check", str(data_copy)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 201 and lines[-1].startswith("… and ") and "more problem(s) not shown" in lines[-1]
    (data_copy / "article.txt").write_text("x" * 6_000_000, encoding="utf-8")
    assert main(["check", str(data_copy)]) == 1
    assert "article.txt: file is larger than 5,000,000 bytes" in capsys.readouterr().out


def test_the_nearest_offset_is_found_on_either_side() -> None:
    from sourcelab.cells import nearest as _nearest

    text = "ab Zak cd Zak ef Zak"
    assert _nearest(text, "Zak", 8) == 10 and _nearest(text, "Zak", 5) == 3 and _nearest(text, "Zak", 0) == 3
    assert _nearest(text, "Zak", 20) == 17 and _nearest(text, "Nope", 4) is None


# --- 6. YAML aliases ------------------------------------------------------------------------------------

def test_yaml_anchors_and_aliases_are_refused(data_copy: Path, tmp_path: Path, capsys) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'
    edit(data_copy / "article.yaml", 'id: "000_60bc1e2d289d0d32"', "id: &x\n  " + bomb.replace("\n", "\n  "))
    started = time.perf_counter()
    assert main(["check", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "anchors and aliases (& and *) are not allowed in the kit's files" in out
    assert time.perf_counter() - started < 30  # refused at the first anchor, never expanded
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    (exercises / "01_x.yaml").write_text("exercises:\n  - id: &e quote-type\n    type: *e\n", encoding="utf-8")
    assert main(["check", str(DATA), "--exercises", str(exercises)]) == 1
    assert "01_x.yaml:2: is not valid YAML: it uses an anchor or alias (& or *)" in capsys.readouterr().out


# --- 7. exercise ids are never paths --------------------------------------------------------------------

def test_an_exercise_id_that_is_a_path_is_refused(tmp_path: Path, capsys) -> None:
    exercises = tmp_path / "exercises"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exercises", exercises)  # the tests' own files
    edit(exercises / "01_who_is_speaking_part1.yaml", "  - id: quote-type\n", "  - id: ../../../../tmp/x/ESCAPED\n")
    assert main(["check", str(DATA), "--exercises", str(exercises)]) == 1
    assert "exercise id '../../../../tmp/x/ESCAPED' cannot be used" in capsys.readouterr().out
    with pytest.raises(UsageError, match="is not an exercise id"):
        ProgressStore(tmp_path, "Ada").path("../../x")


# --- 8. the report's folder walk ------------------------------------------------------------------------

def test_every_entry_not_read_is_listed_and_nothing_is_followed(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(submission("Ada")), encoding="utf-8")
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps(submission("Mallory")), encoding="utf-8")
    (folder / "link.json").symlink_to(outside)
    (folder / "dangling.json").symlink_to(tmp_path / "missing.json")
    (folder / "sub").mkdir()
    (folder / ".hidden.json").write_text("{}", encoding="utf-8")
    os.mkfifo(folder / "pipe.json")
    (folder / "forged\n  skipped good.json: fake.json").write_text("{}", encoding="utf-8")
    collected = collect_submissions(folder)
    reasons = {s.file: s.reason for s in collected.skipped}
    assert [d["student"] for d in collected.submissions] == ["Ada"]
    assert reasons["link.json"].startswith("a symbolic link") and reasons["dangling.json"].startswith("a symbolic")
    assert reasons["sub"].startswith("a folder") and reasons[".hidden.json"] == "a hidden file"
    assert reasons["pipe.json"] == "not a regular file"
    assert main(["report", str(folder), "--out", str(tmp_path / "r.html")]) == 0
    out = capsys.readouterr().out.splitlines()
    listed = collect_submissions(folder, load_annotation(DATA).article_id).skipped  # the kit's article, not "a"
    assert len([line for line in out if line.startswith("  skipped ")]) == len(listed)  # one line each
    forged = [line for line in out if line.startswith("  skipped forged")]
    assert len(forged) == 1 and forged[0].startswith("  skipped forged\\n  skipped good.json: fake.json: not a")


# --- 9. leftovers and plain messages --------------------------------------------------------------------

def test_leftover_temporary_files_are_cleaned_when_a_store_opens(tmp_path: Path) -> None:
    write_student(tmp_path, "Ada")
    folder = tmp_path / student_slug("Ada")
    folder.mkdir(parents=True)
    fresh = folder / ".quote-type.json.abc123.tmp"  # left by a kernel killed mid-write of this exercise
    stale = folder / ".classify-sentences.json.def456.tmp"  # another exercise's, a day old
    for leftover in (fresh, stale):
        leftover.write_text("{half a fi", encoding="utf-8")
    os.utime(stale, (time.time() - 86400, time.time() - 86400))
    show_exercise("quote-type", answers_dir=tmp_path)
    assert not fresh.exists() and not stale.exists()


def test_a_permission_problem_is_told_as_file_problem_and_fix(monkeypatch, capsys) -> None:
    import sourcelab.cli as cli

    def refuse(_args):
        raise PermissionError(13, "Permission denied", "class/ada.json")

    monkeypatch.setattr(cli, "_exercises", refuse)
    assert main(["exercises"]) == 1
    assert capsys.readouterr().err.strip() == ("class/ada.json: permission denied, check that it exists and that you "
                                               "may read and write it")


# --- 10. issue 10: files as the umask says, solutions never in a student's folder, one error tree -------------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    previous = os.umask(umask)
    try:
        write_text_atomic(tmp_path / "class-report.html", "<p>report</p>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "class-report.html").stat().st_mode) == mode  # a shared folder can read it


def test_a_solution_run_leaves_the_students_answers_alone(tmp_path: Path) -> None:
    write_student(tmp_path, "Ada")
    mine = show_exercise("quote-type", answers_dir=tmp_path)
    first = mine.exercise.items[0]
    wrong = next(o for o in first.options if o != mine.exercise.reference_answers()[first.id])
    mine.choose(first.id, wrong)  # Ada's own (wrong) answer
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    solution = show_exercise("quote-type", answers_dir=tmp_path, record=False)
    assert solution.answers == {}  # nothing of Ada's is shown, either
    for item_id, value in solution.exercise.reference_answers().items():
        solution.set_answer(item_id, value)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("error", [
    DataError([Problem("data/sentences.csv", 6, "label", "unknown value 'atributed'", "use one of: ...")]),
    AnswerError("'quoted' is not a choice for s1"), AnswersFileError("answers.json: not valid JSON"),
    UnknownExerciseError("spot-bias", ["quote-type"]), StudentNameError("no student name is saved yet"),
    UsageError("--count must be between 1 and 10,000")])
def test_the_command_line_says_a_kit_error_once_with_its_exit_status(monkeypatch, capsys, error) -> None:
    import sourcelab.cli as cli

    def fail(_args):
        raise error

    monkeypatch.setattr(cli, "_exercises", fail)
    assert main(["exercises"]) == error.exit_code
    assert capsys.readouterr().err == f"exercises: {error}\n"  # the message only: no traceback, no class name
    assert error.exit_code == (2 if isinstance(error, (AnswerError, AnswersFileError, UnknownExerciseError)) else 1)
