"""The kit's exceptions, in one place.

    SourceLabError            base: anything the kit reports to a person
    └── DataError             data or exercise files are wrong; carries every Problem found

Misuse of the Python API (a wrong argument type, an unknown layer name) raises the ordinary
ValueError/KeyError instead: that is a programming mistake, not a broken file.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, phrased so a person without Python can fix it."""

    file: str
    row: int | None  # spreadsheet row number (the header is row 1); None for the whole file
    column: str | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        what = f"{self.column}: {self.message}" if self.column else self.message
        return f"{where}: {what}, {self.fix}"


class SourceLabError(Exception):
    """Base of every error the kit shows to a person."""


class AnswerError(SourceLabError):
    """An answer that cannot be graded at all (unknown item, a value that is not a choice)."""


class DataError(SourceLabError):
    """The data folder cannot be used as it is; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data or exercise files:\n{lines}")
