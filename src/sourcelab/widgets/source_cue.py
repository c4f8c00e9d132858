"""Mark words by pressing word buttons (the source and the cue, or framing words): keyboard-usable, no
mouse-only selection. The exercise's `parts` say what is marked."""
from __future__ import annotations

import ipywidgets as widgets

from ..exercises import Item
from ..exercises.source_cue import SourceAndCue
from ..render import item_html, notice_html
from .exercise_view import ExerciseView

LOOK = {"source": ("info", "user"), "cue": ("warning", "commenting"),  # colour and icon: never colour alone
        "framing": ("danger", "pencil")}
MODE_LABELS = {"source": "Mark the source", "cue": "Mark the cue", "framing": "Mark the words"}


class SourceCueView(ExerciseView):
    exercise: SourceAndCue  # or any exercise with `parts`, `words` and `selection` (framing.FindFraming)

    def __init__(self, exercise: SourceAndCue) -> None:
        self.parts: tuple[str, ...] = exercise.parts  # what is marked: source and cue, or framing words
        self.marks: dict[str, dict[int, str]] = {}  # item -> word number -> part
        self.word_buttons: dict[str, list[widgets.Button]] = {}
        self.modes: dict[str, widgets.ToggleButtons] = {}
        super().__init__(exercise)

    def build_item(self, item: Item) -> widgets.Widget:
        self.marks[item.id] = {}
        mode = widgets.ToggleButtons(options=[(MODE_LABELS.get(p, p), p) for p in self.parts],
                                     style={"button_width": "auto"},
                                     value=self.parts[0], icons=[LOOK.get(p, ("", ""))[1] for p in self.parts])
        mode.add_class(f"sl-mode-{item.id}")
        if len(self.parts) == 1:
            mode.layout.display = "none"  # one thing to mark: no choice of mode to show
        self.modes[item.id] = mode
        buttons = []
        for word in self.exercise.words(item.id):
            button = widgets.Button(description=word.text, layout=widgets.Layout(width="auto"),
                                    tooltip=f"word {word.index}: press to mark or unmark")
            button.add_class(f"sl-word-{item.id}-{word.index}")
            button.on_click(lambda _b, item_id=item.id, index=word.index: self.toggle_word(item_id, index))
            buttons.append(button)
        self.word_buttons[item.id] = buttons
        check = widgets.Button(description="Check", icon="check", button_style="primary",
                               layout=widgets.Layout(width="auto"))
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
        return {part: sorted(i for i, p in marks.items() if p == part) for part in self.parts}

    def check(self, item_id: str) -> None:
        chosen = self.selection(item_id)
        self.answer(item_id, chosen if any(chosen.values()) else None)
        if not any(chosen.values()):
            self.feedback[item_id].value = notice_html("Mark at least one word first.")

    def mark(self, item_id: str, source: list[int], cue: list[int]) -> None:
        """Mark the source and the cue from code as clicks would (solution notebooks, tests), then check."""
        self.mark_parts(item_id, {"source": source, "cue": cue})

    def mark_parts(self, item_id: str, chosen: dict[str, list[int]]) -> None:
        """Mark words, part by part, from code as clicks would, then check."""
        self.clear_item(item_id)
        for part in self.parts:
            self.modes[item_id].value = part
            for index in chosen.get(part, []):
                self.toggle_word(item_id, index)
        self.modes[item_id].value = self.parts[0]
        self.check(item_id)

    def set_answer(self, item_id: str, value: dict[str, list[int]]) -> None:
        chosen = self.exercise.selection(item_id, value)
        self.mark_parts(item_id, {part: sorted(found) for part, found in chosen.items()})

    def clear_item(self, item_id: str) -> None:
        marked = list(self.marks[item_id])
        self.marks[item_id].clear()
        for index in marked:
            self._paint(item_id, index)
        self.answer(item_id, None)
