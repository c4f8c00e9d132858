"""Mark the source and the cue among a sentence's words; graded by word overlap with the annotation."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Sentence, Span
from ..segment import WORD
from .base import Exercise, Item
from ..errors import AnswerError
from .results import ItemResult
from .spec import ExerciseType, SentencesParams, SpecReader
from .yamlspec import LineDict

SOURCE_CUE = "source-and-cue"

# Words that carry no choice: marking "the" in "the Kremlin", or "has" in "has denied", or leaving them
# out, are both right.
IGNORED = frozenset({"the", "a", "an", "that", "to", "of", "in", "on", "her", "his", "its", "their",
                     "has", "have", "had", "is", "was", "were", "since"})
PASS = 2 / 3  # an F1 of 2/3 on both parts counts as right: e.g. "told" for "told reporters that"
PARTS = ("source", "cue")


@dataclass(frozen=True)
class Word:
    index: int
    start: int  # article offsets
    end: int
    text: str

    @property
    def counts(self) -> bool:
        return self.text.lower() not in IGNORED


def words(sentence: Sentence) -> list[Word]:
    base = sentence.span.start
    return [Word(i, base + m.start(), base + m.end(), m.group()) for i, m in enumerate(WORD.finditer(sentence.text))]


def _covered(ws: list[Word], spans: Iterable[Span]) -> set[int]:
    spans = list(spans)
    return {w.index for w in ws if any(s.start < w.end and w.start < s.end for s in spans)}


def select_words(sentence: Sentence, value: Any, parts: tuple[str, ...] = PARTS) -> dict[str, set[int]]:
    """Word numbers chosen per part of a sentence; phrases (text) are found in it, numbers taken as they are.
    Needs only the sentence, so a copy of the kit without the answer key reads answers the same way."""
    item_id = sentence.id
    if not isinstance(value, dict) or not set(value) <= set(parts):
        example = ('{"source": ["the minister"], "cue": ["said"]}' if parts == PARTS else
                   "{" + ", ".join(f'"{p}": [3, 4]' for p in parts) + "}")
        raise AnswerError(f"the answer for {item_id} must look like {example}")
    ws = words(sentence)
    text, base = sentence.text, sentence.span.start
    chosen: dict[str, set[int]] = {}
    for part in parts:
        picks = value.get(part, [])
        picks = [picks] if isinstance(picks, (str, int)) else picks
        found: set[int] = set()
        for pick in picks if isinstance(picks, list) else [None]:
            if isinstance(pick, bool) or not isinstance(pick, (str, int)):
                raise AnswerError(f"the {part} for {item_id} must be a list of words or word numbers")
            if isinstance(pick, int):
                if not 0 <= pick < len(ws):
                    raise AnswerError(f"word number {pick} is not in {item_id} (it has {len(ws)} words)")
                found.add(pick)
                continue
            at = text.lower().find(pick.lower())  # "the kremlin" finds "The Kremlin"
            if at < 0 or not pick.strip():
                raise AnswerError(f"{pick!r} is not in sentence {item_id}")
            found |= _covered(ws, [Span(base + at, base + at + len(pick), pick)])
        chosen[part] = found
    return chosen


def _f1(chosen: set[int], reference: set[int]) -> float:
    if not chosen or not reference:
        return 1.0 if chosen == reference else 0.0
    hit = len(chosen & reference)
    return 0.0 if hit == 0 else 2 * hit / (len(chosen) + len(reference))


def _phrase(ws: list[Word], indices: set[int]) -> str:
    runs: list[list[Word]] = []
    for w in ws:
        if w.index in indices:
            if runs and runs[-1][-1].index == w.index - 1:
                runs[-1].append(w)
            else:
                runs.append([w])
    return " … ".join(" ".join(w.text for w in run) for run in runs)


class SourceAndCue(Exercise):
    parts = PARTS  # what the student marks among the words; the words view shows one mode per part

    def _items(self) -> list[Item]:
        return [Item(sid, self.annotation.sentence(sid).text, (), sid) for sid in self.params.sentences]

    def words(self, item_id: str) -> list[Word]:
        return words(self.annotation.sentence(item_id))

    def reference_words(self, item_id: str) -> dict[str, set[int]]:
        ws = self.words(item_id)
        attributions = self.annotation.attributions_in(item_id)
        reference = {"source": _covered(ws, [a.source for a in attributions if a.source is not None]),
                     "cue": _covered(ws, [a.cue for a in attributions])}
        return {part: {i for i in found if ws[i].counts} for part, found in reference.items()}

    def reference_answers(self) -> dict[str, Any]:
        out = {}
        for item in self.items:
            ws = self.words(item.id)
            attributions = self.annotation.attributions_in(item.id)
            out[item.id] = {"source": sorted(_covered(ws, [a.source for a in attributions if a.source])),
                            "cue": sorted(_covered(ws, [a.cue for a in attributions]))}
        return out

    def describe(self, item_id: str, value: Any) -> str:
        chosen = self.selection(item_id, value)
        ws = self.words(item_id)
        return "; ".join(f"{part}: {_phrase(ws, chosen[part]) or '(none)'}" for part in PARTS)

    def reference_text(self, item: Item) -> str:
        attributions = self.annotation.attributions_in(item.id)
        sources = [f"“{a.source.text}”" for a in attributions if a.source is not None]
        cues = [f"“{a.cue.text}”" for a in attributions]
        unnamed = [a for a in attributions if a.source is None]
        text = f"The annotation marks source {', '.join(dict.fromkeys(sources))} and cue {', '.join(cues)}."
        for a in unnamed:
            text += f" The cue “{a.cue.text}” has no named source: the article does not say who is behind it."
        return text

    def selection(self, item_id: str, value: Any) -> dict[str, set[int]]:
        """Word numbers chosen per part; phrases (text) are found in the sentence, numbers taken as they are."""
        return select_words(self.annotation.sentence(item_id), value)


    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        chosen = self.selection(item.id, value)
        if not any(chosen.values()):
            return self.grade_item(item.id, None)
        reference = self.reference_words(item.id)
        ws = self.words(item.id)
        scores, notes = [], []
        for part, other in zip(PARTS, reversed(PARTS)):
            mine = {i for i in chosen[part] if ws[i].counts}
            f1 = _f1(mine, reference[part])
            scores.append(f1)
            notes.append(self._note(part, chosen[part], mine, reference[part], reference[other], ws))
        score = round(sum(scores) / len(scores), 2)
        correct = all(f >= PASS for f in scores)
        head = "Right." if correct and score == 1 else "Right, nearly word for word." if correct else (
            "Partly right." if score > 0 else "Not quite.")
        return ItemResult(item.id, correct, 1.0 if correct else score, True, f"{head} {' '.join(notes)}", answer)

    @staticmethod
    def _note(part: str, shown: set[int], mine: set[int], ref: set[int], other_ref: set[int], ws: list[Word]) -> str:
        """One sentence on one part; `shown` is what the student marked, `mine` the words that count."""
        name = part.capitalize()
        what = ("who is speaking: a name, an institution or a word like “She”" if part == "source"
                else "the reporting verb or phrase that introduces the words, such as “said” or “insisted”")
        if not shown:
            return f"{name}: not marked yet; the {part} is {what}."
        if not mine:
            return f"{name}: “{_phrase(ws, shown)}” is only small words; the {part} is {what}."
        if mine == ref:
            return f"{name}: “{_phrase(ws, shown)}” is right."
        if not mine & ref:
            swapped = f" (those words are the {PARTS[1 - PARTS.index(part)]})" if mine & other_ref else ""
            return f"{name}: “{_phrase(ws, shown)}” is not the {part}{swapped}; the {part} is {what}."
        missing, extra = ref - mine, mine - ref
        parts = []
        if missing:
            parts.append("some of its words are missing")
        if extra:
            parts.append("you marked words that belong to something else")
        return f"{name}: “{_phrase(ws, shown)}” is close: {' and '.join(parts)}."


def _read(reader: SpecReader, node: LineDict, where: str) -> SentencesParams:
    def unusable(sentence: Sentence) -> tuple[str, str] | None:
        if reader.annotation is not None and not reader.annotation.attributions_in(sentence.id):
            return (f"asks for the source and cue of {sentence.id}, which has no attribution",
                    "choose an attributed or mixed sentence")
        return None
    return SentencesParams(reader.sentence_ids(node, where, unusable))


TYPES = (ExerciseType(SOURCE_CUE, ("sentences",), _read, SourceAndCue, "words"),)
