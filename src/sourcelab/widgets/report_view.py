"""The class report's charts as image widgets, for the instructor notebook."""
from __future__ import annotations

from html import escape

import ipywidgets as widgets

from ..report.build import ClassReport
from ..report.charts import png


def charts_view(report: ClassReport) -> widgets.VBox:
    rows = []
    for title, figure in report.figures():
        rows += [widgets.HTML(f"<h3>{escape(title)}</h3>"),
                 widgets.Image(value=png(figure), format="png", layout=widgets.Layout(max_width="100%"))]
    return widgets.VBox(rows or [widgets.HTML("<p>No submissions to chart yet.</p>")])
