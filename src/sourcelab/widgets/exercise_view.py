"""What every exercise view shares: title, prompt, hint, show answer, try again, score line.

Subclasses build one row per item and report answers through `answer()`; grading stays in the engine.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from ..errors import SourceLabError
from ..exercises import Exercise, Item, ItemResult, Result
from ..exercises.spec import ASSESSMENT
from ..render import exercise_header_html, feedback_html, hint_html, recorded_html, score_html, written_html
from .looks import box_traits, make

FIT = {"width": "auto"}  # a button as wide as its label: the default 148 px cuts "Export my ans..." short

# Called after every change: the view, the item answered (None for retry / show answers), value, result.
AnswerListener = Callable[["ExerciseView", str | None, Any, ItemResult | None], None]


class ExerciseView(widgets.VBox):
    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        spec = exercise.spec
        self.assessment = spec.mode == ASSESSMENT  # answers recorded, never marked here: the report grades
        self.answers: dict[str, Any] = {}
        self.results: dict[str, ItemResult] = {}
        self.attempts = 1
        self.revealed = False
        self.listeners: list[AnswerListener] = []
        self.feedback = {item.id: make(widgets.HTML) for item in exercise.items}
        header = make(widgets.HTML, exercise_header_html(spec))
        self.hint_button = make(widgets.Button, description="Hint", icon="lightbulb-o", tooltip="Show a hint",
                                layout=FIT)
        self.hint_button.on_click(self.show_hint)
        buttons = [self.hint_button] if spec.hint else []
        if not self.assessment and exercise.graded:  # no verdicts to retry or reveal: not even hidden buttons
            self.answer_button = make(widgets.Button, description="Show answers", icon="eye", disabled=True,
                                      tooltip="Available after your first answer", layout=FIT)
            self.retry_button = make(widgets.Button, description="Try again", icon="refresh", layout=FIT,
                                     tooltip="Clear the answers that are not right yet, and try again")
            self.answer_button.on_click(self.show_answers)
            self.retry_button.on_click(self.retry)
            buttons += [self.retry_button] + ([self.answer_button] if spec.show_answer else [])
        self.hint = make(widgets.HTML)
        self.score = make(widgets.HTML, self._score_html())
        self.status = make(widgets.HTML)  # where answers are saved, or why they are not
        super().__init__([header, *self.build_body(), make(widgets.HBox, buttons), self.hint, self.score,
                          self.status], **box_traits("sl-exercise-view", f"sl-exercise-{spec.id}"))

    # --- to be provided by each exercise type ---------------------------------------------------------
    def build_body(self) -> list[widgets.Widget]:
        """The items and their feedback: one row each, unless the type lays them out otherwise (a grid)."""
        return [row for item in self.exercise.items for row in (self.build_item(item), self.feedback[item.id])]

    def build_item(self, item: Item) -> widgets.Widget:
        raise NotImplementedError

    def clear_item(self, item_id: str) -> None:
        raise NotImplementedError

    def set_answer(self, item_id: str, value: Any) -> None:
        """Answer one item from code exactly as the student's clicks would."""
        raise NotImplementedError

    # --- shared behaviour ---------------------------------------------------------------------------------
    def answer(self, item_id: str, value: Any) -> ItemResult | None:
        """Record and grade one answer; `None` clears it."""
        if self.assessment:
            if value is None:
                self.answers.pop(item_id, None)
            else:
                self.answers[item_id] = value
            self.feedback[item_id].value = recorded_html(value is not None)
            self._update_score()
            self._notify(item_id, value, None)
            return None
        if value is None:
            self.answers.pop(item_id, None)
            self.results.pop(item_id, None)
            result = None
        else:
            self.answers[item_id] = value
            result = self.results[item_id] = self.exercise.grade_item(item_id, value)
            if self.exercise.graded:
                self.answer_button.disabled = False
                self.answer_button.tooltip = "Show the reference answers with explanations"
        self.feedback[item_id].value = (feedback_html(result, self.revealed and self.exercise.spec.show_answer)
                                        if self.exercise.graded else written_html(result))
        self._update_score()
        self._notify(item_id, value, result)
        return result

    def _notify(self, item_id: str | None, value: Any = None, result: ItemResult | None = None) -> None:
        for listener in self.listeners:
            listener(self, item_id, value, result)

    def restore(self, answers: dict[str, Any], attempts: int, revealed: bool) -> list[str]:
        """Bring back saved work without telling listeners; returns the items that could not be restored."""
        listeners, self.listeners = self.listeners, []
        skipped = []
        try:
            for item_id, value in answers.items():
                try:
                    self.set_answer(item_id, value)
                except (KeyError, ValueError, SourceLabError):  # the exercise changed since it was saved
                    skipped.append(item_id)
            self.attempts = max(1, attempts)
            if revealed:
                self.show_answers()
            self._update_score()
        finally:
            self.listeners = listeners
        return skipped

    def sync(self, answers: dict[str, Any], attempts: int, revealed: bool) -> list[str]:
        """Show exactly `answers` (another student's, or answers merged in from another window), without
        telling listeners; returns the items that could not be shown."""
        listeners, self.listeners = self.listeners, []
        try:
            for item in self.exercise.items:
                if item.id in self.answers and self.answers[item.id] != answers.get(item.id):
                    self.clear_item(item.id)
            self.revealed = False
            changed = {k: v for k, v in answers.items() if self.answers.get(k) != v}
        finally:
            self.listeners = listeners
        return self.restore(changed, attempts, revealed)

    def show_hint(self, _button: object = None) -> None:
        self.hint.value = hint_html(self.exercise.spec.hint)

    def show_answers(self, _button: object = None) -> None:
        if self.assessment or not self.exercise.graded or not self.exercise.spec.show_answer or not self.results:
            return
        self.revealed = True
        for item in self.exercise.items:
            result = self.results.get(item.id) or self.exercise.grade_item(item.id, None)
            self.feedback[item.id].value = feedback_html(result, reveal=True)
        self._notify(None)

    def retry(self, _button: object = None) -> None:
        if self.assessment or not self.exercise.graded:
            return
        self.attempts += 1
        self.revealed = False
        for item in self.exercise.items:
            result = self.results.get(item.id)
            if result is None or not result.correct:
                self.clear_item(item.id)
        self._update_score()
        self._notify(None)

    def _update_score(self) -> None:
        self.score.value = self._score_html()

    def _score_html(self) -> str:
        """The score line from the results already graded; only unanswered items are filled in. In assessment
        mode only how many items are answered: no verdict, no score."""
        if self.assessment or not self.exercise.graded:
            return recorded_html(None, len(self.answers), len(self.exercise.items), marked=self.assessment)
        result = Result(self.exercise.id, tuple(self.results.get(item.id) or self.exercise.grade_item(item.id, None)
                                                for item in self.exercise.items))
        return score_html(result, self.attempts)
