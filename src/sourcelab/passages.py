"""The lessons' passages about one article: worked examples, predictions and prompts that cite it.

A lesson notebook keeps the method; every sentence about *this* article (its ids, names, counts and
quotations) comes from the article's own `passages.yaml`, one Markdown text per key, shown by a one-line
`show_passage("key")`. A key the file leaves out is drawn from the annotation instead (`fallbacks`), so the
lessons read right on a new article before anyone writes a passage. KEYS is the list the lessons use, with
what each passage is for: `check` names a misspelt key, and docs/passages.md explains each one.

A quotation set off with ">" must be the article's exact words: it is checked against article.txt, so a
passage never misquotes the text it teaches. A ">" block that opens in bold ("> **Think about it.** …") is a
call-out, not a quotation, and is not checked.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import get_close_matches
from pathlib import Path

from .errors import Problem
from .readers import display_name, read_yaml

PASSAGES_FILE = "passages.yaml"
MAX_PASSAGE_CHARS = 20_000  # a passage is a few paragraphs; a whole file pasted into one key is a mistake

# key -> what the passage covers (notebook and section). The order is the order of the lessons.
KEYS: dict[str, str] = {
    "start.origin": "Start here, step 1: what the facts above say about where the text comes from, and how to find out more",
    "start.worked-example": "Start here: one attributed sentence and one narration sentence, taken apart",
    "parts.example": "Lesson 1.1, section 1: one attribution's source, cue and content in a table",
    "parts.harder": "Lesson 1.1, section 1: sources that are not names, unnamed sources, cues that are not verbs",
    "quotes.examples": "Lesson 1.1, section 2: a direct, an indirect and a mixed (both) example",
    "parts.worked-example": "Lesson 1.1, worked example: a sentence with several attributions, step by step",
    "verbs.in-this-article": "Lesson 1.1, section 3: the article's reporting verbs by what they signal",
    "part1.compare": "Lesson 1.1: questions for comparing answers with a neighbour",
    "part1.reflect": "Lesson 1.1: reflection questions",
    "part2.exercise-intro": "Lesson 1.2: what the labelling exercise covers, before the prediction",
    "voice.looking-back": "Lesson 1.2, section 4: the sentences in the writer's own voice, discussed",
    "record.looking-back": "Lesson 1.2, section 5: what the record outside the article shows",
    "part2.compare": "Lesson 1.2: questions for comparing labels with a neighbour",
    "part2.reflect": "Lesson 1.2: reflection questions",
    "chain.where": "Lesson 2: where in the article today's chain is",
    "chain.cues": "Lesson 2, section 1: the cues that mark second-hand claims in this article",
    "chain.exercise-intro": "Lesson 2, exercise 1: the chain's sentence and the prediction questions",
    "chain.diagram-note": "Lesson 2: what to read in the chain diagram",
    "chain.worked-example": "Lesson 2, worked example: the chain, link by link",
    "chain.absent": "Lesson 2, section 3: whose own words never appear",
    "chain.versions": "Lesson 2, section 4: the versions of one claim or denial, compared",
    "unnamed.examples": "Lesson 2, section 5: the article's unnamed sources",
    "unnamed.notice": "Lesson 2, section 5: what to notice about how the unnamed sources reach the reader",
    "chain.compare": "Lesson 2: questions for comparing answers with a neighbour",
    "chain.reflect": "Lesson 2: reflection questions",
    "positions.parties": "Lesson 3, section 1: the parties and who speaks for each",
    "positions.issues": "Lesson 3, section 1: the issues, as questions",
    "positions.worked-example": "Lesson 3, worked example: one row of the matrix filled",
    "positions.spot-intro": "Lesson 3, exercise 2: what to look for in the grid",
    "voices.reading": "Lesson 3, section 2: what the word counts show and do not show",
    "voices.turns": "Lesson 3, section 2: where each party speaks",
    "balance.in-this-article": "Lesson 3, section 3: status, missing answers and the record, in this article",
    "positions.compare": "Lesson 3: questions for comparing grids with a neighbour",
    "dating.worked-example": "Lesson 4, section 1: dating one time word from a dated source",
    "dating.cards-intro": "Lesson 4, section 1: the article's own time words and the cards that date them",
    "publisher.intro": "Lesson 4, section 2: what the text says about its publisher",
    "publisher.cards-intro": "Lesson 4, section 2: how to read the publisher cards",
    "renderings.intro": "Lesson 4, section 3: whose words are rendered, in which language, by whom",
    "renderings.note": "Lesson 4, section 3: what to notice in the renderings",
    "claim.intro": "Lesson 4, section 4: the claim to check against the record",
    "second-claim.intro": "Lesson 4, section 5: the second claim, weighed against evidence",
    "leave.compare": "Lesson 4: questions for comparing answers with a neighbour",
    "writers.examples": "Lesson 5, section 1: framing in this article, from sentences the exercises do not ask about",
    "writers.rewrite-intro": "Lesson 5, section 3: the sentence to rewrite, and why it needs a source",
    "writers.lead-intro": "Lesson 5, section 4: what a lead does, and what this article's lead does",
    "writers.compare": "Lesson 5: questions for comparing answers with a neighbour",
    "writers.reflect": "Lesson 5: reflection questions",
}

BLOCKQUOTE = re.compile(r"(?:^> ?.*(?:\n|$))+", re.M)


def _line_of(text: str, key: str) -> int | None:
    found = re.search(rf"^['\"]?{re.escape(key)}['\"]?\s*:", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else None


def quoted_blocks(markdown: str) -> list[str]:
    """The text of every ">" quotation in a passage, its lines joined as Markdown joins them."""
    blocks = []
    for block in BLOCKQUOTE.finditer(markdown):
        lines = [re.sub(r"^> ?", "", line).strip() for line in block.group(0).splitlines()]
        paragraphs = " ".join(line if line else "\n" for line in lines).split("\n")
        blocks += [re.sub(r"\s+", " ", p).strip() for p in paragraphs if p.strip()]
    return blocks


def _unquoted(text: str) -> str:
    """A quotation as it may be written in a passage: Markdown emphasis and escapes removed."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)[*_]", "", text))


