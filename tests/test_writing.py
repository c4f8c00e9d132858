"""Free text: a rewrite and a lead are saved like every answer, checked for feedback only, never marked, and
reach the export and the instructor's report as written."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sourcelab import show_exercise
from sourcelab.course import load_course
from sourcelab.errors import AnswerError, DataError
from sourcelab.exercises.writing import KEEP, checks
from sourcelab.loading import load_annotation, load_exercises
from sourcelab.progress import write_student
from sourcelab.report.build import make_report

from .conftest import DATA

YAML = """lesson: 05_the_writers_words
exercises:
  - id: rewrite-with-source
    type: rewrite
    title: Rewrite it with a source
    prompt: Rewrite the sentence so a reader knows whose account it is.
    hint: Start with who says it.
    rewrites:
      - id: r1
        sentence: {sentence}
        models:
          - text: According to one side, it happened.
            comment: Names a side and marks the account as theirs.
          - text: One side says it happened; the other denies it.
            comment: Gives both accounts, each with its source.
  - id: your-lead
    type: write
    title: Write your own lead
    prompt: One sentence that says only what the article supports.
    hint: Who said what, when.
    tasks:
      - id: lead
        question: Your lead, in one sentence.
        checklist:
          - Every claim in it has a source.
        compare: [{first}]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    annotation = load_annotation(DATA)
    narration = next(s for s in annotation.sentences if s.label == "narration")
    out = tmp_path / "exercises"
    out.mkdir()
    (out / "05_the_writers_words.yaml").write_text(
        YAML.format(sentence=narration.id, first=annotation.sentences[0].id), encoding="utf-8")
    return out


def narration_text() -> str:
    return next(s.text for s in load_annotation(DATA).sentences if s.label == "narration")


def test_each_check_says_what_it_found_and_fires_only_on_what_it_looks_for() -> None:
    annotation, original = load_annotation(DATA), narration_text()
    copied = {c.name: c.passed for c in checks(original, original, annotation)}
    assert copied == {"marks it as someone's account": False, "names who says it": False, "keeps the content": True}
    sourced = f"According to the government, {original[0].lower()}{original[1:]}"
    found = checks(sourced, original, annotation)
    assert all(c.passed for c in found) and "“government”" in found[1].says
    short = "The government says it happened."
    kept = {c.name: c.passed for c in checks(short, original, annotation)}
    assert kept == {"marks it as someone's account": True, "names who says it": True, "keeps the content": False}
    assert KEEP == 0.6  # the rule the module states


