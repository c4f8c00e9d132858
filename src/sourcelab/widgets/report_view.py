"""Charts as widgets: the lessons' figures (PNGs drawn once, figure_cache.py) and the class report's."""
from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets

from ..figures import png
from .looks import make

if TYPE_CHECKING:  # the lessons show figures without loading the class report, or matplotlib when drawn before
    from matplotlib.figure import Figure

    from ..report.build import ClassReport


class FigureView(widgets.HTML):
    """An image as an ``<img class="sl-figure">`` with alt text, in an HTML widget: ipywidgets' Image has no alt,
    and its `tooltip` makes JupyterLab draw an error box instead of the picture (ipywidgets 8.1)."""

    def __init__(self, image: bytes, alt: str, mime: str = "image/png") -> None:
        self.image, self.mime = image, mime
        self.alt = alt  # read by tests; the text around it in the lesson says what it shows
        data = base64.b64encode(image).decode("ascii")
        super().__init__(f'<img class="sl-figure" src="data:{mime};base64,{data}" alt="{escape(alt, quote=True)}" '
                         'style="max-width: 100%">')
        self.add_class("sl-figure-box")

    @property
    def png(self) -> bytes:
        """The picture's bytes (a PNG: the lessons' figures)."""
        return self.image


def image_view(png_bytes: bytes, description: str) -> FigureView:
    """A PNG (a figure drawn before, figure_cache.py) as an image widget: the same in JupyterLab, nbval and the
    browser tests."""
    return FigureView(png_bytes, description)


def figures_view(figures: list[tuple[str, Figure | bytes]], empty: str = "Nothing to chart yet.") -> widgets.VBox:
    """Titled figures (matplotlib figures, or PNGs drawn before) one under another."""
    rows = []
    for title, figure in figures:
        rows += [make(widgets.HTML, f"<h3>{escape(title)}</h3>"),
                 image_view(figure if isinstance(figure, bytes) else png(figure), title)]
    return make(widgets.VBox, rows or [make(widgets.HTML, f"<p>{escape(empty)}</p>")])


def charts_view(report: "ClassReport", first_answers: bool = False) -> widgets.VBox:
    return figures_view(report.figures(first_answers), "No submissions to chart yet.")
