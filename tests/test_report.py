"""Submission, class report and demo data: broken files are listed, never fatal; figures are right."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcelab import class_report, show_exercise
from sourcelab.cli import main
from sourcelab.loading import load_exercises
from sourcelab.progress import student_slug, write_student
from sourcelab.report.build import make_report
from sourcelab.report.demo import write_demo_submissions
from sourcelab.submission import SUBMISSION_SCHEMA

ARTICLE_ID = "000_60bc1e2d289d0d32"


@pytest.fixture(scope="module")
def exercises(every_item):
    return every_item  # every sentence an item, whatever the YAML picks (tests/conftest.py)


def submission(student: str, answers: dict, stamp: str = "2026-03-02T10:00:00+00:00") -> dict:
    return {"schema": SUBMISSION_SCHEMA, "kit_version": "0.1.0", "article_id": ARTICLE_ID, "student": student,
            "exported_at": stamp, "exercises": {e: {"answers": a} for e, a in answers.items()}}


def put(folder: Path, name: str, document: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")


def test_export_writes_a_versioned_submission(tmp_path: Path, monkeypatch, capsys) -> None:
    answers = tmp_path / "answers"
    monkeypatch.setenv("SOURCELAB_ANSWERS", str(answers))
    write_student(answers, "Ada")
    view = show_exercise("classify-sentences")
    view.choose("s13", "narration")
    view.choose("s4", "narration")
    assert main(["export"]) == 0
    path = answers / "submissions" / f"{student_slug('Ada')}.json"
    assert capsys.readouterr().out.strip() == f"wrote {path}"
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema"] == SUBMISSION_SCHEMA and document["student"] == "Ada"
    assert document["article_id"] == "000_60bc1e2d289d0d32" and document["kit_version"]
    entry = document["exercises"]["classify-sentences"]
    assert entry["answers"] == {"s13": "narration", "s4": "narration"}
    assert entry["score"] == 1 and entry["max_score"] == len(view.exercise.items) and entry["attempts"] == 1
    assert [h["item"] for h in entry["history"]] == ["s13", "s4"]
    assert main(["export", "--out", str(tmp_path / "mine.json")]) == 0
    assert json.loads((tmp_path / "mine.json").read_text())["exercises"].keys() == {"classify-sentences"}


def test_export_without_a_name_says_what_to_do(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SOURCELAB_ANSWERS", str(tmp_path / "empty"))
    assert main(["export"]) == 1
    assert "no student name is saved yet" in capsys.readouterr().err


def test_the_export_button_does_the_same(tmp_path: Path) -> None:
    from sourcelab import export_button

    write_student(tmp_path, "Grace")
    show_exercise("quote-type", answers_dir=tmp_path).choose("s5", "direct")
    button = export_button(answers_dir=tmp_path)
    button.button.click()
    assert "Exported to" in button.status.value and (tmp_path / "submissions" / f"{student_slug('Grace')}.json").exists()


def test_scores_are_regraded_not_trusted(tmp_path: Path, exercises, annotation) -> None:
    claimed = submission("Mallory", {"classify-sentences": {"s13": "attributed"}})
    claimed["exercises"]["classify-sentences"]["score"] = 16  # a hand-edited file
    put(tmp_path, "m.json", claimed)
    report = make_report(tmp_path, exercises, annotation)
    assert report.tables.scores.loc["Mallory", "score"] == 0


def test_tables_count_right_answers_and_confusions(tmp_path: Path, exercises, annotation) -> None:
    put(tmp_path, "a.json", submission("A", {"classify-sentences": {"s13": "narration", "s14": "attributed"},
                                              "source-and-cue": {"s12": {"source": [1], "cue": [0]}}}))
    put(tmp_path, "b.json", submission("B", {"classify-sentences": {"s13": "attributed", "s14": "attributed"},
                                              "source-and-cue": {"s12": {"source": [1], "cue": [0]}}}))
    report = make_report(tmp_path, exercises, annotation)
    per_item = report.tables.per_item.set_index(["exercise", "item"])
    assert per_item.loc[("classify-sentences", "s13"), "accuracy %"] == 50.0
    assert per_item.loc[("classify-sentences", "s14"), "accuracy %"] == 0.0
    assert per_item.loc[("classify-sentences", "s1"), "answered"] == 0
    assert report.tables.confusion.loc["s14"].to_dict() == {"reference": "narration", "attributed": 2,
                                                           "narration": 0, "mixed": 0}
    wrong = report.tables.wrong_marks
    assert wrong.iloc[0].to_dict() == {"exercise": "source-and-cue", "item": "s12",
                                       "wrong answer": "source: accuses; cue: Ukraine", "students": 2}
    missed = report.most_missed(1).iloc[0]
    assert missed["sentence"] == "s14" and missed["most chosen instead"] == "attributed"


def test_broken_files_are_skipped_with_reasons_and_never_crash(tmp_path: Path, exercises, annotation,
                                                               capsys) -> None:
    folder = tmp_path / "subs"
    write_demo_submissions(folder, 12, exercises, ARTICLE_ID, seed=4)
    put(folder, "broken.json", '{"schema": "sourcelab-submission/1", "stud')
    put(folder, "empty.json", "")
    put(folder, "foreign.json", {"schema": "otherkit/2", "student": "X"})
    put(folder, "list.json", [1, 2])
    put(folder, "nameless.json", submission("  ", {}))
    put(folder, "bad-exercises.json", {"schema": SUBMISSION_SCHEMA, "student": "Y", "exercises": [1]})
    put(folder, "old.json", submission("Demo student 00003", {}, stamp="2020-01-01T00:00:00+00:00"))
    put(folder, "other-article.json", {**submission("Z", {}), "article_id": "wikinews-2019-07"})
    put(folder, "notes.txt", "hello")
    (folder / "latin.json").write_bytes('{"student": "Zoë"}'.encode("latin-1"))
    (folder / "huge.json").write_bytes(b" " * 2_100_000)
    out = tmp_path / "report.html"
    assert main(["report", str(folder), "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["students"] == 12
    reasons = {s["file"]: s["reason"] for s in summary["skipped"]}
    assert reasons == {
        "bad-exercises.json": "exercises are missing or malformed",
        "broken.json": "malformed JSON (line 1: Unterminated string starting at)",
        "empty.json": "empty file",
        "foreign.json": "foreign schema 'otherkit/2' (expected 'sourcelab-submission/1')",
        "huge.json": "oversized (2,100,000 bytes; the limit is 2,000,000)",
        "latin.json": "not UTF-8 text",
        "list.json": "not a Source Lab submission (the file holds no JSON object)",
        "nameless.json": "no student name",
        "notes.txt": "not a .json file",
        "old.json": "duplicate: 'Demo student 00003' handed in more than once; kept the newest, demo-00003.json",
        "other-article.json": "made for another article ('wikinews-2019-07'; this kit's article is "
                              "'000_60bc1e2d289d0d32'): grading it against this answer key would be meaningless",
    }
    html = out.read_text(encoding="utf-8")
    charts = len({e.spec.lesson for e in load_exercises().values()}) + 2  # per lesson, confusion, score spread
    assert html.count('<img alt="') == charts and "data:image/svg+xml;base64," in html
    assert "old.json: duplicate" in html and "For discussion" in html


def test_everything_shown_in_the_html_is_escaped(tmp_path: Path, exercises, annotation) -> None:
    put(tmp_path, "x.json", submission("<script>alert(1)</script>", {"classify-sentences": {"s13": "attributed"}}))
    put(tmp_path, "<img src=x onerror=alert(2)>.json", "{")
    html = make_report(tmp_path, exercises, annotation).html()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;.json" in html


def test_an_empty_folder_gives_an_empty_report(tmp_path: Path, exercises, annotation) -> None:
    report = make_report(tmp_path, exercises, annotation)
    assert report.summary()["students"] == 0 and "Skipped files" in report.html()


def test_demo_submissions_are_reproducible_and_realistic(tmp_path: Path, exercises, annotation) -> None:
    first = write_demo_submissions(tmp_path / "a", 40, exercises, ARTICLE_ID, seed=7)
    second = write_demo_submissions(tmp_path / "b", 40, exercises, ARTICLE_ID, seed=7)
    other = write_demo_submissions(tmp_path / "c", 40, exercises, ARTICLE_ID, seed=8)
    read = lambda paths: [json.loads(p.read_text(encoding="utf-8")) for p in paths]  # noqa: E731
    assert read(first) == read(second) != read(other)  # the seed decides, and only the seed
    report = make_report(tmp_path / "a", exercises, annotation)
    accuracy = report.tables.per_item.set_index(["exercise", "item"])["accuracy %"]
    assert accuracy[("classify-sentences", "s13")] < accuracy[("classify-sentences", "s3")]  # typical mistake


def test_demo_command_and_bad_count(tmp_path: Path, capsys) -> None:
    assert main(["demo-submissions", str(tmp_path / "d"), "--count", "3", "--seed", "1"]) == 0
    assert len(list((tmp_path / "d").glob("*.json"))) == 3
    assert main(["demo-submissions", str(tmp_path / "e"), "--count", "0"]) == 1
    assert "--count must be between 1 and 10,000" in capsys.readouterr().err
    assert main(["demo-submissions", str(tmp_path / "f"), "--count", "1000000000000"]) == 1  # would fill the disk
    assert "--count must be between 1 and 10,000" in capsys.readouterr().err and not (tmp_path / "f").exists()


def test_report_on_a_missing_folder(tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "nowhere")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_class_report_falls_back_to_labelled_demo_data(tmp_path: Path) -> None:
    report = class_report(tmp_path / "nothing-yet", demo_count=5)
    assert report.source.startswith("DEMO DATA") and report.summary()["students"] == 5


def test_the_charts_are_drawn_once_for_the_notebook_and_the_page(tmp_path: Path, exercises, annotation) -> None:
    import base64
    import gc

    from sourcelab.widgets.report_view import charts_view

    write_demo_submissions(tmp_path, 5, exercises, ARTICLE_ID)
    report = make_report(tmp_path, exercises, annotation)
    assert gc.isenabled()  # paused while the report is built, never left off
    figures = report.figures()
    assert [f for _, f in report.figures()] == [f for _, f in figures]  # the same figures, not drawn again
    images = report.chart_images()
    assert [title for title, _ in images] == [title for title, _ in figures]
    shown = [child for child in charts_view(report).children if hasattr(child, "image")]
    assert [(c.format, c.image) for c in shown] == [("svg+xml", image) for _, image in images]
    assert all("data:image/svg+xml;base64," in c.value and 'alt="' in c.value for c in shown)
    assert all(base64.b64encode(image).decode("ascii") in report.html() for _, image in images)
    first = report.chart_images(first_answers=True)
    assert len(first) == len(images) and first != images


def test_the_charts_are_kept_by_what_they_show(tmp_path: Path, exercises, annotation, monkeypatch) -> None:
    """Run again over the same submissions, the report reads its charts back instead of drawing them; one more
    submission changes the numbers, and the charts are drawn again."""
    from sourcelab.report.build import ClassReport

    submissions, cache = tmp_path / "submissions", tmp_path / "cache"
    write_demo_submissions(submissions, 6, exercises, ARTICLE_ID)
    drawn = make_report(submissions, exercises, annotation, cache_dir=cache).chart_images()
    kept = sorted((cache / "figures").glob("*.svg"))
    assert len(kept) == len(drawn) and drawn[0][1].startswith(b"<?xml")

    def no_drawing(self, key):
        raise AssertionError(f"drew {key} again")

    monkeypatch.setattr(ClassReport, "_figure", no_drawing)
    assert make_report(submissions, exercises, annotation, cache_dir=cache).chart_images() == drawn
    monkeypatch.undo()
    put(submissions, "late.json", submission("Late Student", {"classify-sentences": {"s13": "attributed"}}))
    again = make_report(submissions, exercises, annotation, cache_dir=cache).chart_images()
    assert again != drawn and len(sorted((cache / "figures").glob("*.svg"))) > len(kept)
    assert make_report(submissions, exercises, annotation).chart_images() == again  # no cache: the same picture


def test_every_submission_made_with_this_key_is_read(tmp_path: Path) -> None:
    from sourcelab.report.collect import collect_submissions

    for name in ("ada", "bo", "cy"):
        document = submission(name.capitalize(), {"classify-sentences": {"s13": "narration"}})
        put(tmp_path, f"{name}.json", document | {"key_fingerprint": "abc123"})
    collected = collect_submissions(tmp_path, ARTICLE_ID, key="abc123")
    assert [d["student"] for d in collected.submissions] == ["Ada", "Bo", "Cy"] and not collected.skipped
