"""One choice per sentence, checked against a column of sentences.csv: the label or the quotation type."""
from __future__ import annotations

from typing import Any

from ..model import Sentence
from .base import Exercise, Item
from .results import ItemResult


class SentenceChoice(Exercise):
    """Shared by classify-sentences and quote-type; subclasses say which column holds the key."""

    def _items(self) -> list[Item]:
        options = tuple(self.spec.options)
        return [Item(sid, self.annotation.sentence(sid).text, options, sid) for sid in self.spec.sentences]

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
        targeted = (self.spec.feedback.get(key, {}).get(choice)
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
