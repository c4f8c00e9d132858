"""The kit's exceptions, in one place: everything a student or an instructor can cause.

    SourceLabError            base: anything the kit reports to a person (the CLI prints its message)
    ├── DataError             data or exercise files are wrong; carries every Problem found
    ├── AnswerError           an answer that cannot be graded (unknown item, not one of the choices)
    ├── AnswersFileError      an answers file given to `grade` cannot be read
    ├── SavedFileError        a file the kit wrote (saved answers, a student copy's data) is not in its form
    ├── UnknownExerciseError  no exercise has this id
    ├── UnknownCardError      a lesson names an evidence card that data/context/cards.csv does not have
    ├── StudentNameError      a student name that cannot be used, or none saved yet
    └── UsageError            a value given to a command that it cannot use (e.g. --count 0)

Each class says which exit status the command line returns for it. Misuse of the Python API by a
programmer (a wrong argument type, an unknown layer name) raises the ordinary ValueError/KeyError
instead: that is a mistake in code, not in anything a person typed or edited.
"""
from __future__ import annotations

from collections.abc import Iterable
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
    """Base of every error the kit shows to a person; the message says what to do."""

    exit_code = 1  # what `python -m sourcelab` returns when a command stops with this error


class DataError(SourceLabError):
    """The data folder cannot be used as it is; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data or exercise files:\n{lines}")


class AnswerError(SourceLabError):
    """An answer that cannot be graded at all (unknown item, a value that is not a choice)."""

    exit_code = 2


class NoKeyError(SourceLabError):
    """A student's assessment copy holds no answer key: nothing in it can grade or reveal an answer."""

    exit_code = 2


class AnswersFileError(SourceLabError):
    """An answers file cannot be graded: missing, not JSON, not shaped like {"answers": {...}}."""

    exit_code = 2


class SavedFileError(SourceLabError):
    """A file the kit wrote earlier is not in the form it writes: another schema, or fields missing or of the
    wrong kind (a hand edit, a copy made by another version). Its readers catch it and report the file."""


class UnknownExerciseError(SourceLabError):
    """No exercise has the id asked for."""

    exit_code = 2

    def __init__(self, exercise_id: str, known: Iterable[str]) -> None:
        self.exercise_id = exercise_id
        super().__init__(f"unknown exercise {exercise_id!r}, choose one of: {', '.join(known)}")


class UnknownCardError(SourceLabError):
    """A notebook names evidence cards that data/context/cards.csv does not have."""

    def __init__(self, missing: Iterable[str], known: Iterable[str]) -> None:
        self.missing = list(missing)
        super().__init__(f"unknown card(s) {', '.join(repr(m) for m in self.missing)}, choose from: "
                         f"{', '.join(known)}")


class StudentNameError(SourceLabError):
    """A student name the kit cannot use, or no name saved yet; the message says what to type instead."""


class UsageError(SourceLabError):
    """A value given to a command or function that it cannot use; the message names the allowed range."""
