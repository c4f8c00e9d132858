"""One choice per item (classify-sentences, quote-type, reporting-verbs): feedback the moment you choose."""
from __future__ import annotations

import ipywidgets as widgets

from ..exercises import Exercise, Item
from ..render import item_html, item_label
from .exercise_view import ExerciseView
from .looks import make

LONG_OPTION = 28  # longer option texts are listed as radio buttons, one per line
MANY_OPTIONS = 6  # more options than this go into a drop-down menu
NO_CHOICE = ""  # a drop-down's "— choose —": with the value None, ipywidgets shows a blank menu


class ChoiceView(ExerciseView):
    def __init__(self, exercise: Exercise) -> None:
        self.choosers: dict[str, widgets.ToggleButtons | widgets.RadioButtons | widgets.Dropdown] = {}
        super().__init__(exercise)

    def build_item(self, item: Item) -> widgets.Widget:
        shown = item.labels or item.options
        options = list(zip(shown, item.options))
        css_class = f"sl-choice-{item.id}"
        if len(options) > MANY_OPTIONS:
            chooser = make(widgets.Dropdown, options=[("— choose —", NO_CHOICE), *options], value=NO_CHOICE,
                           layout={"width": "100%", "max_width": "46em"},
                           description=item_label(self.exercise.annotation, item, "Your answer:"),
                           description_allow_html=True, style={"description_width": "initial"}, classes=(css_class,))
        elif any(len(o) > LONG_OPTION for o in shown):
            chooser = make(widgets.RadioButtons, options=options, value=None, layout={"width": "max-content"},
                           classes=(css_class,))
        else:
            chooser = make(widgets.ToggleButtons, options=options, value=None, style={"button_width": "auto"},
                           tooltips=[self.exercise.option_help(o) or o for o in shown], classes=(css_class,))
        chooser.observe(lambda change, item_id=item.id: self.answer(item_id, change["new"] or None), names="value")
        self.choosers[item.id] = chooser
        return make(widgets.VBox, [make(widgets.HTML, item_html(self.exercise.annotation, item)), chooser])

    def clear_item(self, item_id: str) -> None:
        self.choose(item_id, None)  # the observer records the cleared answer

    def choose(self, item_id: str, value: str | None) -> None:
        """Answer from code exactly as a click would (used by solution notebooks and tests); None clears."""
        chooser = self.choosers[item_id]
        chooser.value = NO_CHOICE if value is None and isinstance(chooser, widgets.Dropdown) else value

    def set_answer(self, item_id: str, value: str) -> None:
        self.choose(item_id, self.exercise.check_choice(self.exercise.item(item_id), value))
