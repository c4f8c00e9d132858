"""Lesson 2's exercises: put a chain in order, trace claims to their origin, find unnamed sources.

Every key comes from data/: the chain from the `via` column, origins and quote types from
attributions.csv, absent positions from positions.csv, unnamed sources from the actors' kind.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..chains import WRITER, Link, denied_by, links, reported_by_other_party
from ..model import Attribution, Position
from ..wording import called
from .base import Exercise, Item
from .results import ItemResult
from .spec import ExerciseType, SentencesParams, SpecReader
from .yamlspec import LineDict

CHAIN, TRACE, UNNAMED = "chain-order", "trace-claims", "unnamed-sources"
CLAIM_FIELDS = ("id", "claim", "attribution", "position")


@dataclass(frozen=True)
class Claim:
    """A claim to trace: it comes from an attribution (who said it, through whom) or a position (maybe absent)."""

    id: str
    claim: str
    attribution: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class ChainParams:
    attribution: str = ""  # the original speaker's attribution


@dataclass(frozen=True)
class ClaimsParams:
    claims: tuple[Claim, ...] = ()


def _read_chain_start(reader: SpecReader, node: LineDict, where: str) -> str:
    ident = reader.text(node, "attribution", where)
    if ident and reader.annotation is not None:
        known = {a.id: a for a in reader.annotation.attributions}
        if ident not in known:
            reader.problem(node.line_of("attribution"), f"{where} names attribution '{ident}', which does not "
                           "exist in attributions.csv", "use an id from attributions.csv")
        elif len(reader.annotation.chain(ident)) < 2:
            reader.problem(node.line_of("attribution"), f"{where} starts at '{ident}', which is not reported "
                           "through anyone", "choose an attribution whose via column is filled")
    return ident

def _read_claims(reader: SpecReader, node: LineDict, where: str) -> tuple[Claim, ...]:
    out = []
    for c, cid, here in reader.entries(node, "claims", "claim", CLAIM_FIELDS, where):
        attribution = reader.text(c, "attribution", here, required=False) or None
        position = reader.text(c, "position", here, required=False) or None
        if (attribution is None) == (position is None):
            reader.problem(c.line, f"{here} needs either 'attribution' or 'position'", "give exactly one of them")
        elif reader.annotation is not None:
            ids = ({a.id for a in reader.annotation.attributions} if attribution
                   else {p.id for p in reader.annotation.positions})
            if (attribution or position) not in ids:
                column = "attribution" if attribution else "position"
                reader.problem(c.line_of(column), f"{here} names {column} '{attribution or position}', which does "
                               f"not exist in {column}s.csv", f"use an id from {column}s.csv")
        out.append(Claim(cid, reader.text(c, "claim", here), attribution, position))
    return tuple(out)



ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def _label(link: Link) -> str:
    return f"{link.speaker[0].upper()}{link.speaker[1:]}: {link.how}"


class ChainOrder(Exercise):
    """Each step of the chain is an item; its options are all the links, in an order that gives nothing away."""

    def _items(self) -> list[Item]:
        self.chain = links(self.annotation, self.params.attribution)
        shuffled = sorted(self.chain, key=lambda link: _label(link).lower())
        values, labels = tuple(l.id for l in shuffled), tuple(_label(l) for l in shuffled)
        return [Item(f"step-{n}", f"Link {n}: who has the claim {ORDINALS[n - 1]}"
                     f"{' (the original speaker)' if n == 1 else ' (what you read)' if n == len(self.chain) else ''}?",
                     values, None, labels) for n in range(1, len(self.chain) + 1)]

    def position(self, link_id: str) -> int:
        return next(n for n, link in enumerate(self.chain, start=1) if link.id == link_id)

    def reference_answers(self) -> dict[str, Any]:
        return {f"step-{n}": link.id for n, link in enumerate(self.chain, start=1)}

    def describe(self, item_id: str, value: Any) -> str:
        return next((_label(l) for l in self.chain if l.id == value), str(value))

    def _why(self, n: int) -> str:
        link = self.chain[n - 1]
        if n == 1:
            return f"The claim starts with {link.speaker} ({link.how})."
        if link.id == WRITER:
            return f"Finally the writer passes it on to you ({link.how})."
        before = self.chain[n - 2].speaker
        if link.denies:
            return (f"{link.speaker[0].upper()}{link.speaker[1:]} denies what {before} said ({link.how}): the claim "
                    "reaches the article only as the thing denied, not passed on.")
        unnamed = " The article never says who is behind them." if link.unnamed else ""
        return f"The claim passes from {before} to {link.speaker} ({link.how}).{unnamed}"

    def reference_text(self, item: Item) -> str:
        n = int(item.id.split("-")[1])
        return f"Link {n}: {self._why(n)}"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        n, actual = int(item.id.split("-")[1]), self.position(choice)
        if actual == n:
            return ItemResult(item.id, True, 1.0, True, f"Right. {self._why(n)}", answer)
        speaker = self.chain[actual - 1].speaker
        hint = (f"That link comes later in the chain: ask where {speaker} got the claim from."
                if actual > n else f"That link comes earlier: ask to whom {speaker} passed the claim on.")
        return ItemResult(item.id, False, 0.0, True, f"Not quite. {hint}", answer)


CONVEYED_CHOICES = ("their own words", "a paraphrase", "another party's report", "nothing")
FROM_POSITION = {"own words": "their own words", "paraphrase": "a paraphrase",
                 "reported by another party": "another party's report", "narration only": "nothing",
                 "absent": "nothing"}


class TraceClaims(Exercise):
    """Two questions per claim: who said it first, and what the article gives of their words."""

    def _items(self) -> list[Item]:
        self.sources = self._source_options()
        names = tuple(self.annotation.actor(a).name for a in self.sources)
        items = []
        for claim in self.params.claims:
            whose = "whose position is it?" if claim.position else "who made it first?"
            items.append(Item(f"{claim.id}-source", f"Claim: {claim.claim}. {whose.capitalize()}",
                              self.sources, self._sentence(claim), names))
            items.append(Item(f"{claim.id}-conveyed", f"Claim: {claim.claim}. What does the article give of it, "
                              "in that party's own words?", CONVEYED_CHOICES, self._sentence(claim)))
        return items

    def _source_options(self) -> tuple[str, ...]:
        named = {a.actor for a in self.annotation.attributions} | {p.actor for p in self.annotation.positions}
        return tuple(a.id for a in self.annotation.actors if a.id in named)

    def _sentence(self, claim: Claim) -> str | None:
        if claim.attribution:
            return self.annotation.attribution(claim.attribution).sentence
        evidence = self.annotation.position(claim.position).evidence
        return evidence[0] if evidence else None

    def _claim(self, item_id: str) -> Claim:
        return next(c for c in self.params.claims if item_id.rsplit("-", 1)[0] == c.id)

    def key(self, claim: Claim) -> tuple[str, str, str | None, str]:
        """Original source, conveyed, an also-right conveyed answer (partial quotes), and why."""
        if claim.position:
            position: Position = self.annotation.position(claim.position)
            return position.actor, FROM_POSITION[position.conveyed], None, position.note
        chain: list[Attribution] = self.annotation.chain(claim.attribution)
        origin = chain[0]
        denier = denied_by(self.annotation, claim.attribution)
        if denier is not None:
            return origin.actor, "another party's report", None, (
                f"It starts with {called(self.annotation, origin.actor)}, but the article gives it only as what "
                f"{called(self.annotation, denier.actor)} denies (“{denier.cue.text}”): the claim's source never "
                "speaks, and the words you read are the denial's description of the claim.")
        if reported_by_other_party(self.annotation, origin):
            through = " and then ".join(f"{called(self.annotation, a.actor)} (“{a.cue.text}”)" for a in chain[1:])
            return origin.actor, "another party's report", None, (
                f"It starts with {called(self.annotation, origin.actor)} and reaches the article only through "
                f"{through}: the article gives a report of it, not the source's own words.")
        if origin.quote == "direct":
            return origin.actor, "their own words", None, "The source's words stand in quotation marks."
        if origin.quote == "both":
            return origin.actor, "their own words", "a paraphrase", "Some words are quoted, the rest paraphrased."
        return origin.actor, "a paraphrase", None, "No quotation marks: the writer paraphrases the source."

    def reference_answers(self) -> dict[str, Any]:
        out = {}
        for claim in self.params.claims:
            source, conveyed, _also, _why = self.key(claim)
            out[f"{claim.id}-source"], out[f"{claim.id}-conveyed"] = source, conveyed
        return out

    def describe(self, item_id: str, value: Any) -> str:
        return self.annotation.actor(value).name if item_id.endswith("-source") and value in self.sources else str(value)

    def accepted_sources(self, source: str) -> set[str]:
        """The speaker, and the institution it speaks for (Zakharova: the foreign ministry, the government)."""
        party = self.annotation.actor(source).party
        same_side = {a.id for a in self.annotation.actors if party and a.party == party
                     and a.kind in ("institution", "state")}
        return {source} | same_side

    def _source_why(self, claim: Claim, source: str) -> str:
        if claim.position:
            return f"It is the position of {called(self.annotation, source)} on this point."
        origin = self.annotation.chain(claim.attribution)[0]
        return (f"The claim starts with {called(self.annotation, source)}, as the article reports it "
                f"(“{origin.cue.text}”, {origin.sentence}).")

    def reference_text(self, item: Item) -> str:
        claim = self._claim(item.id)
        source, conveyed, _also, why = self.key(claim)
        if item.id.endswith("-source"):
            return f"The original source: {called(self.annotation, source)}. {self._source_why(claim, source)}"
        return f"The article gives {conveyed}. {why}"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        claim = self._claim(item.id)
        source, conveyed, also, why = self.key(claim)
        if item.id.endswith("-source"):
            if choice == source:
                return ItemResult(item.id, True, 1.0, True, f"Right. {self._source_why(claim, source)}", answer)
            if choice in self.accepted_sources(source):
                return ItemResult(item.id, True, 1.0, True, f"Right: {called(self.annotation, choice)} is the side "
                                  f"{called(self.annotation, source)} speaks for. {self._source_why(claim, source)}",
                                  answer)
            denier = denied_by(self.annotation, claim.attribution) if claim.attribution else None
            if denier is not None and self.annotation.actor(choice).party == self.annotation.actor(denier.actor).party:
                hint = ("That is who denies the claim, not who made it: whose claim is being denied? Read the "
                        "sentence again.")
            elif any(a.actor == choice for a in self._chain_of(item.id)[1:]):
                hint = "That is who passes the claim on, not who made it first: follow the chain back."
            elif claim.position:
                hint = "Look again: whose answer or position is this about?"
            else:
                hint = f"Look again at who is reported as saying it: not {called(self.annotation, choice)}."
            return ItemResult(item.id, False, 0.0, True, f"Not quite. {hint}", answer)
        if choice in (conveyed, also):
            return ItemResult(item.id, True, 1.0, True, f"Right. {why}", answer)
        hint = {"their own words": "Are the source's words in quotation marks in the article?",
                "a paraphrase": "Check the quotation marks, and whether the source is reported directly or "
                                "through someone else.",
                "another party's report": "Does anyone stand between the source and the writer?",
                "nothing": "Look for the source's view on this point: is it in the article at all?"}[choice]
        return ItemResult(item.id, False, 0.0, True, f"Not quite. {hint}", answer)

    def _chain_of(self, item_id: str) -> list[Attribution]:
        claim = self._claim(item_id)
        return self.annotation.chain(claim.attribution) if claim.attribution else []


class UnnamedSources(Exercise):
    """For each sentence: does it cite a source without naming who it is?"""

    def _items(self) -> list[Item]:
        return [Item(sid, self.annotation.sentence(sid).text, ("yes", "no"), sid) for sid in self.params.sentences]

    def unnamed(self, sentence_id: str) -> list[Attribution]:
        return [a for a in self.annotation.attributions_in(sentence_id)
                if self.annotation.actor(a.actor).kind == "unnamed"]

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: "yes" if self.unnamed(item.id) else "no" for item in self.items}

    def reference_text(self, item: Item) -> str:
        found = self.unnamed(item.id)
        if found:
            words = " and ".join(f"“{(a.source or a.cue).text}”" for a in found)
            return (f"Yes: {words} stands for a source the article does not name; who is behind it is left to "
                    "the reader's guess.")
        named = [called(self.annotation, a.actor) for a in self.annotation.attributions_in(item.id)]
        return (f"No: every source here is named ({', '.join(dict.fromkeys(named))})." if named
                else "No: nobody is cited at all; this is the writer's narration.")

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        right = self.reference_answers()[item.id]
        if choice == right:
            reason = answer.split(": ", 1)[1]
            return ItemResult(item.id, True, 1.0, True, f"Right. {reason[0].upper()}{reason[1:]}", answer)
        hint = ("Look for a source word that names no one: “reports”, “claims”, “sources say”."
                if right == "yes" else "Can you say who each source is? A pronoun or a capital city still names one.")
        return ItemResult(item.id, False, 0.0, True, f"Not quite. {hint}", answer)


TYPES = (
    ExerciseType(CHAIN, ("attribution",), lambda reader, node, where: ChainParams(
        _read_chain_start(reader, node, where)), ChainOrder, "choice"),
    ExerciseType(TRACE, ("claims",), lambda reader, node, where: ClaimsParams(
        _read_claims(reader, node, where)), TraceClaims, "choice"),
    ExerciseType(UNNAMED, ("sentences",), lambda reader, node, where: SentencesParams(
        reader.sentence_ids(node, where)), UnnamedSources, "choice"),
)