def read_passages(folder: Path, article_text: str | None, problems: list[Problem]) -> dict[str, str]:
    """The passages in folder/passages.yaml (none when the file is absent), checked key by key."""
    path = Path(folder) / PASSAGES_FILE
    raw = read_yaml(path, problems, required=False)
    if raw is None:
        return {}
    name = display_name(path)
    if not isinstance(raw, Mapping):
        problems.append(Problem(name, None, None, "must be a list of 'key: text' entries",
                                "start each passage with its key and a colon, as in docs/passages.md"))
        return {}
    source = path.read_text(encoding="utf-8")
    passages: dict[str, str] = {}
    for key, value in raw.items():
        line = _line_of(source, str(key))
        if key not in KEYS:
            close = get_close_matches(str(key), KEYS, n=1)
            problems.append(Problem(name, line, str(key), "is not a passage any lesson shows",
                                    f"did you mean {close[0]!r}?" if close else
                                    "use one of the keys listed in docs/passages.md"))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(name, line, str(key), "has no text", "write the passage after 'key: |' on "
                                    "indented lines, or delete the key to use the passage drawn from the annotation"))
            continue
        if len(value) > MAX_PASSAGE_CHARS:
            problems.append(Problem(name, line, str(key), f"is longer than {MAX_PASSAGE_CHARS:,} characters",
                                    "a passage is a few paragraphs: move the rest into the lesson or drop it"))
            continue
        if article_text is not None:
            words = re.sub(r"\s+", " ", article_text)  # as Markdown reads a quotation: runs of spaces are one
            for quote in quoted_blocks(value):
                if quote.startswith("**"):  # a call-out ("> **Think about it.** …"), not a quotation
                    continue
                if _unquoted(quote) not in words:
                    problems.append(Problem(name, line, str(key), f"quotes “{quote[:60]}…” with '>', but these are "
                                            "not the article's exact words", "copy the words from article.txt, or "
                                            "write them without '>' if they are not a quotation of the article"))
        passages[str(key)] = value.strip("\n")
    return passages
