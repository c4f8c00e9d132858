"""Mark words in the running sentence (the source and the cue, or framing words): click a word, drag across
several, or use the keyboard (see wordtext.py). The exercise's `parts` say what is marked; a toggle above the
sentence says which part the next marks are."""
from __future__ import annotations

import ipywidgets as widgets

from ..exercises import Item
from ..exercises.source_cue import SourceAndCue
from ..render import item_html, notice_html
from .exercise_view import ExerciseView
from .looks import look, make
from .wordtext import WordText

ICONS = {"source": "user", "cue": "commenting", "framing": "pencil"}
MODE_LABELS = {"source": "Mark the source", "cue": "Mark the cue", "framing": "Mark the words"}
PART_NAMES = {"source": "source", "cue": "cue", "framing": "framing"}


class SourceCueView(ExerciseView):
    exercise: SourceAndCue  # or any exercise with `parts`, `words` and `selection` (framing.FindFraming)

    def __init__(self, exercise: SourceAndCue) -> None:
        self.parts: tuple[str, ...] = exercise.parts  # what is marked: source and cue, or framing words
        self.marks: dict[str, dict[int, str]] = {}  # item -> word number -> part
        self.texts: dict[str, WordText] = {}
        self.modes: dict[str, widgets.ToggleButtons] = {}
        super().__init__(exercise)

    def build_item(self, item: Item) -> widgets.Widget:
        self.marks[item.id] = {}
        mode = make(widgets.ToggleButtons, options=[(MODE_LABELS.get(p, p), p) for p in self.parts],
                    style={"button_width": "auto"}, value=self.parts[0], icons=[ICONS.get(p, "") for p in self.parts],
                    layout={"display": "none"} if len(self.parts) == 1 else {},  # one thing to mark: no choice shown
                    classes=(f"sl-mode-{item.id}",))
        self.modes[item.id] = mode
        sentence = self.exercise.annotation.sentence(item.id)
        tokens, at = [], sentence.span.start
        for word in self.exercise.words(item.id):
            if word.start > at:
                tokens.append((self.exercise.annotation.text[at:word.start], -1))
            tokens.append((word.text, word.index))
            at = word.end
        if at < sentence.span.end:
            tokens.append((self.exercise.annotation.text[at:sentence.span.end], -1))
        text = WordText(tokens, lambda words, action, item_id=item.id: self.point(item_id, words, action),
                        label=f"Sentence {item.id}: click a word, or drag across words, to mark them",
                        part_names={p: PART_NAMES.get(p, p) for p in self.parts},
                        **look(WordText, classes=(f"sl-words-{item.id}",)))
        self.texts[item.id] = text
        check = make(widgets.Button, description="Check", icon="check", button_style="primary",
                     layout={"width": "auto", "align_self": "flex-start"}, classes=(f"sl-check-{item.id}",))
        check.on_click(lambda _b, item_id=item.id: self.check(item_id))
        where = make(widgets.HTML, item_html(self.exercise.annotation, item, text=False))
        return make(widgets.VBox, [where, mode, text, check])

    def point(self, item_id: str, words: list[int], action: str = "toggle") -> None:
        """The student pointed at words (a click, a drag, a key): mark them as the current part, or, when a
        toggle finds every one of them marked so already, unmark them."""
        part = self.modes[item_id].value
        marks = self.marks[item_id]
        if action == "toggle" and all(marks.get(i) == part for i in words):
            for i in words:
                del marks[i]
        else:
            marks.update({i: part for i in words})
        self._paint(item_id)

    def toggle_word(self, item_id: str, index: int) -> None:
        self.point(item_id, [index])

    def _paint(self, item_id: str) -> None:
        self.texts[item_id].marks = {str(i): p for i, p in sorted(self.marks[item_id].items())}

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
        self.marks[item_id].clear()
        self._paint(item_id)
        self.answer(item_id, None)
