"""Evidence cards, shown at once or only after the student has committed to a first answer."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from ..evidence import Card
from ..render import cards_html, notice_html
from .exercise_view import ExerciseView
from .looks import box_traits, make


class CardDeck(widgets.VBox):
    """The cards; with `after`, hidden until that exercise has an answer, so a guess comes before the evidence."""

    def __init__(self, cards: Sequence[Card], after: ExerciseView | None = None) -> None:
        self.cards = tuple(cards)
        self.deck = make(widgets.HTML)
        self.waiting = make(widgets.HTML)
        super().__init__([self.waiting, self.deck], **box_traits("sl-card-deck"))
        if after is None or not isinstance(after, ExerciseView) or after.answers:  # no exercise to wait for
            self.reveal()
        else:
            self.waiting.value = notice_html(f"The {len(self.cards)} cards appear here once you have answered "
                                             f"“{after.exercise.spec.title}” above.")
            after.listeners.append(self._on_answer)

    @property
    def revealed(self) -> bool:
        return bool(self.deck.value)

    def reveal(self) -> None:
        self.waiting.value = ""
        self.deck.value = cards_html(self.cards)

    def _on_answer(self, view: ExerciseView, _item: str | None, _value: Any, _result: Any) -> None:
        if view.answers and not self.revealed:
            self.reveal()
