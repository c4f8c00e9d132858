"""The shipped article and its reference annotation: exact text, sentence split, key facts the lessons rely on."""
from __future__ import annotations

import hashlib


from .conftest import DATA, ROOT

SEED = ROOT.parent / "shared" / "seed" / "000_60bc1e2d289d0d32.txt"
ARTICLE_SHA256 = "bc8ce66b2f4f0034e45a5e060c52fda117d233afba52f875da48fd921b824d2c"


def test_article_is_the_seed_byte_for_byte() -> None:
    data = (DATA / "article.txt").read_bytes()
    if SEED.exists():  # beside the project in development and CI
        assert data == SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256
    assert "“A short comment: no." in data.decode("utf-8")  # curly quotes kept


def test_sentences_are_numbered_in_reading_order(annotation) -> None:  # their spans: tests/test_drafting.py
    assert len(annotation.sentences) == 16
    assert [s.id for s in annotation.sentences] == [f"s{i}" for i in range(1, 17)]


def test_quotation_in_paragraph_3_stays_one_sentence(annotation) -> None:
    first = annotation.paragraphs[2][0]
    assert first.text.startswith("“A short comment: no. The UN secretary general")
    assert first.text.endswith("Zakharova insisted.")


def test_labels_single_out_the_writers_own_voice(annotation) -> None:
    labels = {s.id: s.label for s in annotation.sentences}
    assert [k for k, v in labels.items() if v == "narration"] == ["s13", "s14"]
    assert [k for k, v in labels.items() if v == "mixed"] == []
    assert all(s.explanation for s in annotation.sentences)
    assert {s.id for s in annotation.sentences if s.debatable} == {"s1", "s2", "s11", "s12"}


def test_the_lead_hides_the_chain_but_keeps_every_claim_sourced(annotation) -> None:
    """Two independent expert readings agree: s1 is attributed (mixed stays defensible), s6 a direct quote."""
    s1, s6 = annotation.sentence("s1"), annotation.sentence("s6")
    assert (s1.label, s1.alternative_label) == ("attributed", "mixed")
    assert (s6.quote, s6.alternative_quote) == ("direct", "both")
    assert {s.id for s in annotation.sentences if s.quote_debatable} == {"s6"}


def test_documented_facts_are_not_filed_as_mere_framing(annotation) -> None:
    """What UN investigators recorded in Bucha is 'established', with sources outside the article; the
    causal account of s13 is 'disputed' by a party, shown in the article itself (s16)."""
    status = {f.id: f.status for f in annotation.framing}
    assert status["f3"] == status["f4"] == "established" and status["f7"] == "disputed"
    for mark in annotation.framing:
        references, sentences = annotation.citations(mark)
        if mark.status in ("established", "contested"):
            assert references, mark.id
        if mark.status:
            assert references or sentences, mark.id


def test_a_denial_is_recorded_apart_from_a_report(annotation) -> None:
    denied = [a.id for a in annotation.attributions if a.denied]
    assert denied == ["a20"] and annotation.attribution("a20").via == "a19"
    assert annotation.attribution("a21").via == "a10"  # Guterres reports his office's proposal


def test_the_origin_is_kept_for_instructors(annotation) -> None:
    origin = annotation.origin
    assert origin["url"].startswith("https://rt.com/") and str(origin["published"]) == "2022-04-19"
    assert annotation.metadata["outlet"] == "unknown"  # students meet the text as given


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
