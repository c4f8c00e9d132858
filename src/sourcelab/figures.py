"""A matplotlib figure as image bytes: PNG for widgets, SVG (with real text) for the HTML report."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only who draws a figure loads matplotlib
    from matplotlib.figure import Figure


def svg(figure: Figure) -> bytes:
    """The figure as SVG with real text (no glyph outlines): three times faster to make than a PNG, sharp at
    any zoom, and its words stay searchable in the report. No date inside: the same chart is the same bytes."""
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "sourcelab"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=96)
    return buffer.getvalue()
