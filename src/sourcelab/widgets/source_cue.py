"""Mark the source and the cue by pressing word buttons: keyboard-usable, no mouse-only selection."""
from __future__ import annotations

import ipywidgets as widgets

from ..exercises import Item
from ..exercises.source_cue import PARTS, SourceAndCue
from ..render import item_html, notice_html
from .exercise_view import ExerciseView

LOOK = {"source": ("info", "user"), "cue": ("warning", "commenting")}  # colour and icon: never colour alone


class SourceCueView(ExerciseView):
    exercise: SourceAndCue

    def __init__(self, exercise: SourceAndCue) -> None:
        self.marks: dict[str, dict[int, str]] = {}  # item -> word number -> "source" or "cue"
        self.word_buttons: dict[str, list[widgets.Button]] = {}
        self.modes: dict[str, widgets.ToggleButtons] = {}
        super().__init__(exercise)

    def build_item(self, item: Item) -> widgets.Widget:
        self.marks[item.id] = {}
        mode = widgets.ToggleButtons(options=[("Mark the source", "source"), ("Mark the cue", "cue")],
                                     value="source", icons=[LOOK["source"][1], LOOK["cue"][1]])
        mode.add_class(f"sl-mode-{item.id}")
        self.modes[item.id] = mode
        buttons = []
        for word in self.exercise.words(item.id):
            button = widgets.Button(description=word.text, layout=widgets.Layout(width="auto"),
                                    tooltip=f"word {word.index}: press to mark or unmark")
            button.add_class(f"sl-word-{item.id}-{word.index}")
            button.on_click(lambda _b, item_id=item.id, index=word.index: self.toggle_word(item_id, index))
            buttons.append(button)
        self.word_buttons[item.id] = buttons
        check = widgets.Button(description="Check", icon="check", button_style="primary")
        check.add_class(f"sl-check-{item.id}")
        check.on_click(lambda _b, item_id=item.id: self.check(item_id))
        text = widgets.HTML(item_html(self.exercise.annotation, item))
        words = widgets.HBox(buttons, layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([text, mode, words, check])

    def toggle_word(self, item_id: str, index: int) -> None:
        part = self.modes[item_id].value
        marks = self.marks[item_id]
        if marks.get(index) == part:
            del marks[index]
        else:
            marks[index] = part
        self._paint(item_id, index)

    def _paint(self, item_id: str, index: int) -> None:
        marks = self.marks[item_id]
        button = self.word_buttons[item_id][index]
        style, icon = LOOK.get(marks.get(index, ""), ("", ""))
        button.button_style, button.icon = style, icon
        button.tooltip = f"marked as {marks[index]}" if index in marks else f"word {index}: press to mark or unmark"

    def selection(self, item_id: str) -> dict[str, list[int]]:
        marks = self.marks[item_id]
        return {part: sorted(i for i, p in marks.items() if p == part) for part in PARTS}

    def check(self, item_id: str) -> None:
        chosen = self.selection(item_id)
        self.answer(item_id, chosen if any(chosen.values()) else None)
        if not any(chosen.values()):
            self.feedback[item_id].value = notice_html("Mark at least one word first.")

    def mark(self, item_id: str, source: list[int], cue: list[int]) -> None:
        """Mark words from code as clicks would (solution notebooks, tests), then check."""
        self.clear_item(item_id)
        for part, indices in (("source", source), ("cue", cue)):
            self.modes[item_id].value = part
            for index in indices:
                self.toggle_word(item_id, index)
        self.modes[item_id].value = "source"
        self.check(item_id)

    def set_answer(self, item_id: str, value: dict[str, list[int]]) -> None:
        chosen = self.exercise.selection(item_id, value)
        self.mark(item_id, sorted(chosen["source"]), sorted(chosen["cue"]))

    def clear_item(self, item_id: str) -> None:
        marked = list(self.marks[item_id])
        self.marks[item_id].clear()
        for index in marked:
            self._paint(item_id, index)
        self.answer(item_id, None)