def test_free_text_is_saved_restored_never_marked_and_shows_the_models_after(folder: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_student(answers, "Ada")
    view = show_exercise("rewrite-with-source", exercises_dir=folder, answers_dir=answers)
    assert not view.exercise.graded
    buttons = [b.description for b in view.children[-4].children]
    assert "Try again" not in buttons and "Show answers" not in buttons
    assert view.after["r1"].value == ""  # the models come only after the student has written
    view.set_answer("r1", "It happened.")
    shown = re.sub(r"<style>.*?</style>", "", view.feedback["r1"].value, flags=re.S)
    assert "Your text is saved" in shown and "not yet" in shown and not re.search(r"✓|✗|not right|Score", shown)
    assert "Names a side" in view.after["r1"].value and "1 of 1 answered; your texts are saved" in view.score.value
    again = show_exercise("rewrite-with-source", exercises_dir=folder, answers_dir=answers)  # a kernel restart
    assert again.boxes["r1"].value == "It happened." and again.answers == {"r1": "It happened."}


def test_a_text_too_long_is_refused_with_a_reason(folder: Path) -> None:
    exercise = load_exercises(folder)["your-lead"]
    with pytest.raises(AnswerError, match="longer than"):
        exercise.grade_item("lead", "x" * 5000)
    assert "saved (3 words)" in exercise.grade_item("lead", "one two three").feedback


def test_the_yaml_names_what_is_missing(tmp_path: Path, folder: Path) -> None:
    path = folder / "05_the_writers_words.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("compare: [s1]", "compare: [nowhere]"), encoding="utf-8")
    with pytest.raises(DataError, match="which is not a sentence, an evidence card or a word pair"):
        load_exercises(folder)


def test_texts_reach_the_export_and_the_report_as_written_never_scored(folder: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_student(answers, "<i>Ada</i>")
    view = show_exercise("your-lead", exercises_dir=folder, answers_dir=answers)
    view.set_answer("lead", "Russia's foreign ministry denied it; <b>the UN</b> had said yes.")
    course = load_course(exercises_dir=folder, answers_dir=answers)
    path = course.export()
    entry = json.loads(path.read_text(encoding="utf-8"))["exercises"]["your-lead"]
    assert entry["answers"] == {"lead": "Russia's foreign ministry denied it; <b>the UN</b> had said yes."}
    assert entry["score"] is None and entry["max_score"] == 0
    report = make_report(path.parent, course.exercises, course.annotation)
    assert list(report.written["text"]) == ["Russia's foreign ministry denied it; <b>the UN</b> had said yes."]
    assert "your-lead" not in report.students.columns and report.students.iloc[0]["max"] == 0
    html = report.html()
    assert "&lt;b&gt;the UN&lt;/b&gt;" in html and "<b>the UN</b>" not in html and "&lt;i&gt;Ada" in html


def test_the_report_card_shows_scores_and_texts_as_written(folder: Path, tmp_path: Path) -> None:
    from sourcelab import report_card_button

    answers = tmp_path / "answers"
    write_student(answers, "Ada <3")
    show_exercise("your-lead", exercises_dir=folder, answers_dir=answers).set_answer("lead", "A <b>bold</b> lead.")
    card_button = report_card_button(exercises_dir=folder, answers_dir=answers)
    card_button.button.click()
    path = next((answers).rglob("report-card.html"))
    assert str(path) in card_button.status.value
    page = path.read_text(encoding="utf-8")
    assert "A &lt;b&gt;bold&lt;/b&gt; lead." in page and "<b>bold</b>" not in page and "Ada &lt;3" in page
    assert "Write your own lead" in page and "Your lead, in one sentence." in page
    assert "not done yet" not in page  # the folder holds only free text: nothing marked is missing


def test_the_report_card_scores_marked_exercises(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    write_student(answers, "Bo")
    view = show_exercise("classify-sentences", answers_dir=answers)
    key = view.exercise.reference_answers()
    first = next(iter(key))
    view.choose(first, key[first])
    path = load_course(answers_dir=answers).report_card()
    page = path.read_text(encoding="utf-8")
    assert f"{view.exercise.spec.title}</td><td>1 of {len(view.exercise.items)}" in page and "not done yet" in page


def test_word_pairs_are_checked_and_shown_with_their_sources_after_saving(tmp_path: Path) -> None:
    from .conftest import ROOT

    view = show_exercise("word-pairs", exercises_dir=ROOT / "exercises", answers_dir=tmp_path / "a", record=False)
    annotation = load_annotation(DATA)
    item = view.exercise.items[0]
    pair = next(w for w in annotation.word_pairs if w.id == view.exercise.task(item.id).compare[0])
    assert view.after[item.id].value == ""  # the facts come after the student has written
    view.set_answer(item.id, "One is <i>theirs</i>, one is ours.")
    shown = view.after[item.id].value
    assert pair.other_words.split(";")[0] in shown and annotation.reference(pair.cite[0]).url in shown
    assert "<i>theirs</i>" not in shown


@pytest.mark.parametrize("column, value, message", [
    ("cite", "no-such-source", "'no-such-source' is not in references.csv"),
    ("article_words", "words the article never uses", "is not in {sentence}"),
    ("sentence", "s99", "'s99' is not a known sentence")])
def test_a_word_pair_rests_on_the_article_and_on_a_published_source(tmp_path: Path, column: str, value: str,
                                                                      message: str) -> None:
    import csv
    import shutil

    from sourcelab.validation import read_annotation

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with open(folder / "word_pairs.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    message = message.format(sentence=rows[0]["sentence"])
    rows[0][column] = value
    with open(folder / "word_pairs.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _, problems = read_annotation(folder)
    assert any(message in str(p) and "word_pairs.csv:2" in str(p) for p in problems), [str(p) for p in problems]
