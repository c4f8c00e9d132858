"""Something that answers an exercise (a diagram, a table), held back until the student has answered it.

Run All puts every cell's output on the page at once; without this, a student would see the chain diagram,
the answer to the chain exercise, right under the exercise. It appears once every item has an answer, or when
the student presses the button (to check an answer or to give up), whichever comes first. In assessment
mode it never appears: a student could still change an answer after seeing it.
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ..render import notice_html
from .exercise_view import ExerciseView
from .looks import box_traits, make


class Reveal(widgets.VBox):
    def __init__(self, content: widgets.Widget, after: ExerciseView | None, label: str = "Show the diagram") -> None:
        self.content = content
        self.waiting = make(widgets.HTML)
        self.button = make(widgets.Button, description=label, icon="eye", layout={"width": "auto"},
                           tooltip="It shows the answers to the exercise above", classes=("sl-reveal",))
        self.button.on_click(lambda _b: self.reveal())
        super().__init__([], **box_traits("sl-reveal-box"))
        if isinstance(after, ExerciseView) and after.assessment:  # answers can still change: never show them
            self.waiting.value = notice_html(f"This is not shown while “{after.exercise.spec.title}” is an "
                                             "assessment, because it shows the answers.")
            self.children = [self.waiting]
            return
        if after is None or not isinstance(after, ExerciseView) or self._done(after):
            self.reveal()
            return
        self.waiting.value = notice_html(f"This appears once you have answered every item of "
                                         f"“{after.exercise.spec.title}” above, because it shows the answers. "
                                         "Or press the button to see it now.")
        self.children = [self.waiting, self.button]
        after.listeners.append(self._on_answer)

    @staticmethod
    def _done(view: ExerciseView) -> bool:
        return len(view.answers) == len(view.exercise.items)

    @property
    def revealed(self) -> bool:
        return self.content in self.children

    def reveal(self) -> None:
        self.children = [self.content]

    def _on_answer(self, view: ExerciseView, _item: str | None, _value: Any, _result: Any) -> None:
        if self._done(view) and not self.revealed:
            self.reveal()
