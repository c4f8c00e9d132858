"""Spans by their text, not by counting: check finds a span given only by its text, says where it stands,
and `fix-offsets` writes the start and end into the file without changing anything else."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from sourcelab.cli import main
from sourcelab.loading import load_annotation

from .conftest import DATA
from .test_check import LINE, row_of


def blank(path: Path, ident: str, *columns: str, value: str = "") -> None:
    """Set some offset cells of one row (empty by default), keeping the rest of the file as it is."""
    with open(path, encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    for row in table:
        if row["id"] == ident:
            row.update({column: value for column in columns})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_a_span_given_by_its_text_loads_and_check_says_where_it_stands(data_copy: Path, capsys) -> None:
    shipped = load_annotation(DATA)
    blank(data_copy / "sentences.csv", "s3", "start", "end")
    blank(data_copy / "attributions.csv", "a6", "source_start", "source_end")
    annotation = load_annotation(data_copy)  # the lessons run on it as it is
    assert annotation.sentence("s3").span == shipped.sentence("s3").span
    assert annotation.attribution("a6").source == shipped.attribution("a6").source
    assert main(["check", str(data_copy)]) == 0
    out = capsys.readouterr().out
    s3, a6 = shipped.sentence("s3").span, shipped.attribution("a6").source
    assert (f"note: {data_copy / 'sentences.csv'}:{row_of('sentences.csv', 's3')}: start/end: empty -> "
            f"{s3.start}..{s3.end}") in out
    assert (f"note: {data_copy / 'attributions.csv'}:{row_of('attributions.csv', 'a6')}: source_start/source_end: "
            f"empty -> {a6.start}..{a6.end}") in out
    assert "fix-offsets" in out


def test_fix_offsets_writes_them_and_changes_nothing_else(data_copy: Path, capsys) -> None:
    blank(data_copy / "sentences.csv", "s3", "start", "end")
    blank(data_copy / "sentences.csv", "s5", "start", "end", value="0")  # a wrong guess, "0", "0"
    blank(data_copy / "framing.csv", "f4", "start", "end")
    assert main(["check", str(data_copy)]) == 1  # the wrong guess is an error: it names start AND end
    wrong = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(data_copy / "sentences.csv"))]
    s5 = load_annotation(DATA).sentence("s5").span
    assert len(wrong) == 1 and LINE.match(wrong[0]) and f"stands at start {s5.start}, end {s5.end}" in wrong[0]
    assert main(["fix-offsets", str(data_copy)]) == 0
    assert "3 span(s) fixed, 0 left to fix by hand" in capsys.readouterr().err
    for name in ("sentences.csv", "attributions.csv", "framing.csv"):
        assert (data_copy / name).read_bytes() == (DATA / name).read_bytes(), name


def test_a_text_that_stands_twice_in_its_sentence_lists_both_places(data_copy: Path, capsys) -> None:
    annotation = load_annotation(DATA)
    repeated = next((a, word) for a in annotation.attributions for word in ("the", "of", "to")
                    if annotation.sentence(a.sentence).text.count(f" {word} ") >= 2)
    attribution, word = repeated
    blank(data_copy / "attributions.csv", attribution.id, "cue_start", "cue_end")
    blank(data_copy / "attributions.csv", attribution.id, "cue_text", value=word)
    assert main(["check", str(data_copy)]) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if ": cue_start: " in line)
    assert f"'{word}' occurs" in line and f"in sentence {attribution.sentence} (start " in line and " end " in line
    assert main(["fix-offsets", str(data_copy)]) == 1  # left for a person to choose, and said so
    assert "left to fix by hand" in capsys.readouterr().err
