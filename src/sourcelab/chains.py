"""Second-hand claims: the chain of attributions a claim passes through before it reaches the reader.

A chain starts at the attribution nobody else reports through (the original speaker) and follows `via`
outwards to the attribution the article reports directly. A link either passes the claim on or, as in
"Kiev has denied claims …", names it only to deny it: a denier is not a relay, and every reader of a
chain (diagram, exercises, word counts) keeps the two apart. Pure data: drawing lives in `diagrams`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Annotation, Attribution
from .wording import called

WRITER = "article"  # the id of the last link of every chain: the writer reporting it to you


@dataclass(frozen=True)
class Link:
    id: str  # an attribution id, or WRITER
    speaker: str  # who has the claim at this point
    how: str  # the cue that passes it on (or denies it)
    unnamed: bool = False
    denies: bool = False  # this link mentions the claim only to deny it


def second_hand(annotation: Annotation) -> list[Attribution]:
    """The original speakers of every claim that reaches the article through someone else."""
    reported_through = {a.via for a in annotation.attributions if a.via}
    return [a for a in annotation.attributions if a.via and a.id not in reported_through]


def links(annotation: Annotation, attribution_id: str) -> list[Link]:
    """The chain behind one attribution, from the original speaker to the article."""
    chain = annotation.chain(attribution_id)
    out = []
    for n, a in enumerate(chain):
        actor = annotation.actor(a.actor)
        denies = n > 0 and chain[n - 1].denied
        out.append(Link(a.id, called(annotation, a.actor), f"“{a.cue.text}”", actor.kind == "unnamed", denies))
    out.append(Link(WRITER, "the article’s writer", f"reports it in sentence {chain[-1].sentence}"))
    return out


def denied_by(annotation: Annotation, attribution_id: str) -> Attribution | None:
    """The attribution that denies this claim, if the claim reaches the article only through a denial."""
    for a in annotation.chain(attribution_id):
        if a.denied and a.via is not None:
            return annotation.attribution(a.via)
    return None


def reported_by_other_party(annotation: Annotation, attribution: Attribution) -> bool:
    """True when the claim reaches the article only through someone outside its speaker's party.

    Guterres reporting his own office's proposal is still the UN speaking; Zakharova citing reports of
    what Dujarric said is not. An unnamed source belongs to no party, so it always counts as another.
    """
    party = annotation.actor(attribution.actor).party
    return any(not party or annotation.actor(link.actor).party != party
               for link in annotation.chain(attribution.id)[1:])
