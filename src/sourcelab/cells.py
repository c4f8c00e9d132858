"""The cell-by-cell checks every data file shares: typed getters that record a Problem instead of raising.

Used by `validation` (the article's annotation) and `context_files` (data/context/), so a date, a web
address, an id or an offset is checked, and its fault worded, the same way in every file.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem
from .model import Span
from .readers import Row, display_name

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,80}$")  # ids become file names (saved answers): never a path


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


def short(text: str, width: int = 40) -> str:
    text = text.replace("\n", " ")
    return repr(text if len(text) <= width else text[: width - 1] + "…")


UNDATED = "n.d."  # a web page that shows no date: cite it so, rather than invent one
URL_PATTERN = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def date_problem(value: str, *, partial: bool = False) -> str | None:
    """Why `value` is not a date written YYYY-MM-DD (or, with `partial`, YYYY-MM or YYYY), or None."""
    padded = value + ("-01" * (2 - value.count("-")) if partial and re.fullmatch(r"\d{4}(-\d{2})?", value) else "")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", padded):
            dt.date.fromisoformat(padded)
            return None
    except ValueError:
        return f"{value!r} is not a real date"
    return f"{value!r} is not a date written YYYY-MM-DD" + (" (or YYYY-MM, or YYYY)" if partial else "")


def nearest(text: str, wanted: str, near: int) -> int | None:
    """Where `wanted` occurs closest to offset `near` (a short name like "Zakharova" occurs many times).

    Searches outwards from `near` only (str.find / rfind), so a thousand wrong offsets in a long article do
    not each rescan the whole text for every occurrence."""
    if not wanted:
        return None
    near = max(0, min(near, len(text)))
    after = text.find(wanted, near)
    before = text.rfind(wanted, 0, near + len(wanted) - 1) if near else -1
    hits = [hit for hit in (before, after) if hit >= 0]
    return min(hits, key=lambda hit: (abs(hit - near), hit)) if hits else None


@dataclass
class Cells:
    """One row being read: typed getters that record a Problem instead of raising."""

    file: str
    row: Row
    problems: list[Problem]
    text: str
    ok: bool = True

    def problem(self, column: str | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, self.row.number, column, message, fix))
        self.ok = False

    def get(self, column: str, *, required: bool = True) -> str:
        value = self.row.cells.get(column, "").strip()
        if required and not value:
            self.problem(column, "is empty", "fill it in")
        return value

    def choice(self, column: str, allowed: tuple[str, ...]) -> str:
        value = self.get(column)
        if value and value not in allowed:
            self.problem(column, f"unknown value {value!r}", f"use one of: {', '.join(allowed)}")
        return value

    def ident(self, column: str = "id") -> str:
        value = self.get(column)
        if value and not ID_PATTERN.match(value):
            self.problem(column, f"{value!r} is not a usable id", "use letters, digits, '_' or '-' only (at most 80)")
        return value

    def integer(self, column: str, *, required: bool = True) -> int | None:
        value = self.get(column, required=required)
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            self.problem(column, f"{short(value)} is not a whole number", "write a character offset such as 219")
            return None

    def span(self, start_col: str, end_col: str, text_col: str, *, required: bool = True,
             within: Span | None = None, where: str = "the article") -> Span | None:
        """A span of article.txt, given by its offsets or by its text alone.

        With offsets, they must cut exactly the text out of article.txt. With the offsets left empty, the text
        is looked up (inside `within`, e.g. the row's sentence): found once, it is used, and `fix-offsets`
        writes the offsets into the file; found several times, the problem lists each start and end to choose
        from. Every message about offsets gives both the start and the end, so nobody has to count."""
        wanted = self.row.cells.get(text_col, "")
        raw_start, raw_end = (self.row.cells.get(c, "").strip() for c in (start_col, end_col))
        if not required and not any((raw_start, raw_end, wanted.strip())):
            return None
        if not raw_start and not raw_end and wanted.strip():
            return self._span_by_text(wanted, start_col, text_col, within, where)
        start, end = self.integer(start_col), self.integer(end_col)
        if start is None or end is None:
            return None
        actual = self.text[start:end] if 0 <= start < end <= len(self.text) else None
        if actual == wanted:
            return Span(start, end, actual)
        found = nearest(self.text, wanted, start)
        hint = (f"the text {short(wanted)} stands at start {found}, end {found + len(wanted)}" if found is not None
                else f"copy the text exactly from article.txt into {text_col}, or clear {start_col} and {end_col} "
                "and let check find it")
        if actual is None:
            self.problem(start_col, f"offsets {start}..{end} are outside the article (0..{len(self.text)})",
                         f"fix {start_col}/{end_col} ({hint})")
        else:
            self.problem(start_col, f"offsets {start}..{end} give {short(actual)}, not {short(wanted)}",
                         f"fix {start_col}/{end_col} ({hint})")
        return None

    def _span_by_text(self, wanted: str, start_col: str, text_col: str, within: Span | None,
                      where: str) -> Span | None:
        hits = occurrences(self.text, wanted, within)
        if len(hits) == 1:
            return Span(hits[0], hits[0] + len(wanted), wanted)
        message, fix = unplaced(wanted, hits, where)
        self.problem(start_col if hits else text_col, message, fix)
        return None


def unplaced(wanted: str, hits: list[int], where: str) -> tuple[str, str]:
    """Why a span given by its text cannot be placed (found nowhere, or more than once), and the fix."""
    if not hits:
        return f"{short(wanted)} is not in {where}", "copy the text exactly from article.txt"
    places = ", ".join(f"start {h} end {h + len(wanted)}" for h in hits[:6])
    return (f"{short(wanted)} occurs {len(hits)} times in {where} ({places})",
            "write the start and end of the one you mean into its start and end columns")


def occurrences(text: str, wanted: str, within: Span | None = None) -> list[int]:
    """Every start of `wanted` in `text` (inside `within` when given)."""
    if not wanted:
        return []
    lo, hi = (within.start, within.end) if within else (0, len(text))
    hits, at = [], text.find(wanted, lo, hi)
    while at >= 0:
        hits.append(at)
        at = text.find(wanted, at + 1, hi)
    return hits


def each_row(rows: list[Row] | None, path: Path, problems: list[Problem], text: str,
          parse: Callable[[Cells], Any]) -> list[tuple[int, Any]]:
    out = []
    name = display_name(path)
    for row in rows or []:
        cells = Cells(name, row, problems, text)
        item = parse(cells)
        if cells.ok and item is not None:
            out.append((row.number, item))
    return out


def first_rows(tables: dict[str, list[Row] | None], names: dict[str, str],
               problems: list[Problem]) -> dict[str, dict[str, int]]:
    """Per file, each id and the row it first stands on; an id used twice is a Problem.

    Ids are taken from every row that has one, even a row with other faults, so that one broken cell is
    reported once and does not make every reference to that row look dangling too."""
    rows_of: dict[str, dict[str, int]] = {}
    for key, rows in tables.items():
        first = rows_of[key] = {}
        for row in rows or []:
            ident = row.cells.get("id", "").strip()
            if ident in first:
                problems.append(Problem(names[key], row.number, "id", f"{ident!r} is used twice (first on row "
                                        f"{first[ident]})", "give every row its own id"))
            elif ident:
                first[ident] = row.number
    return rows_of
