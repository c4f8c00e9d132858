"""The class report's charts and the lessons' diagrams as widgets."""
from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..figures import png
from .looks import make

if TYPE_CHECKING:  # the lessons show figures without loading the class report
    from ..report.build import ClassReport


class FigureView(widgets.HTML):
    """A matplotlib figure as an ``<img class="sl-figure">`` with alt text, in an HTML widget: ipywidgets' Image has
    no alt, and its `tooltip` makes JupyterLab draw an error box instead of the picture (ipywidgets 8.1)."""

    def __init__(self, figure: Figure, alt: str) -> None:
        self.png = png(figure)
        self.alt = alt  # read by tests; the text around it in the lesson says what it shows
        data = base64.b64encode(self.png).decode("ascii")
        super().__init__(f'<img class="sl-figure" src="data:image/png;base64,{data}" alt="{escape(alt, quote=True)}" '
                         'style="max-width: 100%">')
        self.add_class("sl-figure-box")


def figure_view(figure: Figure, description: str) -> FigureView:
    """A matplotlib figure as an image widget (works the same in JupyterLab, nbval and the browser tests)."""
    return FigureView(figure, description)


def figures_view(figures: list[tuple[str, Figure]], empty: str = "Nothing to chart yet.") -> widgets.VBox:
    """Titled figures one under another."""
    rows = []
    for title, figure in figures:
        rows += [make(widgets.HTML, f"<h3>{escape(title)}</h3>"), figure_view(figure, title)]
    return make(widgets.VBox, rows or [make(widgets.HTML, f"<p>{escape(empty)}</p>")])


def charts_view(report: "ClassReport", first_answers: bool = False) -> widgets.VBox:
    return figures_view(report.figures(first_answers), "No submissions to chart yet.")
