"""Which stretches of the article each viewer layer marks: pure data, no HTML, no widgets."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Annotation
from .style import LAYER_KEYS, layer

QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css_class: str
    title: str  # shown on hover; plain text (the renderer escapes it)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Stretches in quotation marks, marks included: curly “…” or straight "…" pairs."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def marks(annotation: Annotation, keys: Iterable[str]) -> list[Mark]:
    """Inline marks for the given layers (narration works on whole sentences: see `sentence_classes`)."""
    out: list[Mark] = []
    keys = set(keys)
    unknown = keys - set(LAYER_KEYS)
    if unknown:
        raise KeyError(f"unknown layer(s) {', '.join(sorted(unknown))}; choose from {', '.join(LAYER_KEYS)}")
    if "sources" in keys:
        for a in annotation.attributions:
            if a.source is not None:
                who = annotation.actor(a.actor).name
                out.append(Mark(a.source.start, a.source.end, layer("sources").css_class, f"Source: {who}"))
    if "cues" in keys:
        for a in annotation.attributions:
            who = annotation.actor(a.actor).name
            out.append(Mark(a.cue.start, a.cue.end, layer("cues").css_class, f"Cue ({a.quote} speech) for {who}"))
    if "quotes" in keys:
        for start, end in quoted_spans(annotation.text):
            out.append(Mark(start, end, layer("quotes").css_class, "Direct quote: the speaker's own words"))
    if "framing" in keys:
        for f in annotation.framing:
            out.append(Mark(f.span.start, f.span.end, layer("framing").css_class, f"Framing ({f.kind}): {f.note}"))
    return sorted(out, key=lambda m: (m.start, -m.end))


def sentence_classes(annotation: Annotation, keys: Iterable[str]) -> dict[str, str]:
    """Sentence id -> the label to show as a badge, for sentences the narration layer marks."""
    if "narration" not in set(keys):
        return {}
    return {s.id: s.label for s in annotation.sentences if s.label in ("narration", "mixed")}
