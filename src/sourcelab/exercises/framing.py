"""The writer's words: find the framing in a sentence, then name what kind of framing it is.

Keys come from data/framing.csv: its spans (for finding) and its `kind` column (for naming); the feedback
on a found or missed span is that row's `note`. Types:

- `find-framing`: mark, among a sentence's words, those that carry a judgement without a source. Only rows of
  the kinds in FIND_KINDS count (a rewording is a change between sentences, an unnamed source a missing name:
  neither is a word to find). Graded by word overlap, as source-and-cue is.
- `name-framing`: for each framing row listed (`marks`), choose its kind; YAML `feedback` explains each kind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import FRAMING_KINDS, FramingMark, Sentence
from .base import Exercise, Item
from .results import ItemResult
from .source_cue import PASS, Word, _covered, _f1, _phrase, select_words, words
from .spec import ExerciseType, SentencesParams, SpecReader
from .yamlspec import LineDict

FIND, NAME = "find-framing", "name-framing"
FIND_KINDS = ("naming", "loaded-word", "presupposition", "unsourced-claim")
NAME_KINDS = tuple(k for k in FRAMING_KINDS if k != "rewording")  # a rewording is between sentences
KIND_LABELS = {"naming": "a name chosen", "loaded-word": "a loaded word", "presupposition": "a presupposition",
               "unsourced-claim": "a claim with no source", "unnamed-source": "an unnamed source"}
PART = "framing"


@dataclass(frozen=True)
class MarksParams:
    marks: tuple[str, ...] = ()
    feedback: dict[str, str] = field(default_factory=dict)  # kind -> what it is, shown when it is chosen


class FindFraming(Exercise):
    params: SentencesParams
    parts = (PART,)

    def _items(self) -> list[Item]:
        return [Item(sid, self.annotation.sentence(sid).text, (), sid) for sid in self.params.sentences]

    def words(self, item_id: str) -> list[Word]:
        return words(self.annotation.sentence(item_id))

    def marks_in(self, item_id: str) -> list[FramingMark]:
        return [f for f in self.annotation.framing_in(item_id) if f.kind in FIND_KINDS]

    def reference_words(self, item_id: str) -> set[int]:
        ws = self.words(item_id)
        return {i for i in _covered(ws, [f.span for f in self.marks_in(item_id)]) if ws[i].counts}

    def selection(self, item_id: str, value: Any) -> dict[str, set[int]]:
        return select_words(self.annotation.sentence(item_id), value, self.parts)

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: {PART: sorted(self.reference_words(item.id))} for item in self.items}

    def reference_text(self, item: Item) -> str:
        found = "; ".join(f"“{f.span.text}”: {f.note}" for f in self.marks_in(item.id))
        return f"The words that carry a judgement without a source: {found}"

    def describe(self, item_id: str, value: Any) -> str:
        return _phrase(self.words(item_id), self.selection(item_id, value)[PART]) or "(none)"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        ws = self.words(item.id)
        chosen = {i for i in self.selection(item.id, value)[PART] if ws[i].counts}
        if not chosen:
            return self.grade_item(item.id, None)
        reference = self.reference_words(item.id)
        f1 = _f1(chosen, reference)
        notes = []
        for mark in self.marks_in(item.id):
            own = {i for i in _covered(ws, [mark.span]) if ws[i].counts}
            if own & chosen:
                notes.append(f"You found “{mark.span.text}”: {mark.note}")
        missed = sum(1 for mark in self.marks_in(item.id)
                     if not ({i for i in _covered(ws, [mark.span]) if ws[i].counts} & chosen))
        if missed:
            notes.append(f"{missed} more place{'s' if missed > 1 else ''} in this sentence carr{'y' if missed > 1 else 'ies'} "
                         "a judgement without a source: read it again, word by word.")
        extra = chosen - reference
        if extra:
            notes.append(f"“{_phrase(ws, extra)}”: the reference reading does not count this as framing. What "
                         "judgement does it carry, and could a reader check it?")
        correct = f1 >= PASS
        head = "Right." if correct and f1 == 1 else "Right, nearly word for word." if correct else (
            "Partly right." if f1 > 0 else "Not quite.")
        return ItemResult(item.id, correct, 1.0 if correct else round(f1, 2), True, f"{head} {' '.join(notes)}",
                          answer)


class NameFraming(Exercise):
    params: MarksParams

    def _items(self) -> list[Item]:
        out = []
        for mark_id in self.params.marks:
            mark = next(f for f in self.annotation.framing if f.id == mark_id)
            out.append(Item(mark.id, f"“{mark.span.text}”", NAME_KINDS, mark.sentence,
                            tuple(KIND_LABELS[k] for k in NAME_KINDS)))
        return out

    def mark(self, item_id: str) -> FramingMark:
        return next(f for f in self.annotation.framing if f.id == item_id)

    def option_help(self, value: str) -> str:
        return self.params.feedback.get(value, "")

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: self.mark(item.id).kind for item in self.items}

    def reference_text(self, item: Item) -> str:
        mark = self.mark(item.id)
        return f"The reference reading: {KIND_LABELS[mark.kind]}. {mark.note}"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        right = choice == self.mark(item.id).kind
        what = self.params.feedback.get(choice, "")
        head = "Right." if right else "Not quite."
        return ItemResult(item.id, right, 1.0 if right else 0.0, True, f"{head} {what}".strip(), answer)


def _read_find(reader: SpecReader, node: LineDict, where: str) -> SentencesParams:
    def unusable(sentence: Sentence) -> tuple[str, str] | None:
        if reader.annotation is not None and not any(f.kind in FIND_KINDS
                                                     for f in reader.annotation.framing_in(sentence.id)):
            return (f"asks for the framing in {sentence.id}, where framing.csv marks none",
                    "choose a sentence with a naming, loaded-word, presupposition or unsourced-claim row")
        return None
    return SentencesParams(reader.sentence_ids(node, where, unusable))


def _read_name(reader: SpecReader, node: LineDict, where: str) -> MarksParams:
    known = {f.id: f for f in reader.annotation.framing} if reader.annotation else {}
    value = node.get("marks")
    if value == "all":
        marks = [f for f in known if known[f].kind in NAME_KINDS]
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        marks = list(value)
    else:
        reader.problem(node.line_of("marks"), f"{where} needs 'marks': 'all' or a list of framing ids",
                       "write e.g. 'marks: [f7, f9]' (ids from framing.csv)")
        marks = []
    for mark in marks:
        if reader.annotation is not None and mark not in known:
            reader.problem(node.line_of("marks"), f"{where} names framing row {mark!r}, which is not in framing.csv",
                           "use ids from framing.csv")
        elif reader.annotation is not None and known[mark].kind not in NAME_KINDS:
            reader.problem(node.line_of("marks"), f"{where} asks to name {mark}, a {known[mark].kind!r} row",
                           f"choose rows of the kinds {', '.join(NAME_KINDS)}")
    raw = node.get("feedback", {})
    feedback = {}
    if not isinstance(raw, dict) or set(raw) - set(NAME_KINDS):
        reader.problem(node.line_of("feedback"), f"'feedback' of {where} must explain kinds of framing",
                       f"write one line per kind: {', '.join(NAME_KINDS)}")
    else:
        feedback = {str(k): str(v).strip() for k, v in raw.items()}
    return MarksParams(tuple(dict.fromkeys(marks)), feedback)


TYPES = (ExerciseType(FIND, ("sentences",), _read_find, FindFraming, "words"),
         ExerciseType(NAME, ("marks", "feedback"), _read_name, NameFraming, "choice"))
