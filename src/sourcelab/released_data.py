"""The article as a student's assessment copy holds it: what the lessons display, and no annotation.

An assessment copy must run every lesson yet hold no answer key in any form, so its data/ folder is one file:
the article's text, the facts about it that students may see, its sentences (number, paragraph, where they
stand in the text), the passages the lessons show, and the evidence cards and renderings lesson 4 displays.
No label, source, cue, quotation type, chain, position, framing note, date key or finding travels with it.
The Annotation read from it is marked `display_only`, so the viewer shows the plain article, with numbers.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import Problem, SavedFileError
from .evidence import Card, Context, Rendering
from .model import Annotation, Sentence, Span

RELEASED_DATA = "released.json"  # in the copy's data/ folder, instead of the CSV files
SCHEMA = "sourcelab-released-data/1"
SHOWN_FACTS = ("id", "text_sha256", "title", "outlet", "byline", "published", "language", "provenance",
               "date_evidence", "questions_for_readers")  # article.yaml keys students see (never `origin`)


def released_data(annotation: Annotation, passages: Mapping[str, str], key_fingerprint: str = "") -> str:
    """The display-only file for a copy; `passages` are the lessons' passages as the copy may show them, and
    `key_fingerprint` the key its answers will be graded with (the export carries it to the report)."""
    shown = {k: v for k, v in annotation.metadata.items() if k in SHOWN_FACTS}
    document = {
        "schema": SCHEMA,
        "text": annotation.text,
        "metadata": shown | ({"key_fingerprint": key_fingerprint} if key_fingerprint else {}),
        "sentences": [[s.id, s.paragraph, s.span.start, s.span.end] for s in annotation.sentences],
        "passages": dict(passages),
        "cards": [dataclasses.asdict(c) for c in annotation.context.cards],
        "renderings": [dataclasses.asdict(r) for r in annotation.context.renderings],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_released_data(path: Path, problems: list[Problem]) -> Annotation | None:
    try:
        document: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("schema") != SCHEMA:
            raise SavedFileError(f"schema {document.get('schema')!r}, expected {SCHEMA!r}")
        text = document["text"]
        sentences = tuple(Sentence(sid, int(paragraph), Span(start, end, text[start:end]), "", (), (), "none", "")
                          for sid, paragraph, start, end in document["sentences"])
        cards = tuple(Card(**{**c, "shown_in": tuple(c.get("shown_in", ()))}) for c in document.get("cards", []))
        renderings = tuple(Rendering(**r) for r in document.get("renderings", []))
        return Annotation(text, document["metadata"], sentences, (), (), context=Context(cards=cards,
                          renderings=renderings), passages=document.get("passages", {}), display_only=True)
    except (OSError, SavedFileError, ValueError, KeyError, TypeError) as exc:
        problems.append(Problem(str(path), None, None, f"cannot be read ({exc})",
                                "make the copy again with python -m sourcelab release"))
        return None
