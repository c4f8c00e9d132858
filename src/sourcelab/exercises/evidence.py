"""Lesson 4's exercises: date the article from its clues, and weigh what the record shows about its claims.

Every key comes from data/context/: the day behind each time word from dates.csv, what the record shows
(and which card shows it) from findings.csv and cards.csv. The YAML chooses which rows a lesson asks about.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..evidence import CONCLUSION_LABELS, CONCLUSIONS, Card, DatedPhrase, Finding
from .base import Exercise, Item
from .results import ItemResult
from .spec import ExerciseType, SpecReader
from .yamlspec import LineDict

DATE_IT, WEIGH = "date-it", "weigh-evidence"
NO_CARD = "none"
NO_CARD_LABEL = "none: no card settles it"
# What to ask oneself when a conclusion is not right yet: (the right conclusion, the one chosen) -> a question.
RETHINK = {
    ("disputed", "established"): "Who puts this on record? If the only sources are the parties themselves, and "
                                 "they say opposite things, the record shows the dispute, not the answer.",
    ("established", "disputed"): "Does anyone still deny it? Look for a record that both sides accept, or that "
                                 "shows the thing itself happened.",
    ("contradicted", "disputed"): "Is this only one party's word against another's? Look at what independent "
                                  "investigators found.",
    ("disputed", "contradicted"): "Do the cards include a finding by someone independent of both parties? "
                                  "Without one, the two accounts still stand against each other.",
}
RETHINK_DEFAULT = "Read the cards again: who says so, on what evidence, and does anyone independent confirm it?"


def day_label(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"  # Tuesday 19 April 2022


def _read_rows(reader: SpecReader, node: LineDict, key: str, known: list[str], noun: str, source: str,
               where: str) -> tuple[str, ...]:
    """A field naming rows of a data/context/ file: 'all', or a list of their ids."""
    value = node.get(key)
    if reader.annotation is None:
        return ()
    if not known:
        reader.problem(node.line_of(key), f"{where} needs {noun}s, but {source} is missing or empty",
                       f"add data/context/{source} (see docs/annotation-guide.md)")
        return ()
    if value == "all":
        return tuple(known)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        reader.problem(node.line_of(key), f"{where} needs '{key}': 'all' or a list of {noun} ids",
                       f"write e.g. '{key}: [{', '.join(known[:2])}]'")
        return ()
    for ident in value:
        if ident not in known:
            reader.problem(node.line_of(key), f"{where} names {noun} '{ident}', which is not in {source}",
                           f"use one of: {', '.join(known[:8])}{', …' if len(known) > 8 else ''}")
    if len(set(value)) != len(value):
        reader.problem(node.line_of(key), f"{where} lists a {noun} twice", f"list each {noun} once")
    return tuple(dict.fromkeys(v for v in value if v in known))


@dataclass(frozen=True)
class DatesParams:
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class WeighParams:
    findings: tuple[str, ...] = ()
    cards: tuple[str, ...] = ()  # the cards offered to choose from: those the findings cite, and any added


def _read_dates(reader: SpecReader, node: LineDict, where: str) -> DatesParams:
    known = [d.id for d in reader.annotation.context.dates] if reader.annotation else []
    return DatesParams(_read_rows(reader, node, "phrases", known, "dated phrase", "dates.csv", where))


def _read_weigh(reader: SpecReader, node: LineDict, where: str) -> WeighParams:
    context = reader.annotation.context if reader.annotation else None
    findings = _read_rows(reader, node, "findings", [f.id for f in context.findings] if context else [],
                          "finding", "findings.csv", where)
    extra: tuple[str, ...] = ()
    if "cards" in node:
        extra = _read_rows(reader, node, "cards", [c.id for c in context.cards] if context else [], "card",
                           "cards.csv", where)
    cited = [c for f in findings for c in context.finding(f).cards] if context else []
    return WeighParams(findings, tuple(dict.fromkeys([*cited, *extra])))


class DateIt(Exercise):
    """For the article and each time word: which day is it?"""

    params: DatesParams

    def phrase(self, item_id: str) -> DatedPhrase:
        return self.annotation.context.dated(item_id)

    def _items(self) -> list[Item]:
        items = []
        for ident in self.params.phrases:
            d = self.phrase(ident)
            text = (f"“{d.phrase}”: which day is that?" if d.phrase else "On which day was the article published?")
            items.append(Item(ident, text, tuple(o.isoformat() for o in d.options), d.sentence or None,
                              tuple(day_label(o) for o in d.options)))
        return items

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: self.phrase(item.id).day.isoformat() for item in self.items}

    def reference_text(self, item: Item) -> str:
        d = self.phrase(item.id)
        return f"{day_label(d.day)}. {d.reasoning}"

    def describe(self, item_id: str, value: Any) -> str:
        return day_label(date.fromisoformat(value)) if isinstance(value, str) else str(value)

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        d = self.phrase(item.id)
        if choice == d.day.isoformat():
            return ItemResult(item.id, True, 1.0, True, f"Right. {d.reasoning}", answer)
        return ItemResult(item.id, False, 0.0, True, f"Not quite. {d.clue}", answer)


class WeighEvidence(Exercise):
    """For each statement: what does the record show, and which card shows it?"""

    params: WeighParams

    def finding(self, item_id: str) -> Finding:
        return self.annotation.context.finding(item_id.rsplit("-", 1)[0])

    def card(self, card_id: str) -> Card:
        return self.annotation.context.card(card_id)

    def card_label(self, card_id: str) -> str:
        card = self.card(card_id)
        return f"{card.id}: {card.source}, {card.date}"

    def _items(self) -> list[Item]:
        cards = (*self.params.cards, NO_CARD)
        card_labels = (*(self.card_label(c) for c in self.params.cards), NO_CARD_LABEL)
        items = []
        for ident in self.params.findings:
            statement = self.annotation.context.finding(ident).statement
            items.append(Item(f"{ident}-conclusion", f"“{statement}” What does the record show?", CONCLUSIONS,
                              None, tuple(CONCLUSION_LABELS[c] for c in CONCLUSIONS)))
            items.append(Item(f"{ident}-card", f"“{statement}” Which card shows it?", cards, None, card_labels))
        return items

    def reference_answers(self) -> dict[str, Any]:
        out = {}
        for item in self.items:
            finding = self.finding(item.id)
            if item.id.endswith("-conclusion"):
                out[item.id] = finding.conclusion
            else:
                out[item.id] = next((c for c in finding.cards if c in self.params.cards), NO_CARD)
        return out

    def reference_text(self, item: Item) -> str:
        finding = self.finding(item.id)
        if item.id.endswith("-conclusion"):
            return f"{CONCLUSION_LABELS[finding.conclusion].capitalize()}. {finding.explanation}"
        if not finding.cards:
            return f"No card settles it. {finding.explanation}"
        shown = "; ".join(self.card(c).citation() for c in finding.cards)
        return f"Shown by {', '.join(finding.cards)}: {shown}"

    def describe(self, item_id: str, value: Any) -> str:
        return CONCLUSION_LABELS.get(value, str(value)) if item_id.endswith("-conclusion") else str(value)

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        finding = self.finding(item.id)
        if item.id.endswith("-conclusion"):
            if choice == finding.conclusion:
                return ItemResult(item.id, True, 1.0, True, f"Right. {finding.explanation}", answer)
            hint = RETHINK.get((finding.conclusion, choice), RETHINK_DEFAULT)
            return ItemResult(item.id, False, 0.0, True, f"Not quite. {hint}", answer)
        if choice in finding.cards or (choice == NO_CARD and not finding.cards):
            shown = self.card(choice).facts if choice != NO_CARD else finding.explanation
            return ItemResult(item.id, True, 1.0, True, f"Right. {shown}", answer)
        if choice == NO_CARD:
            return ItemResult(item.id, False, 0.0, True, "Not quite: one of the cards does bear on it. Read their "
                              "facts again, looking for who said or found what, and when.", answer)
        return ItemResult(item.id, False, 0.0, True, f"Not quite: {choice} shows something else. "
                          f"{self.card(choice).facts} Does any card show the statement itself?", answer)


TYPES = (ExerciseType(DATE_IT, ("phrases",), _read_dates, DateIt, "choice"),
         ExerciseType(WEIGH, ("findings", "cards"), _read_weigh, WeighEvidence, "choice"))
