"""How the kit names the article's parties in its own sentences (feedback, chain labels).

Prose rules, kept out of the model so the model stays the data and nothing else."""
from __future__ import annotations

from .model import Annotation

ARTICLE_KINDS = ("institution", "state", "group")  # named with "the": "the United Nations", "the Russian Federation"


def called(annotation: Annotation, actor_id: str, start: bool = False) -> str:
    """An actor's name as it reads in a sentence: "the United Nations", but "Maria Zakharova"."""
    actor = annotation.actor(actor_id)
    name = f"the {actor.name}" if actor.kind in ARTICLE_KINDS else actor.name
    return name[0].upper() + name[1:] if start else name
