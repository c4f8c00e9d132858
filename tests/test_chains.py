"""Second-hand chains and their diagram come from the `via` links, so a change in the data changes them."""
from __future__ import annotations

from matplotlib.patches import FancyBboxPatch

from sourcelab import load_annotation
from sourcelab.chains import ARTICLE, links, second_hand
from sourcelab.diagrams import chain_figure

from .conftest import edit


def boxes(figure) -> list[FancyBboxPatch]:
    return [p for p in figure.axes[0].patches if isinstance(p, FancyBboxPatch)]


def test_the_chains_of_the_article(annotation) -> None:
    assert [a.id for a in second_hand(annotation)] == ["a5", "a20"]
    chain = links(annotation, "a5")
    assert [(l.id, l.speaker, l.unnamed) for l in chain] == [
        ("a5", "Stéphane Dujarric", False), ("a4", "unnamed “reports”", True), ("a3", "Maria Zakharova", False),
        (ARTICLE, "the article’s writer", False)]
    assert chain[2].how == "“published a post in her Telegram channel, citing”"


def test_the_diagram_draws_every_link_and_marks_unnamed_sources(annotation) -> None:
    figure = chain_figure(annotation)
    drawn = boxes(figure)
    assert len(drawn) == 4 + 3  # Dujarric's chain and the unnamed claims' chain, each ending at the article
    assert sum(p.get_linestyle() == "--" for p in drawn) == 2  # "reports" and "claims": dashed, not colour alone
    texts = " ".join(t.get_text() for t in figure.axes[0].texts)
    assert "(unnamed source)" in texts and "Claim in s2:" in texts


def test_a_changed_via_changes_the_diagram(data_copy) -> None:
    edit(data_copy / "attributions.csv", ",indirect,a4\n", ",indirect,a3\n")  # Dujarric straight to Zakharova
    annotation = load_annotation(data_copy)
    assert [l.id for l in links(annotation, "a5")] == ["a5", "a3", ARTICLE]
    assert [a.id for a in second_hand(annotation)] == ["a4", "a5", "a20"]
    assert len(boxes(chain_figure(annotation))) == 3 + 3 + 3
