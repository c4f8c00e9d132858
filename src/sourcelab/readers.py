"""Reading the kit's text, CSV and YAML files without ever raising on bad content.

Every reader returns what it could read and appends a `Problem` for the rest, so one run of
`check` reports everything wrong at once, each with the file and spreadsheet row.
"""
from __future__ import annotations

import csv
import functools
import io
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Problem

MAX_FILE_BYTES = 5_000_000  # far above any article or annotation; stops a wrong file from filling memory
MAX_ROWS = 20_000  # a news article's annotation has a few hundred rows at most

UTF8_FIX = "save the file as UTF-8 (in a spreadsheet choose 'CSV UTF-8')"


@dataclass(frozen=True)
class Row:
    number: int  # spreadsheet row: the header is row 1
    cells: dict[str, str]


def display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, problems: list[Problem], *, strip_bom: bool = False) -> str | None:
    """The file decoded as strict UTF-8, or None with a Problem saying why not."""
    name = display_name(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(name, None, None, "is not a regular file", "give a text file saved from an editor "
                                    "or spreadsheet"))
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, None, None, f"file is larger than {MAX_FILE_BYTES:,} bytes",
                                    "check that this is the right file"))
            return None
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(name, None, None, "file is missing", f"create {path.name} (see docs/annotation-guide.md)"))
        return None
    except OSError as exc:
        problems.append(Problem(name, None, None, f"cannot be read ({exc.strerror or exc})",
                                "check that the file exists and you may read it"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        fix = UTF8_FIX if path.suffix.lower() == ".csv" else "save the file as UTF-8 text (most editors offer it)"
        problems.append(Problem(name, line, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", fix))
        return None
    if strip_bom and text.startswith("\ufeff"):
        text = text[1:]
    return text


def read_csv(path: Path, columns: tuple[str, ...], problems: list[Problem],
             *, required: bool = True) -> list[Row] | None:
    """Rows of a CSV file that has at least `columns`; None if the file cannot be used at all."""
    if not required and not path.exists():
        return []
    text = read_text(path, problems, strip_bom=True)  # spreadsheets like to add a BOM
    if text is None:
        return None
    name = display_name(path)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(Problem(name, line, None, "contains a NUL character", "re-save the file as plain CSV text"))
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            problems.append(Problem(name, None, None, "file is empty", f"add the header row: {','.join(columns)}"))
            return None
        header = [h.strip() for h in header]
        missing = [c for c in columns if c not in header]
        if missing:
            problems.append(Problem(name, 1, "header", f"missing column(s) {', '.join(missing)}",
                                    f"the header row must name: {','.join(columns)}"))
            return None
        rows: list[Row] = []
        for number, values in enumerate(reader, start=2):
            if number > MAX_ROWS + 1:
                problems.append(Problem(name, number, None, f"has more than {MAX_ROWS:,} rows",
                                        "check that this is the right file: an article's annotation has far fewer"))
                return None
            if not any(v.strip() for v in values):
                continue  # blank lines are harmless
            if len(values) != len(header):
                problems.append(Problem(name, number, None,
                                        f"has {len(values)} cells but the header has {len(header)}",
                                        "check for a missing or extra comma, or an unclosed quotation mark"))
                continue
            rows.append(Row(number, dict(zip(header, values))))
        return rows
    except csv.Error as exc:
        reason = ("the file ends inside a quoted cell: is it cut short?" if "end of data" in str(exc) else str(exc))
        problems.append(Problem(name, reader.line_num, None, f"is not valid CSV ({reason})",
                                "check the quotation marks on this line"))
        return None


def no_alias_loader(base: Any) -> Any:
    """`base` (a SafeLoader) refusing anchors and aliases (& and *): the kit's hand-written YAML needs none,
    and an alias "bomb" of a few lines would otherwise expand into gigabytes."""
    import yaml

    class NoAliasLoader(base):  # type: ignore[misc, valid-type]
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.constructor.ConstructorError(
                    None, None, "anchors and aliases (& and *) are not allowed in the kit's files",
                    event.start_mark)
            return super().compose_node(parent, index)

    return NoAliasLoader


# PyYAML's problem texts, in plain words, with the fix that usually works: (words in its message, what is
# wrong, how to fix it). Checked in order; the first that matches is used.
YAML_PROBLEMS = (
    ("aliases", "it uses an anchor or alias (& or *)", "write the text out in full instead"),
    ("'\\t'", "a tab is used to indent", "indent with spaces only (most editors can show tabs)"),
    ("expected <block end>", "this line is indented differently from the lines around it",
     "give it the same number of spaces as the other fields at its level"),
    ("mapping values are not allowed", "a colon followed by a space stands inside a text",
     "put the text in quotes, or write '>' after the field name and the text on the lines below"),
    ("expected ',' or ']'", "a list in square brackets is not closed, or one of its items holds a colon or quote",
     "close the list with ] on the same line, and put any item with a colon in quotes"),
    ("expected ',' or '}'", "a set of fields in curly brackets is not closed",
     "close it with } on the same line"),
    ("could not find expected ':'", "a line has no colon after its field name, or a text runs on to the next line",
     "write 'field: value', or write '>' after the field name and the text on the lines below"),
    ("found unexpected end of stream", "a quotation mark is opened and never closed",
     "close the quotation mark, or remove it"),
    ("expected <document start>", "the file does not begin with 'field: value' lines",
     "start the file with the fields it needs, such as 'exercises:'"),
)


def plain_yaml_problem(reason: str, context: str = "") -> tuple[str, str]:
    """What a YAML reader's message means for someone editing the file, and the usual fix."""
    both = f"{reason} {context}"
    for words, plain, fix in YAML_PROBLEMS:
        if words in both:
            return plain, fix
    if "quoted scalar" in both:
        return "a quotation mark is opened and never closed", "close the quotation mark, or remove it"
    return "this line cannot be read as YAML", "check the indentation and quoting on this line"


_NOT_PARSED = object()


@functools.cache
def _c_loader(base: Any) -> Any:
    """`base` (a SafeLoader subclass) with libyaml's parser: its constructors, the C parser's speed."""
    import yaml

    class CLoader(yaml.cyaml.CParser, base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    return CLoader


def _parsed_in_c(text: str, base: Any) -> Any:
    """The document as `base` reads it, parsed by libyaml (ten times faster than PyYAML's own parser: the lessons
    read every exercise file when they start); _NOT_PARSED when libyaml is missing, or the text holds an anchor,
    an alias or an error, which PyYAML's parser then reports as it always has."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return _NOT_PARSED
    try:
        if any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)
               for e in yaml.parse(text, Loader=yaml.CSafeLoader)):  # noqa: S506 - events only, nothing is built
            return _NOT_PARSED
        return yaml.load(text, Loader=_c_loader(base))  # noqa: S506 - a safe loader with the C parser
    except yaml.YAMLError:
        return _NOT_PARSED


def read_yaml(path: Path, problems: list[Problem], *, required: bool = True, loader: Any = None) -> Any:
    """The parsed YAML document, or None with a Problem naming the line. `loader`: a SafeLoader subclass."""
    import yaml  # imported here: most of the kit never reads YAML

    if not required and not path.exists():
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    fast = _parsed_in_c(text, loader or yaml.SafeLoader)
    if fast is not _NOT_PARSED:
        return fast
    try:
        return yaml.load(text, Loader=no_alias_loader(loader or yaml.SafeLoader))  # noqa: S506 - safe loaders only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or "cannot be parsed"
        plain, fix = plain_yaml_problem(str(reason), str(getattr(exc, "context", "") or ""))
        context = getattr(exc, "context_mark", None)
        if context is not None and line is not None and context.line + 1 != line:
            plain += f" (the block it belongs to starts on line {context.line + 1})"
        problems.append(Problem(display_name(path), line, None, f"is not valid YAML: {plain}; the YAML reader says "
                                f"“{reason}”", fix))
        return None
    except RecursionError:
        problems.append(Problem(display_name(path), None, None, "is nested too deeply to read",
                                "check that this is the right file"))
        return None
