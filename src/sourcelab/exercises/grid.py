"""The layout of an exercise answered in a grid: rows, columns, and in each cell the items it holds.

The grid is a description, not a widget: lesson 3's matrix builds one from positions.csv, an assessment copy
stores it as plain data (it names nothing the student does not see), and the grid view draws either one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GridPart:
    """One answer in a cell: its label ("Stance"), the item it answers, and short texts for the item's options
    (a letter for a long stance, "s4" for a sentence), in the item's option order."""

    label: str
    item: str
    shown: tuple[str, ...]


@dataclass(frozen=True)
class GridRow:
    heading: str  # the issue, as a question
    legend: tuple[tuple[str, str], ...]  # (letter, what it stands for): the long options the cells abbreviate
    cells: tuple[tuple[GridPart, ...], ...]  # one per column; () where the row has no cell for that column


@dataclass(frozen=True)
class Grid:
    corner: str  # what the row headings are ("Issue")
    columns: tuple[str, ...]  # the parties, as the student reads them
    rows: tuple[GridRow, ...]

    def items(self) -> list[str]:
        return [part.item for row in self.rows for cell in row.cells for part in cell]

    def to_dict(self) -> dict[str, Any]:
        return {"corner": self.corner, "columns": list(self.columns),
                "rows": [{"heading": r.heading, "legend": [list(pair) for pair in r.legend],
                          "cells": [[{"label": p.label, "item": p.item, "shown": list(p.shown)} for p in cell]
                                    for cell in r.cells]} for r in self.rows]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grid:
        return cls(str(data["corner"]), tuple(str(c) for c in data["columns"]), tuple(
            GridRow(str(r["heading"]), tuple((str(a), str(b)) for a, b in r["legend"]),
                    tuple(tuple(GridPart(str(p["label"]), str(p["item"]), tuple(str(s) for s in p["shown"]))
                                for p in cell) for cell in r["cells"]))
            for r in data["rows"]))


def letters(count: int) -> list[str]:
    """A, B, C, ... for a row's long options (26 is far more stances than one issue has)."""
    return [chr(ord("A") + n) if n < 26 else f"A{n - 25}" for n in range(count)]
