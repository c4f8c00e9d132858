"""Reading and checking data/context/: evidence cards, dated phrases, findings and renderings.

Every rule docs/annotation-guide.md states for these files is checked here, and a fault becomes a Problem
that names the file, the row, the column and the fix, like every other data file of the kit.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date, timedelta
from pathlib import Path

from .cells import UNDATED, URL_PATTERN, Cells, date_problem, each_row, first_rows, short, split_list
from .errors import Problem
from .evidence import (ARTICLE, CARD_KINDS, CONCLUSIONS, MAX_QUOTE_WORDS, Card, Context, DatedPhrase, Finding,
                       Rendering)
from .model import Sentence
from .readers import display_name, read_csv
from .segment import WORD

CONTEXT_DIR = "context"
CARDS, DATES, FINDINGS, RENDERINGS = "cards.csv", "dates.csv", "findings.csv", "renderings.csv"
CARD_COLUMNS = ("id", "kind", "source", "title", "date", "url", "quote", "facts")
DATE_COLUMNS = ("id", "phrase", "sentence", "date", "options", "clue", "reasoning", "cards")
FINDING_COLUMNS = ("id", "topic", "statement", "conclusion", "cards", "explanation")
RENDERING_COLUMNS = ("id", "passage", "card", "text")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")  # ISO 639 codes, as article.yaml gives its language
MAX_LABEL = 40  # characters of a timeline label: longer ones collide on the chart
# What a conclusion must rest on: an independent finding to contradict, the record (not coverage alone) to establish.
NEEDS_KIND = {"contradicted": ("finding",), "established": ("record", "event", "finding")}


def _parse_card(cells: Cells) -> Card | None:
    ident = cells.ident()
    kind = cells.choice("kind", CARD_KINDS)
    day, url, quote = cells.get("date"), cells.get("url"), _quote(cells, "quote", required=False)
    bad_date = bool(day and day != UNDATED and (why := date_problem(day, partial=True)))
    if bad_date:
        cells.problem("date", why, "write the source's date as YYYY-MM-DD (YYYY-MM or YYYY when it shows no day, "
                      f"{UNDATED} when it shows no date)")
    if url and not URL_PATTERN.match(url):
        cells.problem("url", f"{short(url)} is not a web address", "copy the full address, starting https://")
    label = cells.get("label", required=False)
    if len(label) > MAX_LABEL:
        cells.problem("label", f"is {len(label)} characters long", f"keep timeline labels to {MAX_LABEL} characters")
    if label and day and not bad_date and not (len(day) == 10 and not date_problem(day)):
        cells.problem("label", "a card on the timeline needs a full date", "give date as YYYY-MM-DD, or clear label")
    return Card(ident, kind, cells.get("source"), cells.get("title", required=False), day, url, quote,
                cells.get("facts"), label, split_list(cells.get("shown_in", required=False)))


def _day(cells: Cells, column: str, value: str) -> date | None:
    why = date_problem(value)
    if why:
        cells.problem(column, why, "write the day as YYYY-MM-DD, e.g. 2022-04-19")
        return None
    return date.fromisoformat(value)


def _parse_date(cells: Cells) -> DatedPhrase | None:
    ident = cells.ident()
    phrase, sentence = cells.get("phrase", required=False), cells.get("sentence", required=False)
    raw = cells.get("date")
    day = _day(cells, "date", raw) if raw else None
    options: list[date] = []
    for value in split_list(cells.get("options", required=False)):
        option = _day(cells, "options", value)
        if option is not None:
            options.append(option)
    if day is not None and not options:
        options = [day - timedelta(days=7), day, day + timedelta(days=7)]  # the same weekday, a week either side
    if day is not None and day not in options:
        cells.problem("options", f"do not include the date {day.isoformat()}", "add it: students choose from these")
    if phrase and not sentence:
        cells.problem("sentence", "is empty", "name the sentence the phrase stands in, e.g. s2")
    if sentence and not phrase:
        cells.problem("phrase", "is empty", "copy the time words from the sentence, or clear sentence for the "
                      "article's own publication date")
    clue, reasoning = cells.get("clue"), cells.get("reasoning")
    if day is None or not ident:
        return None
    return DatedPhrase(ident, phrase, sentence, day, tuple(sorted(set(options))), clue, reasoning,
                       split_list(cells.get("cards", required=False)))


def _parse_finding(cells: Cells) -> Finding | None:
    ident = cells.ident()
    conclusion = cells.choice("conclusion", CONCLUSIONS)
    cards = split_list(cells.get("cards", required=False))
    if conclusion == "unknown" and cards:
        cells.problem("cards", "a statement the record leaves open is shown by no card",
                      "clear cards, and say in explanation what the record does and does not show")
    if conclusion in ("established", "disputed", "contradicted") and not cards:
        cells.problem("cards", "is empty", "list the ids of the cards that show it, separated by ';'")
    return Finding(ident, cells.get("topic"), cells.get("statement"), conclusion, cards, cells.get("explanation"))


def _quote(cells: Cells, column: str, *, required: bool) -> str:
    """Exact words from a source: never more than MAX_QUOTE_WORDS of them."""
    quote = cells.get(column, required=required)
    words = len(WORD.findall(quote))
    if words > MAX_QUOTE_WORDS:
        cells.problem(column, f"is {words} words long", f"quote at most {MAX_QUOTE_WORDS} words, where the exact "
                      "wording is the point, and say the rest in your own words")
    return quote


def _parse_rendering(cells: Cells) -> Rendering | None:
    language = cells.get("language", required=False)
    if language and not LANGUAGE.match(language):
        cells.problem("language", f"{short(language)} is not a language code", "write a code such as en, ru or uk")
    return Rendering(cells.ident(), cells.get("passage"), cells.get("card"), _quote(cells, "text", required=True),
                     language)


def read_context(folder: Path, text: str, sentences: Mapping[str, Sentence], listed: Collection[str] | None,
                 problems: list[Problem]) -> Context | None:
    """data/context/ as a Context (an empty one when the folder is absent); None when it has problems.

    `sentences` are the sentences that could be read, `listed` every id sentences.csv names (None when the file
    itself cannot be read): a sentence id is unknown only when it is not listed, so one broken row of
    sentences.csv is reported there, once, and not again for every phrase that names it."""
    folder = Path(folder)
    if not folder.is_dir():
        return Context()
    before = len(problems)
    tables = {CARDS: read_csv(folder / CARDS, CARD_COLUMNS, problems),
              DATES: read_csv(folder / DATES, DATE_COLUMNS, problems, required=False),
              FINDINGS: read_csv(folder / FINDINGS, FINDING_COLUMNS, problems, required=False),
              RENDERINGS: read_csv(folder / RENDERINGS, RENDERING_COLUMNS, problems, required=False)}
    names = {key: display_name(folder / key) for key in tables}
    cards = each_row(tables[CARDS], folder / CARDS, problems, text, _parse_card)
    dates = each_row(tables[DATES], folder / DATES, problems, text, _parse_date)
    findings = each_row(tables[FINDINGS], folder / FINDINGS, problems, text, _parse_finding)
    renderings = each_row(tables[RENDERINGS], folder / RENDERINGS, problems, text, _parse_rendering)
    card_ids = set(first_rows(tables, names, problems)[CARDS])
    kinds = {c.id: c.kind for _, c in cards}

    def unknown_cards(file: str, number: int, listed: tuple[str, ...]) -> None:
        for card in listed:
            if card not in card_ids and tables[CARDS] is not None:
                problems.append(Problem(file, number, "cards", f"{card!r} is not a card in {CARDS}",
                                        f"use ids from {CARDS} ({', '.join(sorted(card_ids)[:4])}, …)"))

    publications = 0
    for number, d in dates:
        unknown_cards(names[DATES], number, d.cards)
        if not d.phrase:
            publications += 1
            if publications == 2:
                problems.append(Problem(names[DATES], number, "phrase", "is empty in a second row",
                                        "only one row, the article's own date, leaves phrase empty"))
        elif listed is not None and d.sentence not in listed:
            problems.append(Problem(names[DATES], number, "sentence", f"{d.sentence!r} is not a sentence id",
                                    "use an id from sentences.csv"))
        elif d.sentence in sentences and d.phrase not in sentences[d.sentence].text:
            problems.append(Problem(names[DATES], number, "phrase", f"{short(d.phrase)} is not in sentence "
                                    f"{d.sentence}", "copy the time words exactly from the sentence"))
    for number, f in findings:
        unknown_cards(names[FINDINGS], number, f.cards)
        wanted = NEEDS_KIND.get(f.conclusion)
        if wanted and f.cards and all(c in kinds for c in f.cards) and not any(kinds[c] in wanted for c in f.cards):
            problems.append(Problem(names[FINDINGS], number, "cards", f"a statement {f.conclusion} needs a card of "
                                    f"kind {' or '.join(wanted)}", "add the card that shows it, or change conclusion"))
    per_passage: dict[str, int] = {}
    for number, r in renderings:
        per_passage[r.passage] = per_passage.get(r.passage, 0) + 1
        if r.card == ARTICLE:
            if r.text not in text:
                problems.append(Problem(names[RENDERINGS], number, "text", f"{short(r.text)} is not in article.txt",
                                        "copy the article's words exactly"))
        elif r.card not in card_ids and tables[CARDS] is not None:
            problems.append(Problem(names[RENDERINGS], number, "card", f"{r.card!r} is not a card in {CARDS}",
                                    f"use the id of the card that cites the source, or '{ARTICLE}' for the "
                                    "article's own words"))
    for number, r in renderings:
        if per_passage.get(r.passage) == 1:
            problems.append(Problem(names[RENDERINGS], number, "passage", f"{r.passage!r} has only one rendering",
                                    "give at least two renderings of a passage, to compare"))
            per_passage[r.passage] = 0  # said once
    if len(problems) > before:
        return None
    return Context(tuple(c for _, c in cards), tuple(d for _, d in dates), tuple(f for _, f in findings),
                   tuple(r for _, r in renderings))
