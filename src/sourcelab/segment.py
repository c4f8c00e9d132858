"""Sentence splitting with pysbd, which keeps a quotation that contains full stops in one sentence
(a naive splitter cuts paragraph 3 of the seed article in two)."""
from __future__ import annotations

import re

from .model import Span

# A word, keeping inner apostrophes and hyphens ("Russia’s", "US-led"): what students mark and what voices count.
WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def split_sentences(text: str) -> list[tuple[int, Span]]:
    """(paragraph number, span) for every sentence; paragraphs are the lines of `text`, from 1."""
    import pysbd  # loaded only when splitting: drafting and checks, never the viewer

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    out: list[tuple[int, Span]] = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for piece in segmenter.segment(line) if line.strip() else []:
            sentence = piece.sent.strip()
            start = offset + piece.start + (len(piece.sent) - len(piece.sent.lstrip()))
            out.append((number, Span(start, start + len(sentence), sentence)))
        offset += len(line) + 1
    return out
