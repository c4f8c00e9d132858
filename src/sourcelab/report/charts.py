"""Charts of the class tables, drawn with matplotlib (no pyplot: safe in scripts, threads and notebooks).

Colours are Okabe-Ito; every chart also says what it shows in words, values are written on the bars,
and hatching marks what colour marks, so no reading depends on colour alone.
"""
from __future__ import annotations


import pandas as pd
from matplotlib.figure import Figure

from ..style import OKABE_ITO

LOW = 50.0  # items answered right by fewer than half of the class are hatched
HATCHES = {"attributed": "", "narration": "..", "mixed": "//", "direct": "", "indirect": "..", "both": "//"}
LABEL_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"],
                 OKABE_ITO["vermillion"], OKABE_ITO["sky_blue"]]


def _bar_figure(rows: int, longest_label: int, legend: bool = False) -> Figure:
    """A figure with fixed margins sized to the labels: a constrained layout would draw everything twice."""
    height = 0.36 * rows + 1.3 + (0.3 if legend else 0)
    figure = Figure(figsize=(8, height))
    left = min(0.6, 0.04 + 0.0095 * longest_label)  # DejaVu Sans at 8 pt on an 8-inch figure
    figure.subplots_adjust(left=left, right=0.97, bottom=0.9 / height, top=1 - (0.75 if legend else 0.45) / height)
    return figure


def accuracy_chart(per_item: pd.DataFrame, exercises: list[tuple[str, str]]) -> Figure:
    """Right answers per item for the exercises of one lesson, one panel each (one figure: one PNG to encode)."""
    panels = [(title, per_item[per_item["exercise"] == exercise_id]) for exercise_id, title in exercises]
    panels = [(title, rows) for title, rows in panels if len(rows)]
    labels = [[f"{item}: {text[:24]}{'…' if len(text) > 24 else ''}" for item, text in zip(rows["item"], rows["text"])]
              for _, rows in panels]
    longest = max((len(label) for group in labels for label in group), default=10)
    heights = [0.36 * len(rows) + 1.0 for _, rows in panels]
    figure = Figure(figsize=(8, sum(heights) + 0.3))
    figure.subplots_adjust(left=min(0.6, 0.04 + 0.0095 * longest), right=0.97, top=1 - 0.45 / sum(heights),
                           bottom=0.6 / sum(heights), hspace=0.9 / (sum(heights) / len(panels)))
    grid = figure.add_gridspec(len(panels), 1, height_ratios=[len(rows) + 1.5 for _, rows in panels])
    for n, ((title, rows), group) in enumerate(zip(panels, labels)):
        axes = figure.add_subplot(grid[n])
        values = rows["accuracy %"].fillna(0).tolist()
        low = [v < LOW for v in values]
        bars = axes.barh(range(len(values)), values, edgecolor="black", linewidth=0.5,
                         color=[OKABE_ITO["vermillion"] if x else OKABE_ITO["blue"] for x in low])
        for bar, is_low in zip(bars, low):
            bar.set_hatch("//" if is_low else "")
        for y, value in enumerate(values):
            axes.text(min(value + 1, 93), y, f"{value:.0f}%", va="center", fontsize=8)
        axes.set_yticks(range(len(values)), group, fontsize=8)
        axes.invert_yaxis()
        axes.set_xlim(0, 100)
        axes.axvline(LOW, color="black", linewidth=0.8, linestyle="--")
        axes.set_title(title, fontsize=10)
        if n == len(panels) - 1:
            axes.set_xlabel(f"% of students right (hatched: under {LOW:.0f}%)")
    return figure


def confusion_chart(confusion: pd.DataFrame) -> Figure:
    """For each sentence, how the class labelled it: stacked shares, the reference label named on the axis."""
    labels = [c for c in confusion.columns if c != "reference"]
    counts = confusion[labels]
    shares = counts.div(counts.sum(axis=1).where(lambda s: s > 0, 1), axis=0) * 100
    figure = _bar_figure(len(shares), 22, legend=True)
    axes = figure.subplots()
    left = [0.0] * len(shares)
    for n, label in enumerate(labels):
        values = shares[label].tolist()
        axes.barh(range(len(values)), values, left=left, label=label, color=LABEL_COLOURS[n % len(LABEL_COLOURS)],
                  hatch=HATCHES.get(label, "xx"), edgecolor="black", linewidth=0.5)
        left = [a + b for a, b in zip(left, values)]
    axes.set_yticks(range(len(shares)), [f"{s} (key: {r})" for s, r in zip(shares.index, confusion["reference"])],
                    fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("share of the class choosing each label (%)")
    axes.legend(ncols=len(labels), loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=8, frameon=False)
    return figure


def score_histogram(scores: pd.DataFrame) -> Figure:
    figure = Figure(figsize=(8, 3))
    figure.subplots_adjust(left=0.08, right=0.97, bottom=0.18, top=0.88)
    axes = figure.subplots()
    axes.hist(scores["percent"], bins=range(0, 101, 10), color=OKABE_ITO["sky_blue"], edgecolor="black", hatch="..")
    axes.set_xlabel("total score (% of all items)")
    axes.set_ylabel("students")
    axes.set_xlim(0, 100)
    mean = scores["percent"].mean() if len(scores) else 0
    axes.axvline(mean, color="black", linestyle="--", linewidth=1)
    axes.text(mean, axes.get_ylim()[1] * 0.92, f" mean {mean:.0f}%", fontsize=8)
    axes.set_title("Distribution of total scores", fontsize=10, loc="left")
    return figure
