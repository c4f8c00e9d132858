"""Widgets of one look share one Layout and one Style model (widgets/looks.py): fewer models to open in the
kernel and to build in the browser, the same look."""
from __future__ import annotations

import ipywidgets as widgets

from sourcelab import show_exercise
from sourcelab.widgets.looks import make


def models(widget: widgets.Widget) -> list[widgets.Widget]:
    found, todo = [], [widget]
    while todo:
        w = todo.pop()
        found.append(w)
        todo.extend(getattr(w, "children", ()))
    return found


def test_every_exercise_view_shares_layouts_and_styles() -> None:
    """Every kind of view (choice, words, text, grid) is built through looks.make: a handful of Layouts and
    Styles, however many widgets it shows."""
    from sourcelab.course import load_course

    spread = {}
    for exercise_id in load_course().exercises:
        shown = models(show_exercise(exercise_id, record=False))
        layouts = {id(w.layout) for w in shown}
        styles = {id(w.style) for w in shown if hasattr(w, "style")}
        if len(layouts) > 6 or len(styles) > 6:
            spread[exercise_id] = (len(shown), len(layouts), len(styles))
    assert not spread, f"exercise: (widgets, layouts, styles) {spread}"


def test_a_shared_look_keeps_its_traits_and_survives_closed_widgets() -> None:
    wide = make(widgets.Dropdown, options=["a"], layout={"width": "100%"})
    assert wide.layout.width == "100%" and make(widgets.Dropdown, options=["b"], layout={"width": "100%"}).layout is wide.layout
    assert make(widgets.Button, layout={"width": "auto"}).layout is not wide.layout
    toggles = make(widgets.ToggleButtons, options=["x"], style={"button_width": "auto"})
    assert toggles.style.button_width == "auto"
    wide.layout.close()  # as Widget.close_all() does
    fresh = make(widgets.Dropdown, options=["c"], layout={"width": "100%"})
    assert fresh.layout is not wide.layout and fresh.layout.comm is not None and fresh.layout.width == "100%"
