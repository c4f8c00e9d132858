"""A first `sentences.csv` for a new article: pysbd finds the sentences and their offsets, a person labels them.

Offsets are the tedious, error-prone part of annotating by hand; the labels, sources and explanations are
the teaching judgement, so the draft leaves them empty and `check` lists each row still to be filled in.
"""
from __future__ import annotations

import csv
import io

from .segment import split_sentences
from .validation import SENTENCE_COLUMNS


def draft_sentences(text: str) -> str:
    """The CSV text of sentences.csv for `text`: id, paragraph, offsets and text filled in, the rest empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SENTENCE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for number, (paragraph, span) in enumerate(split_sentences(text), start=1):
        writer.writerow({"id": f"s{number}", "paragraph": paragraph, "start": span.start, "end": span.end,
                         "text": span.text})
    return out.getvalue()
