"""Lesson 4's evidence from outside the article: data/context/ checked cell by cell, its exercises graded from
it, its cards shown only after a first guess, every text escaped."""
from __future__ import annotations

import csv
import io
import shutil
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest

from sourcelab import show_cards, show_exercise, show_renderings, show_timeline
from sourcelab.cli import main
from sourcelab.evidence import CONCLUSION_LABELS, CONCLUSIONS, MAX_QUOTE_WORDS
from sourcelab.exercises.evidence import NO_CARD, RETHINK, RETHINK_DEFAULT, day_label
from sourcelab.loading import load_annotation, load_exercises
from sourcelab.render import cards_html, renderings_html

from .conftest import DATA, ROOT
from .test_check import LINE, row_of

CONTEXT = DATA / "context"


def rows(name: str) -> list[dict[str, str]]:
    with open(CONTEXT / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def rewrite(path: Path, ident: str, **cells: str) -> None:
    """Change some cells of the row with this id, keeping every other byte of the file's content."""
    with open(path, encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    header = list(table[0])
    for row in table:
        if row["id"] == ident:
            row.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")


def check_lines(folder: Path, capsys, exercises: Path | None = None) -> tuple[int, list[str]]:
    code = main(["check", str(folder), *(["--exercises", str(exercises)] if exercises else [])])
    return code, capsys.readouterr().out.splitlines()


# --- check ---------------------------------------------------------------------------------------------------

def test_a_broken_card_gives_one_line_per_fault(data_copy: Path, capsys) -> None:
    first, second, third = (r["id"] for r in rows("cards.csv")[:3])
    rewrite(data_copy / "context" / "cards.csv", first, url="")
    rewrite(data_copy / "context" / "cards.csv", second, quote=" ".join(["word"] * 80))
    rewrite(data_copy / "context" / "cards.csv", third, date="19 April 2022")
    code, lines = check_lines(data_copy, capsys)
    cards = str(data_copy / "context" / "cards.csv")
    assert code == 1 and all(LINE.match(line) for line in lines), lines
    assert lines == [
        f"{cards}:{row_of('context/cards.csv', first)}: url: is empty, fill it in",
        f"{cards}:{row_of('context/cards.csv', second)}: quote: is 80 words long, quote at most {MAX_QUOTE_WORDS} "
        "words, where the exact wording is the point, and say the rest in your own words",
        f"{cards}:{row_of('context/cards.csv', third)}: date: '19 April 2022' is not a date written YYYY-MM-DD (or "
        "YYYY-MM, or YYYY), write the source's date as YYYY-MM-DD (YYYY-MM or YYYY when it shows no day, n.d. when "
        "it shows no date)"]


def test_an_exercise_naming_an_unknown_card_or_finding_is_named_with_its_line(tmp_path: Path, capsys) -> None:
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    (exercises / "04_leave_the_article.yaml").write_text(
        "exercises:\n  - id: weigh\n    type: weigh-evidence\n    title: T\n    prompt: P\n    hint: H\n"
        "    findings: [letters, no-such-finding]\n    cards: [un-0420, no-such-card]\n", encoding="utf-8")
    code, lines = check_lines(DATA, capsys, exercises)
    path = exercises / "04_leave_the_article.yaml"
    assert code == 1 and lines[0].startswith(f"{path}:7: exercise 'weigh' names finding 'no-such-finding', which is "
                                             "not in findings.csv, use one of: ")
    assert lines[1].startswith(f"{path}:8: exercise 'weigh' names card 'no-such-card', which is not in cards.csv")
    assert len(lines) == 2


@pytest.mark.parametrize("file, ident, cells, expected", [
    ("dates.csv", "last-wednesday", {"phrase": "Last Thursday"},
     "phrase: 'Last Thursday' is not in sentence s7, copy the time words exactly from the sentence"),
    ("dates.csv", "last-wednesday", {"options": "2022-04-06;2022-04-20"},
     "options: do not include the date 2022-04-13, add it: students choose from these"),
    ("dates.csv", "on-tuesday", {"cards": "reuters-post;no-card"}, "cards: 'no-card' is not a card in cards.csv"),
    ("findings.csv", "bucha-staged", {"cards": "mod-0403"},
     "cards: a statement contradicted needs a card of kind finding, add the card that shows it, or change conclusion"),
    ("findings.csv", "reached-putin", {"cards": "un-0420"},
     "cards: a statement the record leaves open is shown by no card, clear cards, and say in explanation what the "
     "record does and does not show"),
    ("findings.csv", "letters", {"conclusion": "proven"},
     f"conclusion: unknown value 'proven', use one of: {', '.join(CONCLUSIONS)}"),
    ("renderings.csv", "denial-article", {"text": "A long comment: no."},
     "text: 'A long comment: no.' is not in article.txt, copy the article's words exactly"),
    ("renderings.csv", "denial-ria", {"language": "Russian"},
     "language: 'Russian' is not a language code, write a code such as en, ru or uk"),
])
def test_each_context_problem_names_file_row_and_column(data_copy: Path, capsys, file, ident, cells, expected) -> None:
    rewrite(data_copy / "context" / file, ident, **cells)
    code, lines = check_lines(data_copy, capsys)
    hits = [line for line in lines if line.startswith(f"{data_copy / 'context' / file}:{row_of('context/' + file, ident)}:")]
    assert code == 1 and hits and expected in hits[0], lines


def test_a_passage_needs_two_renderings_and_a_timeline_card_a_full_date(data_copy: Path, capsys) -> None:
    rewrite(data_copy / "context" / "renderings.csv", "denial-sputnik", passage="a passage of its own")
    labelled = next(r["id"] for r in rows("cards.csv") if r["label"])
    rewrite(data_copy / "context" / "cards.csv", labelled, date="2022-04")
    code, lines = check_lines(data_copy, capsys)
    assert code == 1
    assert any("passage: 'a passage of its own' has only one rendering" in line for line in lines), lines
    assert any(f":{row_of('context/cards.csv', labelled)}: label: a card on the timeline needs a full date" in line
               for line in lines), lines


def test_without_a_context_folder_the_other_lessons_still_load(data_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(data_copy / "context")
    annotation = load_annotation(data_copy)
    assert annotation.context.cards == () and annotation.context.published is None
    lessons_0_to_3 = tmp_path / "exercises"
    shutil.copytree(ROOT / "tests" / "fixtures" / "exercises", lessons_0_to_3)
    (lessons_0_to_3 / "04_leave_the_article.yaml").unlink()
    assert load_exercises(lessons_0_to_3, annotation=annotation)


# --- engine --------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def context(annotation):
    return annotation.context


def test_dates_come_from_dates_csv(context) -> None:
    exercise = load_exercises()["date-the-article"]
    for item in exercise.items:
        phrase = context.dated(item.id)
        assert item.labels == tuple(day_label(o) for o in phrase.options)
        right = exercise.grade_item(item.id, phrase.day.isoformat())
        assert right.correct and right.feedback == f"Right. {phrase.reasoning}"
        wrong = next(o.isoformat() for o in phrase.options if o != phrase.day)
        assert exercise.grade_item(item.id, wrong).feedback == f"Not quite. {phrase.clue}"
        assert exercise.describe(item.id, phrase.day.isoformat()) == day_label(phrase.day)


def test_weighing_grades_conclusion_and_card_from_findings_csv(context) -> None:
    exercises = load_exercises()
    for exercise in (e for e in exercises.values() if e.spec.type == "weigh-evidence"):
        for finding_id in exercise.params.findings:
            finding = context.finding(finding_id)
            conclusion = exercise.grade_item(f"{finding_id}-conclusion", finding.conclusion)
            assert conclusion.correct and finding.explanation in conclusion.feedback
            for other in (c for c in CONCLUSIONS if c != finding.conclusion):
                wrong = exercise.grade_item(f"{finding_id}-conclusion", other)
                assert not wrong.correct
                assert wrong.feedback == f"Not quite. {RETHINK.get((finding.conclusion, other), RETHINK_DEFAULT)}"
            for card in (*exercise.params.cards, NO_CARD):
                result = exercise.grade_item(f"{finding_id}-card", card)
                assert result.correct == (card in finding.cards or (card == NO_CARD and not finding.cards)), card
            assert exercise.describe(f"{finding_id}-conclusion", finding.conclusion) == CONCLUSION_LABELS[
                finding.conclusion]


def test_the_cards_offered_are_those_the_findings_cite_plus_those_the_yaml_adds(annotation) -> None:
    shipped = load_exercises(annotation=annotation)["check-the-claim"]
    cited = list(dict.fromkeys(c for f in shipped.params.findings for c in annotation.context.finding(f).cards))
    assert list(shipped.params.cards) == cited
    extra = type(shipped)(replace(shipped.spec, params=replace(shipped.params, cards=(*cited, "eu-rt"))), annotation)
    assert extra.item(f"{shipped.params.findings[0]}-card").options == (*cited, "eu-rt", NO_CARD)
    wrong = extra.grade_item(f"{shipped.params.findings[0]}-card", "eu-rt")
    assert not wrong.correct and annotation.context.card("eu-rt").facts in wrong.feedback


# --- views ---------------------------------------------------------------------------------------------------

def test_cards_wait_for_the_first_guess() -> None:
    guess = show_exercise("first-guess", record=False)
    deck = show_cards(kind="publisher", after=guess)
    assert not deck.revealed and "once you have answered" in deck.waiting.value and deck.deck.value == ""
    question = guess.exercise.items[0]
    guess.choosers[question.id].value = question.options[0]  # any answer, right or wrong, is a commitment
    assert deck.revealed and deck.waiting.value == ""
    assert all(f'data-card="{c.id}"' in deck.deck.value for c in deck.cards)
    assert {c.kind for c in deck.cards} == {"publisher"}


def test_cards_already_answered_show_at_once_and_unknown_cards_are_named(annotation) -> None:
    guess = show_exercise("first-guess", record=False)
    question = guess.exercise.items[0]
    guess.choose(question.id, question.options[1])
    assert show_cards(kind="publisher", after=guess).revealed
    named = show_cards([annotation.context.cards[0].id])
    assert [c.id for c in named.cards] == [annotation.context.cards[0].id]
    notice = show_cards(["no-such-card"])
    assert "sl-missing-cards" in notice._dom_classes and "unknown card(s) &#x27;no-such-card&#x27;" in notice.value


def test_every_card_and_rendering_text_is_escaped(annotation) -> None:
    card = replace(annotation.context.cards[0], source="<script>alert(1)</script>", quote="a <b>bold</b> claim",
                   facts="x & y", url="javascript:alert(1)")
    html = cards_html([card])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;bold" in html and "x &amp; y" in html
    assert 'href="javascript' not in html  # an address that is not http(s) stays inert text
    rendering = replace(annotation.context.renderings[1], text="<img src=x onerror=alert(1)>")
    context = replace(annotation.context, renderings=(annotation.context.renderings[0], rendering))
    assert "<img" not in renderings_html(context, rendering.passage)


def test_renderings_mark_the_words_the_article_does_not_use(annotation) -> None:
    context = annotation.context
    for passage, renderings in context.passages().items():
        html = renderings_html(context, passage)
        article = renderings[0]
        assert article.card == "article" and escape(article.text, quote=True) in html  # the article's, unmarked
        for other in renderings[1:]:
            if other.language == article.language:
                assert "sl-differs" in html
            else:
                assert escape(other.text, quote=True) in html  # another language: shown as it is, unmarked
    assert "sl-renderings" in show_renderings().value


def test_the_timeline_places_every_labelled_card_and_the_article(annotation) -> None:
    image = show_timeline()
    assert image.png.startswith(b"\x89PNG") and image.alt.startswith("What happened when")
    assert f'alt="{escape(image.alt, quote=True)}"' in image.value  # the picture's text alternative
    from sourcelab.diagrams import timeline_figure

    figure = timeline_figure(annotation)
    texts = [t.get_text() for t in figure.axes[0].texts]
    labelled = [c for c in annotation.context.cards if c.label]
    assert all(any(f"[{c.id}]" in t for t in texts) for c in labelled)
    assert any(t.startswith("the article: ") for t in texts)
