"""What lies outside the article, as plain data: evidence cards, the dates behind its time words, what the
record shows about its claims, and other outlets' renderings of the words it quotes.

Read from data/context/ (see docs/annotation-guide.md); lesson 4 "Leave the article" is built on it. Every
card cites where its facts come from, and quotes only where the exact wording is the point.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# What a card is evidence of. Kept apart because they weigh differently: who runs an outlet, how others
# reported the same event, what a party or body put on record, what happened next, what investigators found.
CARD_KINDS = ("publisher", "coverage", "record", "event", "finding")
CARD_KIND_LABELS = {"publisher": "who is behind the outlet", "coverage": "how another outlet reported it",
                    "record": "on the record", "event": "what happened next", "finding": "what investigators found"}
# What the record shows about a statement. "disputed": the parties' accounts differ and nothing independent
# settles it; "contradicted": independent findings show otherwise; "unknown": the record does not say.
CONCLUSIONS = ("established", "disputed", "contradicted", "unknown")
CONCLUSION_LABELS = {"established": "established by the record", "disputed": "disputed: the parties' accounts differ",
                     "contradicted": "contradicted by independent findings", "unknown": "not known from the record"}
MAX_QUOTE_WORDS = 30  # a card quotes a sentence where the wording is the point, never a whole report
ARTICLE = "article"  # in renderings.csv, the article's own rendering (its text comes from article.txt)


@dataclass(frozen=True)
class Card:
    """One piece of evidence from outside the article, with its source."""

    id: str
    kind: str  # one of CARD_KINDS
    source: str  # the outlet or body that published it
    title: str  # "" when the page shows none
    date: str  # YYYY-MM-DD (or YYYY-MM, YYYY; "n.d." when undated)
    url: str
    quote: str  # exact words from the source, at most MAX_QUOTE_WORDS; "" when none is needed
    facts: str  # what it shows, in the kit's own words
    label: str = ""  # a few words for the timeline; cards without one are left off it
    shown_in: tuple[str, ...] = ()  # the lesson places that show it (e.g. "claim"), in the file's order

    @property
    def day(self) -> date | None:
        """The card's date as a day, when it gives one (the timeline places only these)."""
        try:
            return date.fromisoformat(self.date)
        except ValueError:
            return None

    def citation(self) -> str:
        title = f", “{self.title}”" if self.title else ""
        return f"{self.source}{title}, {self.date}, {self.url}"


@dataclass(frozen=True)
class DatedPhrase:
    """A time word of the article ("On Tuesday") and the day it refers to; an empty phrase stands for the
    article's own publication date."""

    id: str
    phrase: str
    sentence: str  # "" for the publication date
    day: date
    options: tuple[date, ...]  # the days a student chooses from, the right one among them
    clue: str  # where to look, shown when the answer is not right yet
    reasoning: str  # how the day follows, shown when it is right and with the answers
    cards: tuple[str, ...]  # the cards that pin it down


@dataclass(frozen=True)
class Finding:
    """A statement about the world the article touches, and what the record shows about it."""

    id: str
    topic: str
    statement: str
    conclusion: str  # one of CONCLUSIONS
    cards: tuple[str, ...]  # the cards that show it (for "unknown": none)
    explanation: str


@dataclass(frozen=True)
class Rendering:
    """One outlet's wording of the same passage (e.g. a sentence of a post, translated)."""

    id: str
    passage: str  # which passage: renderings with the same passage are compared side by side
    card: str  # the card quoting it, or ARTICLE for the article's own wording
    text: str
    language: str = ""  # e.g. "ru" for the original of a translated quote; "" is the article's language


@dataclass(frozen=True)
class Context:
    cards: tuple[Card, ...] = ()
    dates: tuple[DatedPhrase, ...] = ()
    findings: tuple[Finding, ...] = ()
    renderings: tuple[Rendering, ...] = ()
    _by_id: dict[tuple[str, str], object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for item in (*self.cards, *self.dates, *self.findings):
            self._by_id[(type(item).__name__, item.id)] = item

    def card(self, card_id: str) -> Card:
        return self._by_id[("Card", card_id)]  # type: ignore[return-value]

    def dated(self, phrase_id: str) -> DatedPhrase:
        return self._by_id[("DatedPhrase", phrase_id)]  # type: ignore[return-value]

    def finding(self, finding_id: str) -> Finding:
        return self._by_id[("Finding", finding_id)]  # type: ignore[return-value]

    @property
    def published(self) -> DatedPhrase | None:
        """The article's publication date, when data/context/dates.csv gives it."""
        return next((d for d in self.dates if not d.phrase), None)

    def passages(self) -> dict[str, list[Rendering]]:
        """Renderings grouped by passage, in file order; the article's first within each."""
        grouped: dict[str, list[Rendering]] = {}
        for r in self.renderings:
            grouped.setdefault(r.passage, []).append(r)
        return {p: sorted(rs, key=lambda r: r.card != ARTICLE) for p, rs in grouped.items()}
