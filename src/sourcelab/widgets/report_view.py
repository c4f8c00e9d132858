"""The class report's charts as image widgets, for the instructor notebook."""
from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures import png

if TYPE_CHECKING:  # the lessons show figures without loading the class report
    from ..report.build import ClassReport


def figure_view(figure: Figure, description: str) -> widgets.Image:
    """A matplotlib figure as an image widget (works the same in JupyterLab, nbval and the browser tests)."""
    image = widgets.Image(value=png(figure), format="png", layout=widgets.Layout(max_width="100%"))
    image.add_class("sl-figure")
    image.description = description  # read by tests; screen readers get the text around it in the lesson
    return image


def figures_view(figures: list[tuple[str, Figure]], empty: str = "Nothing to chart yet.") -> widgets.VBox:
    """Titled figures one under another."""
    rows = []
    for title, figure in figures:
        rows += [widgets.HTML(f"<h3>{escape(title)}</h3>"), figure_view(figure, title)]
    return widgets.VBox(rows or [widgets.HTML(f"<p>{escape(empty)}</p>")])


def charts_view(report: "ClassReport", first_answers: bool = False) -> widgets.VBox:
    return figures_view(report.figures(first_answers), "No submissions to chart yet.")
