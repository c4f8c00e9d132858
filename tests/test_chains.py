"""Second-hand chains and their diagram come from the `via` links, so a change in the data changes them."""
from __future__ import annotations

from matplotlib.patches import FancyBboxPatch

from sourcelab import load_annotation
from sourcelab.chains import WRITER, links, second_hand
from sourcelab.diagrams import chain_figure

from .conftest import edit


def boxes(figure) -> list[FancyBboxPatch]:
    return [p for p in figure.axes[0].patches if isinstance(p, FancyBboxPatch)]


def test_the_chains_of_the_article(annotation) -> None:
    assert [a.id for a in second_hand(annotation)] == ["a5", "a20", "a21"]
    chain = links(annotation, "a5")
    assert [(l.id, l.speaker, l.unnamed) for l in chain] == [
        ("a5", "Stéphane Dujarric", False), ("a4", "unnamed “reports”", True), ("a3", "Maria Zakharova", False),
        (WRITER, "the article’s writer", False)]
    assert chain[2].how == "“published a post in her Telegram channel, citing”"
    assert not any(link.denies for link in chain)


def test_a_denial_is_not_a_relay(annotation) -> None:
    """Kiev "has denied claims": the claims reach the article only as what Kiev denies, not passed on by it."""
    chain = links(annotation, "a20")
    assert [(l.id, l.denies) for l in chain] == [("a20", False), ("a19", True), (WRITER, False)]
    figure = chain_figure(annotation, ["a20"])
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "denies it" in texts and "link 2" not in texts
    assert any("does not pass it on" in t for t in texts)
    arrows = [p for p in figure.axes[0].patches if not isinstance(p, FancyBboxPatch)]
    assert [a.get_linestyle() for a in arrows] == [":", "-"]  # denied (dotted), then reported by the writer


def test_a_changed_relation_makes_the_denier_a_relay(data_copy) -> None:
    edit(data_copy / "attributions.csv", ",a19,denies\n", ",a19,reports\n")
    annotation = load_annotation(data_copy)
    assert not any(link.denies for link in links(annotation, "a20"))
    assert "link 2" in [t.get_text() for t in chain_figure(annotation, ["a20"]).axes[0].texts]


def test_the_diagram_draws_every_link_and_marks_unnamed_sources(annotation) -> None:
    figure = chain_figure(annotation)
    drawn = boxes(figure)
    assert len(drawn) == 4 + 3 + 3  # Dujarric's, the unnamed claims' and the office's chain, each ending at the article
    assert sum(p.get_linestyle() == "--" for p in drawn) == 2  # "reports" and "claims": dashed, not colour alone
    texts = " ".join(t.get_text() for t in figure.axes[0].texts)
    assert "(unnamed source)" in texts and "Claim in s2:" in texts


def test_a_changed_via_changes_the_diagram(data_copy) -> None:
    edit(data_copy / "attributions.csv", ",indirect,a4,reports\n", ",indirect,a3,reports\n")  # Dujarric straight to Zakharova
    annotation = load_annotation(data_copy)
    assert [l.id for l in links(annotation, "a5")] == ["a5", "a3", WRITER]
    assert [a.id for a in second_hand(annotation)] == ["a4", "a5", "a20", "a21"]
    assert len(boxes(chain_figure(annotation))) == 3 + 3 + 3 + 3
