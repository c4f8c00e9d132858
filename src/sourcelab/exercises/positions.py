"""Lesson 3's exercises: fill the matrix of positions, and spot the issues where a voice is missing.

Keys come from data/positions.csv: each party's stance (or none), its evidence sentences, and how the
article conveys it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import CONVEYED, Annotation, Position
from ..wording import called
from .base import Exercise, Item
from .grid import Grid, GridPart, GridRow, letters
from .results import ItemResult
from .spec import ExerciseType, SpecReader
from .yamlspec import LineDict

MATRIX, SPOT = "position-matrix", "spot-issues"
FINDS = ("narration-only", "answer-missing")  # what a spot-issues question asks the student to find
SPOT_FIELDS = ("id", "question", "find")


ASK = ("stance", "evidence", "form")  # what each cell of the matrix asks, in this order
ASK_LABELS = {"stance": "Stance", "evidence": "Sentence", "form": "Form"}


@dataclass(frozen=True)
class MatrixParams:
    issues: tuple[str, ...] = ()
    ask: tuple[str, ...] = ASK  # an instructor may drop a column: `ask: [stance, evidence]`


@dataclass(frozen=True)
class FindsParams:
    finds: tuple[tuple[str, str, str], ...] = ()  # (id, question, what to find)


def issues_showing(annotation: Annotation, find: str) -> list[str]:
    """Issues showing a pattern: "narration-only" (an account given in the writer's voice alone), or
    "answer-missing" (a party's answer absent, with a sentence that shows it is missing)."""
    if find == "narration-only":
        hits = {p.issue for p in annotation.positions if p.conveyed == "narration only"}
    elif find == "answer-missing":
        hits = {p.issue for p in annotation.positions if p.conveyed == "absent" and p.evidence}
    else:
        raise ValueError(f"unknown pattern {find!r}")
    return [i.id for i in annotation.issues if i.id in hits]


def _read_issues(reader: SpecReader, node: LineDict, where: str) -> tuple[str, ...]:
    value = node.get("issues")
    if reader.annotation is None:
        return ()
    known = [i.id for i in reader.annotation.issues]
    if not known:
        reader.problem(node.line_of("issues"), f"{where} needs issues, but issues.csv is missing or empty",
                       "add data/issues.csv and data/positions.csv (see docs/annotation-guide.md)")
        return ()
    if value == "all":
        return tuple(known)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        reader.problem(node.line_of("issues"), f"{where} needs 'issues': 'all' or a list of issue ids",
                       f"write e.g. 'issues: [{', '.join(known[:2])}]'")
        return ()
    for issue in value:
        if issue not in known:
            reader.problem(node.line_of("issues"), f"{where} names issue '{issue}', which is not in issues.csv",
                           f"use one of: {', '.join(known)}")
    if len(set(value)) != len(value):
        reader.problem(node.line_of("issues"), f"{where} lists an issue twice", "list each issue once")
    return tuple(dict.fromkeys(i for i in value if i in known))

def _read_ask(reader: SpecReader, node: LineDict, where: str) -> tuple[str, ...]:
    value = node.get("ask", list(ASK))
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        reader.problem(node.line_of("ask"), f"{where} needs 'ask': a list of what each cell asks",
                       f"write e.g. 'ask: [{', '.join(ASK)}]', or leave 'ask' out to ask all three")
        return ASK
    unknown = [v for v in value if v not in ASK]
    if unknown:
        reader.problem(node.line_of("ask"), f"{where} asks for {unknown[0]!r}, which a cell cannot ask",
                       f"use some of: {', '.join(ASK)}")
    return tuple(part for part in ASK if part in value) or ASK


def _read_finds(reader: SpecReader, node: LineDict, where: str) -> tuple[tuple[str, str, str], ...]:
    out = []
    for q, qid, _here in reader.entries(node, "questions", "question", SPOT_FIELDS, where):
        find = reader.text(q, "find", f"question '{qid}'")
        if find and find not in FINDS:
            reader.problem(q.line_of("find"), f"question '{qid}' asks to find {find!r}", f"use one of: {', '.join(FINDS)}")
        elif find and reader.annotation is not None and not issues_showing(reader.annotation, find):
            reader.problem(q.line_of("find"), f"question '{qid}' asks to find {find!r}, but no issue in "
                           "positions.csv shows it", "change the question, or the positions it is about")
        out.append((qid, reader.text(q, "question", f"question '{qid}'"), find))
    return tuple(out)



NOT_STATED = "not-stated"
NOT_STATED_LABEL = "not stated in the article"
NO_EVIDENCE = "none"
NO_EVIDENCE_LABEL = "none: the article does not give it"
HOW = {"own words": "in its own words", "paraphrase": "in a paraphrase",
       "reported by another party": "only as another party reports it", "narration only": "only in the writer's "
       "narration, attributed to no one", "absent": "nothing"}


class PositionMatrix(Exercise):
    def _items(self) -> list[Item]:
        items = []
        for issue_id in self.params.issues:
            issue = self.annotation.issue(issue_id)
            cells = [p for p in self.annotation.positions if p.issue == issue_id]
            stances = sorted((p for p in cells if p.stance), key=lambda p: p.stance.lower())
            values = tuple(p.id for p in stances) + (NOT_STATED,)
            labels = tuple(p.stance for p in stances) + (NOT_STATED_LABEL,)
            sentences = self.annotation.sentences
            evidence_values = tuple(s.id for s in sentences) + (NO_EVIDENCE,)
            evidence_labels = tuple(f"{s.id}: {s.text if len(s.text) <= 70 else s.text[:69] + '…'}"
                                    for s in sentences) + (NO_EVIDENCE_LABEL,)
            for position in self._in_party_order(cells):
                party = called(self.annotation, position.actor, start=True)
                asked = {"stance": Item(f"{position.id}-stance", f"{party}, on the question {issue.question} Which "
                                        "stance?", values, None, labels),
                         "evidence": Item(f"{position.id}-evidence", f"{party}, on the question {issue.question} "
                                          "Which sentence shows it?", evidence_values, None, evidence_labels),
                         "form": Item(f"{position.id}-form", f"{party}, on the question {issue.question} In whose "
                                      "words does the article give it?", CONVEYED)}
                items += [asked[part] for part in self.params.ask]
        return items

    def grid(self) -> Grid:
        """Issues down the side, parties across the top; each cell asks what `ask` lists, with short option
        texts: a letter per stance (the row's legend spells them out), sentence ids, the form's name."""
        parties = self.annotation.parties
        rows = []
        for issue_id in self.params.issues:
            here = {p.actor: p for p in self.annotation.positions if p.issue == issue_id}
            stances = next((self.item(f"{p.id}-stance") for p in here.values() if "stance" in self.params.ask), None)
            legend = tuple(zip(letters(len(stances.options) - 1), stances.labels[:-1])) if stances else ()
            cells = tuple(tuple(self._grid_part(f"{here[party.id].id}-{part}", part, legend)
                                for part in self.params.ask) if party.id in here else ()
                          for party in parties)
            rows.append(GridRow(self.annotation.issue(issue_id).question, legend, cells))
        return Grid("Issue", tuple(called(self.annotation, p.id, start=True) for p in parties), tuple(rows))

    def _grid_part(self, item_id: str, part: str, legend: tuple[tuple[str, str], ...]) -> GridPart:
        item = self.item(item_id)
        shown = (tuple(letter for letter, _ in legend) + ("not stated",) if part == "stance"
                 else item.labels or item.options)
        return GridPart(ASK_LABELS[part], item_id, shown)

    def _in_party_order(self, cells: list[Position]) -> list[Position]:
        order = {p.id: n for n, p in enumerate(self.annotation.parties)}
        return sorted(cells, key=lambda p: order.get(p.actor, len(order)))

    def _position(self, item_id: str) -> Position:
        return self.annotation.position(item_id.rsplit("-", 1)[0])

    def reference_answers(self) -> dict[str, Any]:
        out = {}
        for item in self.items:
            position = self._position(item.id)
            if item.id.endswith("-stance"):
                out[item.id] = position.id if position.stance else NOT_STATED
            elif item.id.endswith("-form"):
                out[item.id] = position.conveyed
            else:
                out[item.id] = position.evidence[0] if position.stance else NO_EVIDENCE
        return out

    @staticmethod
    def debatable(position: Position) -> bool:
        """An account in the writer's voice: reading it as this party's stance, or as not stated, both hold."""
        return position.conveyed == "narration only"

    def describe(self, item_id: str, value: Any) -> str:
        if item_id.endswith("-form"):
            return str(value)
        if item_id.endswith("-stance"):
            return NOT_STATED_LABEL if value == NOT_STATED else self.annotation.position(value).stance
        return NO_EVIDENCE_LABEL if value == NO_EVIDENCE else str(value)

    def reference_text(self, item: Item) -> str:
        position = self._position(item.id)
        party = called(self.annotation, position.actor)
        if item.id.endswith("-form"):
            return f"{position.conveyed.capitalize()}: the article gives {HOW[position.conveyed]}. {position.note}"
        if item.id.endswith("-evidence"):
            if not position.stance:
                return f"None: the article gives no stance of {party} on this. {position.note}"
            return f"Sentences showing it: {', '.join(position.evidence)}. {position.note}"
        if not position.stance:
            return f"The article gives no stance of {party} on this. {position.note}"
        return (f"{called(self.annotation, position.actor, start=True)}: {position.stance} The article gives it "
                f"{HOW[position.conveyed]}. {position.note}")

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        position = self._position(item.id)
        party = called(self.annotation, position.actor)
        if item.id.endswith("-form"):
            return self._grade_form(position, choice, answer)
        if item.id.endswith("-evidence"):
            if choice in position.evidence or (choice == NO_EVIDENCE and (not position.stance
                                                                        or self.debatable(position))):
                shown = ("the article gives nothing here" if choice == NO_EVIDENCE else
                         f"{choice} shows it" if position.stance else f"{choice} shows that the answer is missing")
                return ItemResult(item.id, True, 1.0, True, f"Right: {shown}. {position.note}", answer)
            if choice == NO_EVIDENCE:
                return ItemResult(item.id, False, 0.0, True, f"Not quite: a sentence does show the stance of {party} "
                                  "on this. Look for the sentence where this party is the source.", answer)
            return ItemResult(item.id, False, 0.0, True, f"Not quite: {choice} does not show the stance of {party} "
                              "on this. Look for the sentence where this party is the source (or, for an account in "
                              "the writer's voice, the sentence that gives it).", answer)
        key = position.id if position.stance else NOT_STATED
        if choice == key and not position.stance:
            return ItemResult(item.id, True, 1.0, True, f"Right: the article does not give the view of {party} on "
                              f"this. {position.note}", answer)
        if choice == key:
            how = HOW[position.conveyed]
            extra = (" This is one reading: “not stated in the article” is defensible too, since the article "
                     "attributes the account to no one." if self.debatable(position) else "")
            return ItemResult(item.id, True, 1.0, True, f"Right. The article gives it {how}.{extra} {position.note}",
                              answer)
        if choice == NOT_STATED and self.debatable(position):
            return ItemResult(item.id, True, 1.0, True, "Defensible: the article attributes this account to no one, "
                              f"so “not stated” is a careful reading. The other reading counts it as the position of "
                              f"{party}. {position.note}", answer)
        if choice == NOT_STATED:
            return ItemResult(item.id, False, 0.0, True, f"Not quite: the article does report a view of {party} on "
                              "this. Search the sentences where this party, or someone speaking for it, is the source, "
                              "and the writer's own narration too.", answer)
        owner = called(self.annotation, self.annotation.position(choice).actor)
        if not position.stance:
            return ItemResult(item.id, False, 0.0, True, f"Not quite: that stance is the position of {owner}. The "
                              f"article never gives the view of {party} on this issue.", answer)
        return ItemResult(item.id, False, 0.0, True, f"Not quite: that is the position of {owner}, not of {party}.",
                          answer)


    def _grade_form(self, position: Position, choice: str, answer: str) -> ItemResult:
        party = called(self.annotation, position.actor)
        item_id = f"{position.id}-form"
        if choice == position.conveyed:
            return ItemResult(item_id, True, 1.0, True, f"Right: the article gives it {HOW[choice]}. {position.note}",
                              answer)
        if choice == "absent" and self.debatable(position):
            return ItemResult(item_id, True, 1.0, True, "Defensible: the article attributes this account to no one, "
                              "so reading the view of this party as absent is careful. The other reading counts the "
                              f"account as {party}'s, given {HOW[position.conveyed]}. {position.note}", answer)
        if position.conveyed == "absent":
            why = f"the article gives no view of {party} on this issue, in any form."
        elif choice == "absent":
            why = f"the article does give a view of {party} on this. Find the sentence that shows it."
        else:
            why = (f"“{choice}” does not fit how the article gives this view. Look at the sentence that shows it: "
                   "who is its source, the party itself, another party or no one? And are the party's own words in "
                   "quotation marks?")
        return ItemResult(item_id, False, 0.0, True, f"Not quite: {why}", answer)


class SpotIssues(Exercise):
    """Which issue shows a pattern: one side only in narration, or a party's answer missing altogether."""

    def _items(self) -> list[Item]:
        issues = self.annotation.issues
        return [Item(qid, question, tuple(i.id for i in issues), None, tuple(i.question for i in issues))
                for qid, question, _find in self.params.finds]

    def _find(self, item_id: str) -> str:
        return next(find for qid, _q, find in self.params.finds if qid == item_id)

    def matches(self, find: str) -> list[str]:
        """Issues that show the pattern, read from positions.csv."""
        return issues_showing(self.annotation, find)

    def coverage(self, issue_id: str) -> str:
        parts = [f"{called(self.annotation, p.actor)} {HOW[p.conveyed]}" for p in self.annotation.positions
                 if p.issue == issue_id]
        return f"On the question {self.annotation.issue(issue_id).question} the article gives {'; '.join(parts)}."

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: self.matches(self._find(item.id))[0] for item in self.items}

    def describe(self, item_id: str, value: Any) -> str:
        return self.annotation.issue(value).question if value in {i.id for i in self.annotation.issues} else str(value)

    def reference_text(self, item: Item) -> str:
        hits = self.matches(self._find(item.id))
        notes = [p.note for p in self.annotation.positions if p.issue in hits and (
            p.conveyed == "narration only" if self._find(item.id) == "narration-only" else
            p.conveyed == "absent" and p.evidence)]
        return f"{self.coverage(hits[0])} {' '.join(notes)}".strip()

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        if choice in self.matches(self._find(item.id)):
            return ItemResult(item.id, True, 1.0, True, f"Right. {answer}", answer)
        return ItemResult(item.id, False, 0.0, True, f"Not this one. {self.coverage(choice)}", answer)


TYPES = (
    ExerciseType(MATRIX, ("issues", "ask"), lambda reader, node, where: MatrixParams(
        _read_issues(reader, node, where), _read_ask(reader, node, where)), PositionMatrix, "grid"),
    ExerciseType(SPOT, ("questions",), lambda reader, node, where: FindsParams(
        _read_finds(reader, node, where)), SpotIssues, "choice"),
)
