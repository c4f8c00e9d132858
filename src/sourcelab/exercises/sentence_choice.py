"""One choice per sentence, checked against a column of sentences.csv: the label or the quotation type.

Types: classify-sentences (the `label` column) and quote-type (the `quote` column). YAML fields:
`sentences`, `options` (exactly the allowed values, each with a short explanation) and `feedback`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import ATTRIBUTION_QUOTES, LABELS, Sentence
from .base import Exercise, Item
from .results import ItemResult
from .spec import ExerciseType, SpecReader
from .yamlspec import LineDict

CLASSIFY, QUOTE_TYPE = "classify-sentences", "quote-type"
FIELDS = ("sentences", "options", "feedback")


@dataclass(frozen=True)
class SentenceChoiceParams:
    sentences: tuple[str, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)  # value -> what it means, in order
    feedback: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # reference -> wrong choice -> text


def _options(reader: SpecReader, node: LineDict, where: str, allowed: tuple[str, ...]) -> dict[str, str]:
    value = node.get("options")
    if not isinstance(value, dict) or set(value) != set(allowed):
        reader.problem(node.line_of("options"), f"{where} needs 'options' with exactly: {', '.join(allowed)}",
                       "give each option a short explanation, e.g. 'narration: the writer speaks'")
        return {k: k for k in allowed}
    return {str(k): str(v).strip() for k, v in value.items()}


def _feedback(reader: SpecReader, node: LineDict, where: str, allowed: tuple[str, ...]) -> dict[str, dict[str, str]]:
    value = node.get("feedback")
    if value is None:
        return {}
    out: dict[str, dict[str, str]] = {}
    if not isinstance(value, dict):
        reader.problem(node.line_of("feedback"), f"'feedback' of {where} must map each answer to texts",
                       "see docs/exercises.md for the layout")
        return {}
    for reference, wrong in value.items():
        if reference not in allowed or not isinstance(wrong, dict):
            reader.problem(value.line_of(str(reference)), f"feedback for unknown answer '{reference}' in {where}",
                           f"use one of: {', '.join(allowed)}, each followed by the wrong choices")
            continue
        for choice, text in wrong.items():
            if choice not in allowed or choice == reference:
                reader.problem(wrong.line_of(str(choice)), f"feedback for '{reference}' names the choice "
                               f"'{choice}'", f"name a wrong choice: {', '.join(a for a in allowed if a != reference)}")
            else:
                out.setdefault(str(reference), {})[str(choice)] = str(text).strip()
    return out


def _reader(allowed: tuple[str, ...], unusable=lambda _s: None):
    def read(reader: SpecReader, node: LineDict, where: str) -> SentenceChoiceParams:
        return SentenceChoiceParams(reader.sentence_ids(node, where, unusable), _options(reader, node, where, allowed),
                                    _feedback(reader, node, where, allowed))
    return read


def _quotes_no_one(sentence: Sentence) -> tuple[str, str] | None:
    if sentence.quote == "none":
        return (f"asks for the quotation type of {sentence.id}, which quotes no one",
                "choose a sentence whose quote column is direct, indirect or both")
    return None


class SentenceChoice(Exercise):
    """Shared by classify-sentences and quote-type; subclasses say which column holds the key."""

    params: SentenceChoiceParams

    def _items(self) -> list[Item]:
        options = tuple(self.params.options)
        return [Item(sid, self.annotation.sentence(sid).text, options, sid) for sid in self.params.sentences]

    def option_help(self, value: str) -> str:
        return self.params.options.get(value, value)

    def key(self, sentence: Sentence) -> str:
        raise NotImplementedError

    def alternative(self, sentence: Sentence) -> str | None:
        """The debated other reading that also scores, named in the data (None: only the key scores)."""
        return None

    def alternative_reason(self, sentence: Sentence) -> str:
        return ""

    def reference_answers(self) -> dict[str, Any]:
        return {item.id: self.key(self.annotation.sentence(item.id)) for item in self.items}

    def reference_text(self, item: Item) -> str:
        sentence = self.annotation.sentence(item.id)
        text = f"The reference answer is “{self.key(sentence)}”: {sentence.explanation}"
        if self.alternative(sentence):
            text += f" Also defensible: “{self.alternative(sentence)}”, because {self.alternative_reason(sentence)}"
        return text

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        sentence = self.annotation.sentence(item.id)
        key = self.key(sentence)
        if choice == key:
            feedback = f"Right. {sentence.explanation}"
            if self.alternative(sentence):
                feedback += (f" Debatable: some readers choose “{self.alternative(sentence)}”, because "
                             f"{self.alternative_reason(sentence)}")
            return ItemResult(item.id, True, 1.0, True, feedback, answer)
        if choice == self.alternative(sentence):
            feedback = (f"Defensible. The reference annotation says “{key}”, but “{choice}” is the debated "
                        f"other reading and scores too: {self.alternative_reason(sentence)} The reference reading: "
                        f"{sentence.explanation}")
            return ItemResult(item.id, True, 1.0, True, feedback, answer)
        targeted = (self.params.feedback.get(key, {}).get(choice)
                    or "Read the sentence again with the hint in mind, then try once more.")
        return ItemResult(item.id, False, 0.0, True, f"Not quite. {targeted}", answer)


class ClassifySentences(SentenceChoice):
    def key(self, sentence: Sentence) -> str:
        return sentence.label

    def alternative(self, sentence: Sentence) -> str | None:
        return sentence.alternative_label

    def alternative_reason(self, sentence: Sentence) -> str:
        return sentence.debatable_reason


class QuoteType(SentenceChoice):
    def key(self, sentence: Sentence) -> str:
        return sentence.quote

    def alternative(self, sentence: Sentence) -> str | None:
        return sentence.alternative_quote

    def alternative_reason(self, sentence: Sentence) -> str:
        return sentence.quote_debatable_reason


TYPES = (ExerciseType(CLASSIFY, FIELDS, _reader(LABELS), ClassifySentences, "choice"),
         ExerciseType(QUOTE_TYPE, FIELDS, _reader(ATTRIBUTION_QUOTES, _quotes_no_one), QuoteType, "choice"))
