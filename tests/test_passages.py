"""Lessons teach the method, packs supply the examples: passages.yaml, the passages drawn from the annotation
when a key is missing, and the promise that a lesson run on another article never names the seed's people."""
from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from sourcelab.errors import DataError
from sourcelab.fallbacks import FALLBACKS, Focus, focus_for, passage
from sourcelab.loading import load_annotation, load_exercises
from sourcelab.notebook import Passage, show_cards, show_chains, show_passage
from sourcelab.passages import KEYS, PASSAGES_FILE, read_passages
from sourcelab.render import passage_html
from sourcelab.validation import read_annotation

from .conftest import DATA, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
PACKS = sorted(p for p in (DATA / "packs").iterdir() if (p / "article.txt").exists()) if (DATA / "packs").is_dir() else []
PASSAGE_CALL = re.compile(r"""show_passage\(["']([^"']+)["']\)""")
ID = re.compile(r"\b([sap]\d+|f\d+)\b")


def seed_only_names(other_text: str = "") -> set[str]:
    """The seed article's people, bodies and places as the article and its issues name them, minus any word
    the other article uses itself."""
    names: set[str] = set()
    with open(DATA / "actors.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names |= {m.strip() for m in [row["name"], *row["mentions"].split(";")]}
    with open(DATA / "issues.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            names |= set(re.findall(r"(?<!^)\b[A-Z][a-z]+[A-Za-z]*\b", row["question"]))
    proper = {n for n in names if len(n) > 3 and any(w[:1].isupper() for w in n.split()) and n.lower() not in
              {"she", "her", "the kremlin"} and not n.startswith(("Did ", "What ", "Who ", "Was ", "Should "))}
    return {n for n in proper if n not in other_text} | {"Bucha", "Zakharova", "Guterres", "Putin", "Dujarric"}


def seed_card_ids() -> set[str]:
    return {c.id for c in load_annotation(DATA).context.cards}


def cells(path: Path, kind: str) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == kind]


# ---- the keys ------------------------------------------------------------------------------------------

def test_every_key_has_a_fallback_and_every_lesson_asks_only_for_known_keys() -> None:
    assert set(FALLBACKS) == set(KEYS)
    asked = [key for path in NOTEBOOKS for cell in cells(path, "code") for key in PASSAGE_CALL.findall(cell)]
    assert set(asked) <= set(KEYS) and len(asked) == len(set(asked))  # each passage has one place


def test_the_seed_writes_every_passage_and_they_are_shown_as_written() -> None:
    annotation = load_annotation(DATA)
    raw = (DATA / PASSAGES_FILE).read_text(encoding="utf-8")
    for key in KEYS:
        text, own = passage(annotation, key)
        assert own and f"{key}: |" in raw
        assert text.splitlines()[0].strip() in raw


@pytest.mark.parametrize("folder", [DATA, *PACKS], ids=lambda p: p.name)
def test_every_fallback_draws_on_every_shipped_article(folder: Path) -> None:
    annotation = load_annotation(folder)
    exercises = load_exercises(folder / "exercises" if (folder / "exercises").is_dir() else ROOT / "exercises",
                               annotation=annotation)
    focus = focus_for(exercises)
    for key, draw in FALLBACKS.items():
        text = draw(annotation, focus)
        assert text.strip(), key
        for quoted in re.findall(r"^> (?!\*\*)(.*)$", text, re.M):
            assert re.sub(r"\\(.)", r"\1", quoted) in annotation.text, (key, quoted)  # quotations are exact
        assert "<div" not in passage_html(text).split(">", 1)[1]  # one wrapper, the rest is Markdown's own


def test_a_pack_without_passages_gets_them_from_its_annotation(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    (folder / PASSAGES_FILE).unlink()
    shown = show_passage("chain.worked-example", data_dir=folder)
    assert isinstance(shown, Passage) and not shown.own
    assert "original speaker" in shown.markdown
    start = next(a for a in load_annotation(folder).attributions if a.id == "a5")
    assert start.cue.text in shown.markdown  # the chain of the chain-order exercise, not another one


def test_the_focus_follows_the_exercise_files() -> None:
    annotation = load_annotation(DATA)
    exercises = load_exercises(ROOT / "exercises", annotation=annotation)
    focus = focus_for(exercises)
    assert focus.chain == exercises["chain-order"].params.attribution
    assert focus.matrix_issues == exercises["position-matrix"].params.issues
    matrix = set(focus.matrix_issues)
    worked = FALLBACKS["positions.worked-example"](annotation, focus)
    left_out = [i for i in annotation.issues if i.id not in matrix]
    assert left_out and left_out[0].question in worked  # the worked example is the row the exercise leaves out
    assert FALLBACKS["positions.worked-example"](annotation, Focus()) != worked or not matrix


# ---- passages.yaml is checked like every other file -----------------------------------------------------

def write(tmp_path: Path, text: str) -> list[str]:
    folder = tmp_path / "data"
    if not folder.exists():
        shutil.copytree(DATA, folder)
    (folder / PASSAGES_FILE).write_text(text, encoding="utf-8")
    _, problems = read_annotation(folder)
    return [str(p) for p in problems]


def test_a_misspelt_key_is_named_with_its_line_and_the_likely_key(tmp_path: Path) -> None:
    problems = write(tmp_path, "# comment\nchain.wroked-example: |\n  Some text.\n")
    assert len(problems) == 1
    assert "passages.yaml:2" in problems[0]
    assert "chain.worked-example" in problems[0]


def test_a_quotation_must_be_the_articles_words_and_a_call_out_is_not_a_quotation(tmp_path: Path) -> None:
    article = load_annotation(DATA)
    first = article.sentences[0].text
    assert write(tmp_path, f"start.origin: |\n  > {first}\n\n  > **Think about it.** Anything.\n") == []
    problems = write(tmp_path, f"start.origin: |\n  > {first.replace('denied', 'confirmed')}\n")
    assert len(problems) == 1 and "not the article's exact words" in problems[0]


def test_empty_and_unreadable_passages_files_are_reported(tmp_path: Path) -> None:
    assert any("has no text" in p for p in write(tmp_path, "start.origin: ''\n"))
    assert any("passages.yaml" in p for p in write(tmp_path, "start.origin: |\n  a\n bad: [\n"))
    with pytest.raises(DataError):
        load_annotation(tmp_path / "data")


def test_unknown_key_in_a_lesson_shows_a_notice() -> None:
    shown = show_passage("no-such-passage")
    assert not isinstance(shown, Passage) and "sl-missing-passage" in shown._dom_classes


def test_passage_text_is_escaped_when_rendered() -> None:
    html = passage_html("Look: <img src=x onerror=alert(1)> and **this**")
    assert "<img" not in html and "&lt;img" in html and "<strong>this</strong>" in html


def test_read_passages_ignores_a_missing_file(tmp_path: Path) -> None:
    problems: list = []
    assert read_passages(tmp_path, "text", problems) == {} and problems == []


# ---- lessons name nothing of the seed; they read it from the pack --------------------------------------

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_lesson_cell_names_a_seed_person_or_id(path: Path) -> None:
    names = seed_only_names()
    cards = seed_card_ids()
    for text in cells(path, "markdown") + cells(path, "code"):
        found = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text)]
        found += [i for i in ID.findall(text) if i != "s1"] + [c for c in cards if c in text]
        assert not found, (found, text[:200])


def test_lesson_4_shows_cards_by_the_places_the_cards_file_names() -> None:
    annotation = load_annotation(DATA)
    for cell in cells(ROOT / "notebooks" / "04_leave_the_article.ipynb", "code"):
        for group in re.findall(r'show_cards\(group="([^"]+)"', cell):
            chosen = [c.id for c in annotation.context.cards if group in c.shown_in]
            deck = show_cards(group=group)
            assert chosen and [c.id for c in deck.cards] == chosen, group
    assert "sl-missing-cards" in show_cards(group="nowhere")._dom_classes


def test_the_chain_diagram_draws_the_exercises_chain() -> None:
    assert show_chains(for_exercise="chain-order").value  # a PNG of the exercise's chain
