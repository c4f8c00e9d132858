"""Write a text (a rewrite, a lead, a reflection): saved like every answer, never marked right or wrong.

After the first save the view shows what to set the text beside: the model rewrites with their comments, or
the checklist and the texts to compare with. In assessment mode it shows only that the text is recorded.
"""
from __future__ import annotations

import ipywidgets as widgets

from ..exercises import Item
from ..exercises.writing import FreeWriting, Rewriting, Writing
from ..render import checklist_html, item_html, item_label, models_html
from .exercise_view import ExerciseView
from .looks import make


class TextView(ExerciseView):
    exercise: Writing

    def __init__(self, exercise: Writing) -> None:
        self.boxes: dict[str, widgets.Textarea] = {}
        self.after: dict[str, widgets.HTML] = {}
        super().__init__(exercise)

    def build_item(self, item: Item) -> widgets.Widget:
        # continuous_update off, as the name box (saving.StudentBox): the text arrives whole before Save's press
        box = make(widgets.Textarea, placeholder="Write here, then press Save my text.", rows=4, continuous_update=False,
                   layout={"width": "100%", "max_width": "46em"},
                   description=item_label(self.exercise.annotation, item, "Your text:"),
                   description_allow_html=True, style={"description_width": "initial"}, classes=(f"sl-text-{item.id}",))
        save = make(widgets.Button, description="Save my text", icon="save", button_style="primary",
                    layout={"width": "auto"}, tooltip="Save the text and see what the checks find",
                    classes=(f"sl-save-{item.id}",))
        save.on_click(lambda _b, item_id=item.id: self.save(item_id))
        self.boxes[item.id] = box
        self.after[item.id] = make(widgets.HTML)
        return make(widgets.VBox, [make(widgets.HTML, item_html(self.exercise.annotation, item)), box, save,
                                   self.after[item.id]])

    def save(self, item_id: str) -> None:
        text = self.boxes[item_id].value.strip()
        self.answer(item_id, text or None)
        self.after[item_id].value = self._after(item_id) if text and not self.assessment else ""

    def _after(self, item_id: str) -> str:
        annotation = self.exercise.annotation
        if isinstance(self.exercise, Rewriting):
            models = self.exercise.rewrite(item_id).models
            return models_html("Two ways to write it, with a comment on each:" if len(models) == 2 else
                               "Ways to write it, with a comment on each:", [(m.text, m.comment) for m in models])
        if isinstance(self.exercise, FreeWriting):
            task = self.exercise.task(item_id)
            shown = checklist_html(task.checklist) if task.checklist else ""
            known = {s.id: s for s in annotation.sentences}
            cards = {c.id: c for c in annotation.context.cards}
            pairs = {w.id: w for w in annotation.word_pairs}
            compare = []
            for c in task.compare:
                if c in known:
                    compare.append((known[c].text, f"The article's own words, sentence {c}."))
                elif c in cards:
                    compare.append((cards[c].title or cards[c].quote, f"{cards[c].source}, {cards[c].date}."))
                elif c in pairs:
                    pair = pairs[c]
                    sources = "; ".join(annotation.reference(r).citation() for r in pair.cite)
                    compare.append((f"{pair.article_words} / {pair.other_words}",
                                    f"{pair.signals} {pair.who_uses} Sources: {sources}."))
            if compare:
                shown += models_html("Set your text beside these:", compare)
            return shown
        return ""

    def set_answer(self, item_id: str, value: str) -> None:
        self.boxes[item_id].value = value
        self.save(item_id)

    def clear_item(self, item_id: str) -> None:
        self.boxes[item_id].value = ""
        self.after[item_id].value = ""
        self.answer(item_id, None)
