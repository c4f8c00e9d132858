"""Second-hand claims: the chain of attributions a claim passes through before it reaches the reader.

A chain starts at the attribution nobody else reports through (the original speaker) and follows `via`
outwards to the attribution the article reports directly. Pure data: drawing lives in `diagrams`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Annotation, Attribution

ARTICLE = "article"  # the last link of every chain: the writer reporting it to you


@dataclass(frozen=True)
class Link:
    id: str  # an attribution id, or ARTICLE
    speaker: str  # who passes the claim on
    how: str  # the cue that passes it on
    unnamed: bool = False


def second_hand(annotation: Annotation) -> list[Attribution]:
    """The original speakers of every claim that reaches the article through someone else."""
    reported_through = {a.via for a in annotation.attributions if a.via}
    return [a for a in annotation.attributions if a.via and a.id not in reported_through]


def links(annotation: Annotation, attribution_id: str) -> list[Link]:
    """The chain behind one attribution, from the original speaker to the article."""
    out = []
    for a in annotation.chain(attribution_id):
        actor = annotation.actor(a.actor)
        out.append(Link(a.id, annotation.called(a.actor), f"“{a.cue.text}”", actor.kind == "unnamed"))
    outer = annotation.chain(attribution_id)[-1]
    out.append(Link(ARTICLE, "the article’s writer", f"reports it in sentence {outer.sentence}"))
    return out
