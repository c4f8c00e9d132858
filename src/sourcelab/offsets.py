"""`python -m sourcelab fix-offsets`: write the start and end of every span whose text is given.

An annotator copies a sentence, a source or a cue into the text column and may leave the offsets empty or
guess them; counting characters by hand is the error-prone part. This finds each text where it stands (a
sentence in reading order, a source, cue, content or framing span inside its row's sentence) and writes the
offsets back, changing nothing else in the files. A text that is missing or stands twice in its sentence is
reported, with every start and end to choose from, and left as it is.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_text_atomic
from .cells import occurrences, unplaced
from .errors import DataError, Problem
from .readers import display_name, read_text
from .validation import ARTICLE_FILE, ATTRIBUTIONS, FRAMING, SENTENCES

SPANS = {  # file -> its span columns (start, end, text); sentences first: the others are found inside them
    SENTENCES: (("start", "end", "text"),),
    ATTRIBUTIONS: (("source_start", "source_end", "source_text"), ("cue_start", "cue_end", "cue_text"),
                   ("content_start", "content_end", "content_text")),
    FRAMING: (("start", "end", "text"),),
}


@dataclass(frozen=True)
class Change:
    file: str
    row: int
    column: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.column}: {self.before or 'empty'} -> {self.after}"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]] | None:
    if not path.is_file():
        return None
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")), [])
    return header, table


def _write(path: Path, header: list[str], table: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    write_text_atomic(path, out.getvalue())


def _fits(text: str, start: str, end: str, wanted: str) -> bool:
    return start.isdigit() and end.isdigit() and text[int(start):int(end)] == wanted and int(start) < int(end)


def fix_offsets(data_dir: Path, *, write: bool = True) -> tuple[list[Change], list[Problem]]:
    """Write the offsets of every span whose text is found once; returns what changed (or, with `write` off,
    what would change) and what could not be fixed."""
    problems: list[Problem] = []
    text = read_text(Path(data_dir) / ARTICLE_FILE, problems)
    if text is None:
        raise DataError(problems)
    changes: list[Change] = []
    sentence_spans: dict[str, tuple[int, int]] = {}
    for file, columns in SPANS.items():
        path = Path(data_dir) / file
        read = _read(path)
        if read is None:
            continue
        header, table = read
        name, changed = display_name(path), False
        after_previous = 0  # sentences are in reading order: look for each after the one before
        for number, row in enumerate(table, start=2):
            sentence = row.get("sentence", "")
            for start_col, end_col, text_col in columns:
                wanted = row.get(text_col, "")
                start, end = row.get(start_col, "").strip(), row.get(end_col, "").strip()
                if not wanted.strip():
                    continue
                if _fits(text, start, end, wanted):
                    found = int(start)
                else:
                    area = sentence_spans.get(sentence) if file != SENTENCES else (after_previous, len(text))
                    hits = occurrences(text, wanted) if area is None else [
                        h for h in occurrences(text, wanted) if area[0] <= h and h + len(wanted) <= area[1]]
                    if file == SENTENCES and hits:
                        hits = hits[:1]  # the first after the previous sentence, in reading order
                    where = f"sentence {sentence}" if file != SENTENCES and area else "the article"
                    if len(hits) != 1:
                        message, fix = unplaced(wanted, hits, where)
                        problems.append(Problem(name, number, start_col if hits else text_col, message, fix))
                        continue
                    found = hits[0]
                    new_start, new_end = str(found), str(found + len(wanted))
                    changes.append(Change(name, number, f"{start_col}/{end_col}", f"{start}..{end}".strip("."),
                                          f"{new_start}..{new_end}"))
                    row[start_col], row[end_col] = new_start, new_end
                    changed = True
                if file == SENTENCES:
                    sentence_spans[row.get("id", "")] = (found, found + len(wanted))
                    after_previous = found + len(wanted)
        if changed and write:
            _write(path, header, table)
    return changes, problems
