"""Who gets to speak, and how: words per party in direct quotes, paraphrase, reports by others and narration.

Counted from the annotation with pandas, so another article gets its own figures. A claim passed along a
chain counts once, for its original speaker: as "reported by another party" when someone outside that
speaker's party passes it on or denies it, by its quotation marks when its own side reports it (Guterres
on his office's proposal); the links in between count only the words they add themselves (e.g. "reports, ").
"""
from __future__ import annotations

import pandas as pd

from .chains import reported_by_other_party
from .layers import quoted_spans
from .model import Annotation, Attribution, Span
from .segment import WORD

MODES = ("direct quote", "paraphrase", "reported by another party", "narration only")
UNNAMED = "unnamed sources"


def _words(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in WORD.finditer(text, start, end)]


def party_name(annotation: Annotation, actor_id: str) -> str:
    party = annotation.actor(actor_id).party
    return annotation.actor(party).name if party else UNNAMED


def _own_content(annotation: Annotation, a: Attribution) -> list[Span]:
    """The attribution's content minus the content of anything reported through it."""
    if a.content is None:
        return []
    inner = [b.content for b in annotation.attributions if b.via == a.id and b.content is not None]
    spans, start = [], a.content.start
    for cut in sorted(inner, key=lambda s: s.start):
        if cut.start > start:
            spans.append(Span(start, cut.start, annotation.text[start:cut.start]))
        start = max(start, cut.end)
    if start < a.content.end:
        spans.append(Span(start, a.content.end, annotation.text[start:a.content.end]))
    return spans


def _mode(second_hand: bool, quoted: bool) -> str:
    """The one rule for the form a party's words reach the reader in: passed on or denied by another party,
    else a direct quote when they stand inside quotation marks in the text, else a paraphrase."""
    return "reported by another party" if second_hand else ("direct quote" if quoted else "paraphrase")


def _own_words(annotation: Annotation, a: Attribution, quoted: list[tuple[int, int]]) -> list[bool]:
    """For each word the attribution adds itself: whether it stands inside quotation marks."""
    return [any(qs <= at < qe for qs, qe in quoted) for span in _own_content(annotation, a)
            for at in _words(annotation.text, span.start, span.end)]


def attribution_mode(annotation: Annotation, a: Attribution) -> str:
    """The form of one attribution as a whole (for the chart of who speaks where): a direct quote when any
    of its own words are quoted, by the same rule as the word counts."""
    return _mode(reported_by_other_party(annotation, a), any(_own_words(annotation, a, quoted_spans(annotation.text))))


def word_table(annotation: Annotation) -> pd.DataFrame:
    """One row per counted word: party, mode, sentence."""
    text = annotation.text
    quoted = quoted_spans(text)
    rows = []
    for a in annotation.attributions:
        second_hand = reported_by_other_party(annotation, a)
        rows += [(party_name(annotation, a.actor), _mode(second_hand, inside), a.sentence)
                 for inside in _own_words(annotation, a, quoted)]
    for position in annotation.positions:
        if position.conveyed == "narration only":
            for sid in position.evidence:
                s = annotation.sentence(sid)
                rows += [(annotation.actor(position.actor).name, "narration only", sid)
                         for _ in _words(text, s.span.start, s.span.end)]
    return pd.DataFrame(rows, columns=["party", "mode", "sentence"])


def words_by_party(annotation: Annotation) -> pd.DataFrame:
    """Parties as rows, modes as columns: how many words of each party the reader gets, and how."""
    words = word_table(annotation)
    table = pd.crosstab(words["party"], words["mode"])
    order = [p.name for p in annotation.parties] + [UNNAMED]
    table = table.reindex(index=[p for p in order if p in table.index], columns=list(MODES), fill_value=0)
    table["total"] = table.sum(axis=1)
    return table


def turns(annotation: Annotation) -> pd.DataFrame:
    """Per party: sentences in which it is a source, the first and the last of them."""
    order = {s.id: n for n, s in enumerate(annotation.sentences, start=1)}
    seen: dict[str, list[int]] = {}
    for a in annotation.attributions:
        seen.setdefault(party_name(annotation, a.actor), []).append(order[a.sentence])
    rows = []
    for party in [p.name for p in annotation.parties] + [UNNAMED]:
        numbers = sorted(set(seen.get(party, [])))
        rows.append({"party": party, "sentences": len(numbers),
                     "first": f"s{numbers[0]}" if numbers else "", "last": f"s{numbers[-1]}" if numbers else ""})
    return pd.DataFrame(rows).set_index("party")
