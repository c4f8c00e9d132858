"""What every exercise definition shares, and the checked reading of its YAML fields.

Instructors edit the YAML; this module is why a typo there gives `file:line: what, how to fix it`
instead of a traceback. The fields each type adds, and how they are read, live with the type (see
`registry.py`); this module holds only what is common to all of them. The answer keys stay in data/.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from ..model import Annotation, Sentence
from .yamlspec import LineDict

COMMON_FIELDS = ("id", "type", "title", "prompt", "hint", "show_answer", "mode")
# practice: feedback at once, hints, try again, show answers. assessment: answers are recorded, the student
# sees "answer recorded" and no verdict or score; the instructor's report grades them.
MODES = ("practice", "assessment")
PRACTICE, ASSESSMENT = MODES

VIEW_KINDS = ("choice", "words", "text", "grid")  # widget families: one choice per item, marking words, writing,
# or choices laid out in a grid of rows and columns (the matrix of positions)


@dataclass(frozen=True)
class ExerciseType:
    name: str  # as written after `type:` in the YAML
    fields: tuple[str, ...]  # the YAML fields it adds to the common ones
    read: Callable[["SpecReader", LineDict, str], Any]  # (reader, node, "exercise 'id'") -> its params
    engine: type  # an Exercise subclass (base.py imports this module)
    view: str  # one of VIEW_KINDS

    def __post_init__(self) -> None:
        if self.view not in VIEW_KINDS:
            raise ValueError(f"view {self.view!r} of {self.name} is not one of {VIEW_KINDS}")


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise as the instructor wrote it; `params` holds what its type adds; `file`/`line` say where."""

    id: str
    type: str
    lesson: str
    title: str
    prompt: str
    hint: str
    show_answer: bool = True
    mode: str = "practice"  # one of MODES: set per exercise, or for a whole lesson file, in the YAML
    params: Any = None  # the type's own dataclass (sentences, options, questions, claims, ...)
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class SentencesParams:
    """What a type adds when its items are sentences of the article (the `sentences` field)."""

    sentences: tuple[str, ...] = ()


@dataclass
class SpecReader:
    """Checks one YAML file, appending Problems with the line of the offending key."""

    file: str
    annotation: Annotation | None
    problems: list[Problem] = field(default_factory=list)

    def problem(self, line: int | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, line, None, message, fix))

    def text(self, node: LineDict, key: str, where: str, *, required: bool = True) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(node.line, f"{where} has no '{key}'", f"add '{key}: ...'")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(node.line_of(key), f"'{key}' of {where} must be text", "write it as plain text")
            return ""
        return str(value).strip()

    def unknown_fields(self, node: LineDict, allowed: tuple[str, ...], where: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(node.line_of(str(key)), f"unknown field '{key}' in {where}",
                             f"check the spelling; allowed fields: {', '.join(allowed)}")

    def sentence_ids(self, node: LineDict, where: str,
                     unusable: Callable[[Sentence], tuple[str, str] | None] = lambda _s: None) -> tuple[str, ...]:
        """The `sentences` field: 'all' or a list of ids. `unusable` says why a sentence cannot serve this
        type (message and fix), or None."""
        value = node.get("sentences")
        line = node.line_of("sentences")
        if self.annotation is None:
            return ()
        known = [s.id for s in self.annotation.sentences]
        if value == "all":
            ids = list(known)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            ids = value
        else:
            self.problem(line, f"{where} needs 'sentences': 'all' or a list of sentence ids",
                         "write e.g. 'sentences: [s4, s7]'")
            return ()
        for sid in ids:
            if sid not in known:
                self.problem(line, f"{where} names sentence '{sid}', which does not exist in sentences.csv",
                             f"use ids from s1 to {known[-1]}" if known else "add the sentence to sentences.csv")
                continue
            why = unusable(self.annotation.sentence(sid))
            if why:
                self.problem(line, f"{where} {why[0]}", why[1])
        if len(set(ids)) != len(ids):
            self.problem(line, f"{where} lists a sentence twice", "list each sentence once")
        return tuple(dict.fromkeys(ids))

    def entries(self, node: LineDict, key: str, noun: str, fields: tuple[str, ...],
                where: str) -> list[tuple[LineDict, str, str]]:
        """The entries of a list field (questions, claims): each a set of fields with an id, ids unique.

        Returns (entry, id, how messages name it) for every entry that is a set of fields.
        """
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problem(node.line_of(key), f"{where} needs a list of '{key}'", "see docs/exercises.md for an example")
            return []
        out = []
        for entry in value:
            if not isinstance(entry, LineDict):
                self.problem(node.line_of(key), f"every {noun} of {where} must be a set of fields",
                             f"start each {noun} with '- id: ...'")
                continue
            ident = self.text(entry, "id", f"a {noun} of {where}")
            here = f"{noun} '{ident}'"
            self.unknown_fields(entry, fields, here)
            out.append((entry, ident, here))
        ids = [ident for _, ident, _ in out]
        if len(set(ids)) != len(ids):
            self.problem(node.line_of(key), f"{where} uses a {noun} id twice", f"give each {noun} its own id")
        return out

    def known_sentence(self, node: LineDict, key: str, where: str) -> str | None:
        """An optional field naming one sentence id."""
        sentence = self.text(node, key, where, required=False) or None
        if sentence and self.annotation is not None and sentence not in {s.id for s in self.annotation.sentences}:
            self.problem(node.line_of(key), f"{where} names sentence '{sentence}', which does not exist "
                         "in sentences.csv", f"use an id from sentences.csv or remove '{key}'")
        return sentence
