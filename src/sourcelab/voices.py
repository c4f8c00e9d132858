"""Who gets to speak, and how: words per party in direct quotes, paraphrase, reports by others and narration.

Counted from the annotation, so another article gets its own figures. A claim passed along a
chain counts once, for its original speaker: as "reported by another party" when someone outside that
speaker's party passes it on or denies it, by its quotation marks when its own side reports it (Guterres
on his office's proposal); the links in between count only the words they add themselves (e.g. "reports, ").

Counted in plain Python: a lesson shows its tables (`Table`) without loading pandas, a third of a second or
more; `word_table`, `words_by_party` and `turns` give the same as pandas tables, for scripts, charts and tests.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .chains import reported_by_other_party
from .layers import quoted_spans
from .model import Annotation, Attribution, Span
from .segment import WORD

if TYPE_CHECKING:
    import pandas as pd

MODES = ("direct quote", "paraphrase", "reported by another party", "narration only")
UNNAMED = "unnamed sources"


@dataclass(frozen=True)
class Table:
    """Counts per party. A notebook shows it as the same HTML table as the DataFrame `frame()` returns."""

    index_name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Any, ...]], ...]  # (row label, one value per column)
    columns_name: str = ""

    def frame(self) -> pd.DataFrame:
        import pandas as pd

        frame = pd.DataFrame([list(values) for _, values in self.rows], columns=list(self.columns),
                             index=pd.Index([label for label, _ in self.rows], name=self.index_name))
        if self.columns_name:
            frame.columns.name = self.columns_name
        return frame

    def column(self, name: str) -> dict[str, Any]:
        """One column, by row label."""
        at = self.columns.index(name)
        return {label: values[at] for label, values in self.rows}

    def _repr_html_(self) -> str:
        from .render import frame_html

        return frame_html(self.index_name, self.columns_name, self.columns, self.rows)

    def to_html(self, classes: str = "", border: int = 1, escape: bool = True) -> str:
        """As DataFrame.to_html writes it (render.table_html calls it); every text is escaped, always."""
        from .render import frame_html

        if not escape:
            raise ValueError("a Table's texts are always escaped")
        return frame_html(self.index_name, self.columns_name, self.columns, self.rows, classes, border, notebook=False)

    def __repr__(self) -> str:
        cells = [[self.columns_name, *self.columns], [self.index_name, *([""] * len(self.columns))]]
        cells += [[label, *map(str, values)] for label, values in self.rows]
        widths = [max(len(row[n]) for row in cells) for n in range(len(cells[0]))]
        return "\n".join("  ".join(cell.ljust(w) if n == 0 else cell.rjust(w) for n, (cell, w) in
                                    enumerate(zip(row, widths))).rstrip() for row in cells)


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


def _word_rows(annotation: Annotation) -> list[tuple[str, str, str]]:
    """One (party, mode, sentence) per counted word."""
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
    return rows


def _party_order(annotation: Annotation) -> list[str]:
    return [p.name for p in annotation.parties] + [UNNAMED]


def word_table(annotation: Annotation) -> pd.DataFrame:
    """One row per counted word: party, mode, sentence."""
    import pandas as pd

    return pd.DataFrame(_word_rows(annotation), columns=["party", "mode", "sentence"])


def voice_counts(annotation: Annotation) -> Table:
    """Parties as rows (those with words), modes as columns, then the total: how many words of each party the
    reader gets, and how."""
    counts: dict[str, dict[str, int]] = {}
    for party, mode, _sentence in _word_rows(annotation):
        counts.setdefault(party, dict.fromkeys(MODES, 0))[mode] += 1
    rows = tuple((party, (*(counts[party][m] for m in MODES), sum(counts[party].values())))
                 for party in _party_order(annotation) if party in counts)
    return Table("party", (*MODES, "total"), rows, columns_name="mode")


def words_by_party(annotation: Annotation) -> pd.DataFrame:
    """`voice_counts` as a pandas table."""
    return voice_counts(annotation).frame()


def turn_counts(annotation: Annotation) -> Table:
    """Per party: sentences in which it is a source, the first and the last of them."""
    order = {s.id: n for n, s in enumerate(annotation.sentences, start=1)}
    seen: dict[str, list[int]] = {}
    for a in annotation.attributions:
        seen.setdefault(party_name(annotation, a.actor), []).append(order[a.sentence])
    rows = []
    for party in _party_order(annotation):
        numbers = sorted(set(seen.get(party, [])))
        rows.append((party, (len(numbers), f"s{numbers[0]}" if numbers else "", f"s{numbers[-1]}" if numbers else "")))
    return Table("party", ("sentences", "first", "last"), tuple(rows))


def turns(annotation: Annotation) -> pd.DataFrame:
    """`turn_counts` as a pandas table."""
    return turn_counts(annotation).frame()
