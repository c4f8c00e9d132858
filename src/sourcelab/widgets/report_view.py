"""Charts as widgets: the lessons' figures (PNGs drawn once, figure_cache.py) and the class report's."""
from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as widgets

from .looks import look, make

if TYPE_CHECKING:  # the lessons show figures without loading the class report
    from ..report.build import ClassReport


class FigureView(widgets.HTML):
    """An image as an ``<img class="sl-figure">`` with alt text, in an HTML widget: ipywidgets' Image has no alt,
    and its `tooltip` makes JupyterLab draw an error box instead of the picture (ipywidgets 8.1)."""

    def __init__(self, image: bytes, alt: str, image_format: str = "png") -> None:
        self.image, self.format = image, image_format
        self.alt = alt  # read by tests; the text around it in the lesson says what it shows
        data = base64.b64encode(image).decode("ascii")
        super().__init__(f'<img class="sl-figure" src="data:image/{image_format};base64,{data}" '
                         f'alt="{escape(alt, quote=True)}" style="max-width: 100%">',
                         **look(widgets.HTML, classes=("sl-figure-box",)))

    @property
    def png(self) -> bytes:
        """The picture's bytes (a PNG: the lessons' figures)."""
        return self.image


def image_view(data: bytes, description: str, image_format: str = "png") -> FigureView:
    """A PNG (a figure drawn before, figure_cache.py), or an image of another `image_format` ("svg+xml"), as a
    widget: the same in JupyterLab, nbval and the browser tests."""
    return FigureView(data, description, image_format)


def figures_view(figures: list[tuple[str, bytes]], empty: str = "Nothing to chart yet.",
                 image_format: str = "png") -> widgets.VBox:
    """Titled images (PNG, or SVG with `image_format="svg+xml"`) one under another."""
    rows = []
    for title, image in figures:
        rows += [make(widgets.HTML, f"<h3>{escape(title)}</h3>"), image_view(image, title, image_format)]
    return make(widgets.VBox, rows or [make(widgets.HTML, f"<p>{escape(empty)}</p>")])


def charts_view(report: "ClassReport", first_answers: bool = False) -> widgets.VBox:
    """The report's charts as the SVG images its HTML page embeds (drawn once for both)."""
    return figures_view(report.chart_images(first_answers), "No submissions to chart yet.", "svg+xml")
