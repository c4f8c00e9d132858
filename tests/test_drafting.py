"""`python -m sourcelab sentences`: a new article's sentences.csv drafted with pysbd, for a person to label."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from sourcelab.cli import main
from sourcelab.drafting import draft_sentences
from sourcelab.validation import SENTENCE_COLUMNS

from .conftest import DATA

FILLED = ("id", "paragraph", "start", "end", "text")  # what the draft fills in; the rest is the person's call


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_draft_of_the_seed_article_matches_its_annotation(annotation) -> None:
    draft = rows(draft_sentences(annotation.text))
    with (DATA / "sentences.csv").open(encoding="utf-8", newline="") as f:
        shipped = list(csv.DictReader(f))
    assert [{k: r[k] for k in FILLED} for r in draft] == [{k: r[k] for k in FILLED} for r in shipped]
    assert all(not r[k] for r in draft for k in SENTENCE_COLUMNS if k not in FILLED)


def test_offsets_cut_each_sentence_out_of_any_article() -> None:
    text = ("Dr. Smith said the vote was “not over. Not yet.” Officials disagreed.\n"
            "A second paragraph, with no quotes at all.")
    draft = rows(draft_sentences(text))
    assert [text[int(r["start"]):int(r["end"])] for r in draft] == [r["text"] for r in draft]
    assert [r["paragraph"] for r in draft] == ["1", "1", "2"]  # the quotation with full stops stays whole
    assert draft[0]["text"].endswith("“not over. Not yet.”")


def test_the_command_writes_a_draft_that_check_then_asks_to_complete(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "my-article"
    folder.mkdir()
    for name in ("article.txt", "article.yaml", "actors.csv", "attributions.csv"):
        shutil.copy(DATA / name, folder / name)
    assert main(["sentences", str(folder / "article.txt"), "--out", str(folder / "sentences.csv")]) == 0
    assert "wrote 16 sentence(s)" in capsys.readouterr().out
    assert main(["check", str(folder)]) == 1
    assert "sentences.csv:2: label: is empty, fill it in" in capsys.readouterr().out


def test_an_existing_file_is_never_overwritten(tmp_path: Path, capsys) -> None:
    out = tmp_path / "sentences.csv"
    out.write_text("my work\n", encoding="utf-8")
    assert main(["sentences", str(DATA / "article.txt"), "--out", str(out)]) == 1
    assert "already exists and is not overwritten" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my work\n"


def test_an_article_that_is_not_utf8_is_named_with_its_line(tmp_path: Path, capsys) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes("First line.\nCaf\xe9 second.\n".encode("latin-1"))
    assert main(["sentences", str(article)]) == 1
    err = capsys.readouterr().err
    assert "article.txt:2: not valid UTF-8 (byte 0xe9)" in err and "Traceback" not in err
