"""The shipped article and its reference annotation: exact text, sentence split, key facts the lessons rely on."""
from __future__ import annotations

import hashlib
from pathlib import Path

from sourcelab.segment import split_sentences

from .conftest import DATA, ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_60bc1e2d289d0d32.txt"
ARTICLE_SHA256 = "bc8ce66b2f4f0034e45a5e060c52fda117d233afba52f875da48fd921b824d2c"


def test_article_is_the_seed_byte_for_byte() -> None:
    data = (DATA / "article.txt").read_bytes()
    if SEED.exists():  # beside the project in development and CI
        assert data == SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256
    assert "“A short comment: no." in data.decode("utf-8")  # curly quotes kept


def test_sentences_are_pysbds_split(annotation) -> None:
    expected = [(p, s.start, s.end) for p, s in split_sentences(annotation.text)]
    assert [(s.paragraph, s.span.start, s.span.end) for s in annotation.sentences] == expected
    assert len(annotation.sentences) == 16
    assert [s.id for s in annotation.sentences] == [f"s{i}" for i in range(1, 17)]


def test_quotation_in_paragraph_3_stays_one_sentence(annotation) -> None:
    first = annotation.paragraphs[2][0]
    assert first.text.startswith("“A short comment: no. The UN secretary general")
    assert first.text.endswith("Zakharova insisted.")


def test_labels_single_out_the_writers_own_voice(annotation) -> None:
    labels = {s.id: s.label for s in annotation.sentences}
    assert [k for k, v in labels.items() if v == "narration"] == ["s13", "s14"]
    assert [k for k, v in labels.items() if v == "mixed"] == ["s1"]
    assert all(s.explanation for s in annotation.sentences)
    assert {s.id for s in annotation.sentences if s.debatable} == {"s1", "s2", "s11", "s12"}


def test_the_denied_claim_reaches_us_only_through_its_denier(annotation) -> None:
    dujarric = next(a for a in annotation.attributions_in("s2") if a.actor == "dujarric")
    assert [annotation.actor(a.actor).id for a in annotation.chain(dujarric.id)] == [
        "dujarric", "unnamed_reports", "zakharova"]
    assert not [a for a in annotation.attributions if a.actor == "dujarric" and a.quote != "indirect"]


def test_unnamed_claims_have_no_source_span(annotation) -> None:
    claims = [a for a in annotation.attributions if a.actor == "unnamed_claims"]
    assert len(claims) == 1 and claims[0].source is None and claims[0].cue.text == "claims"


def test_every_span_slices_the_article(annotation) -> None:
    text = annotation.text
    spans = [s.span for s in annotation.sentences] + [f.span for f in annotation.framing]
    for a in annotation.attributions:
        spans += [x for x in (a.source, a.cue, a.content) if x is not None]
    assert all(text[s.start:s.end] == s.text for s in spans)
