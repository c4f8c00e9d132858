"""`python -m sourcelab check`: exit codes and one precise line per problem."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.config import load_settings
from sourcelab.loading import load_exercises

from .conftest import DATA, edit

LINE = re.compile(r"^[^:\n]+(:\d+)?: .+, .+$")


def row_of(file: str, ident: str) -> int:
    """The spreadsheet row (header = 1) of an id in the shipped data, so expectations follow the files."""
    with open(DATA / file, encoding="utf-8", newline="") as f:
        return next(n for n, row in enumerate(csv.DictReader(f), start=2) if row["id"] == ident)


def rows_in(file: str) -> int:
    with open(DATA / file, encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


LANGUAGE_LINE = (DATA / "article.yaml").read_text(encoding="utf-8").splitlines().index("language: en") + 1


def run_check(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(folder)])
    out = capsys.readouterr().out
    return code, out.splitlines()


@pytest.mark.shipped
def test_clean_data_exits_0(capsys) -> None:
    code, lines = run_check(DATA, capsys)
    assert code == 0
    counts = [rows_in(f) for f in ("sentences.csv", "attributions.csv", "actors.csv", "framing.csv", "issues.csv",
                                    "positions.csv", "context/cards.csv", "context/dates.csv", "context/findings.csv",
                                    "context/renderings.csv")]
    assert lines == [f"{DATA}: OK ({counts[0]} sentences, {counts[1]} attributions, {counts[2]} actors, {counts[3]} "
                     f"framing marks, {counts[4]} issues, {counts[5]} positions; context: {counts[6]} cards, "
                     f"{counts[7]} dated phrases, {counts[8]} findings, {counts[9]} renderings)",
                     f"{load_settings().exercises_dir}: OK ({len(load_exercises())} exercises)",  # whatever it holds
                     passages_line(DATA)]


def passages_line(folder: Path) -> str:
    import yaml

    from sourcelab.passages import KEYS

    path = folder / "passages.yaml"
    written = len(yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else 0
    drawn = len(KEYS) - written
    return (f"passages.yaml: {written} of {len(KEYS)} passages written"
            + (f"; the other {drawn} are drawn from the annotation (docs/passages.md)" if drawn else ""))


def test_as_a_real_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "sourcelab", "check", str(DATA)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_broken_offset_unknown_label_and_dangling_via(data_copy: Path, capsys) -> None:
    edit(data_copy / "sentences.csv", "s3,2,567,668,", "s3,2,566,668,")
    text = (data_copy / "sentences.csv").read_text(encoding="utf-8")
    row6 = text.splitlines()[5]
    assert row6.startswith("s5,")
    (data_copy / "sentences.csv").write_text(text.replace(row6, row6.replace(",attributed,", ",atributed,", 1)),
                                             encoding="utf-8")
    edit(data_copy / "attributions.csv", ",indirect,a4,reports\n", ",indirect,a44,reports\n")
    code, lines = run_check(data_copy, capsys)
    assert code == 1
    name = lambda f: str(data_copy / f)  # noqa: E731 - the copy lives outside the working folder
    assert lines == [
        f"{name('sentences.csv')}:4: start: offsets 566..668 give ' Zakharova went on to deny that there h…', not "
        f"'Zakharova went on to deny that there ha…', fix start/end (the text 'Zakharova went on to deny that "
        f"there ha…' stands at start 567, end 668)",
        f"{name('sentences.csv')}:6: label: unknown value 'atributed', use one of: attributed, narration, mixed",
        f"{name('attributions.csv')}:6: via: 'a44' is not an attribution id, name the id of the attribution this "
        f"claim is reported through, or leave it empty",
    ]


@pytest.mark.parametrize("breakage, expected", [
    (lambda d: (d / "framing.csv").write_bytes(b"id,sentence,start,end,text,kind,note\nf1,s2,\xe9\n"),
     "framing.csv:2: not valid UTF-8 (byte 0xe9), save the file as UTF-8 (in a spreadsheet choose 'CSV UTF-8')"),
    (lambda d: (d / "actors.csv").unlink(),
     "actors.csv: file is missing, create actors.csv (see docs/annotation-guide.md)"),
    (lambda d: edit(d / "actors.csv", "id,name,kind,role,mentions", "id,name,kind,role"),
     "actors.csv:1: header: missing column(s) mentions, the header row must name: id,name,kind,role,mentions"),
    (lambda d: edit(d / "attributions.csv", "a2,s1,", "a1,s1,"),
     "attributions.csv:3: id: 'a1' is used twice (first on row 2), give every row its own id"),
    (lambda d: edit(d / "attributions.csv", ",indirect,a3,reports\n", ",indirect,a5,reports\n"),
     "attributions.csv:5: via: the chain from a4 loops back to a4, a chain must end at an attribution with an "
     "empty via"),
    (lambda d: edit(d / "framing.csv", "f3,s11,", "f3,s99,"),
     f"framing.csv:{row_of('framing.csv', 'f3')}: sentence: 's99' is not a known sentence, use an id from sentences.csv (s1, s2, s3, s4, s5, "
     "s6, …)"),
    (lambda d: edit(d / "actors.csv", "Maria Zakharova;Zakharova;", "Maria Sacharowa;Zakharova;"),
     "actors.csv:3: mentions: 'Maria Sacharowa' does not occur in the article, copy each mention exactly from "
     "article.txt, separated by ';'"),
    (lambda d: edit(d / "article.yaml", "language: en", "language: [en"),
     f"article.yaml:{LANGUAGE_LINE + 1}: is not valid YAML: a list in square brackets is not closed, or one of its "
     f"items holds a colon or quote (the block it belongs to starts on line {LANGUAGE_LINE}); the YAML reader says "
     "“expected ',' or ']', but got ':'”, close the list with ] on the same line, and put any item with a colon in "
     "quotes"),
    (lambda d: edit(d / "sentences.csv", "s13,8,", "s13,eight,"),
     "sentences.csv:14: paragraph: 'eight' is not a whole number, write a character offset such as 219"),
    (lambda d: (d / "sentences.csv").write_text(
        (d / "sentences.csv").read_text(encoding="utf-8")[:700], encoding="utf-8"),
     "sentences.csv:2: is not valid CSV (the file ends inside a quoted cell: is it cut short?), check the "
     "quotation marks on this line"),
    (lambda d: edit(d / "positions.csv", "p9,ukraine,war,", "p9,ukraine,warfare,"),
     "positions.csv:10: issue: 'warfare' is not in issues.csv, use an issue id from issues.csv (contact, evacuation, "
     "war, bucha, neutrality, retake)"),
    (lambda d: edit(d / "positions.csv", "p9,ukraine,war,", "p9,un,war,"),
     "positions.csv:10: issue: un already has a position on war (row 9), keep one row per party and issue"),
    (lambda d: edit(d / "positions.csv", ",s16,paraphrase,\"Paraphrased, with the cue “insists” (s16).\"",
                    ",s61,paraphrase,\"Paraphrased, with the cue “insists” (s16).\""),
     "positions.csv:10: evidence: 's61' is not a known sentence, use an id from sentences.csv (s1, s2, s3, s4, s5, "
     "s6, …)"),
    (lambda d: edit(d / "positions.csv", ",,,absent,Ukraine plays no part", ",Yes,,absent,Ukraine plays no part"),
     "positions.csv:4: stance: a position the article does not convey has no stance, clear stance, or choose how "
     "the article conveys it"),
    (lambda d: edit(d / "positions.csv", ",s16,paraphrase,\"Paraphrased, with the cue “has denied”",
                    ",s16,quoted,\"Paraphrased, with the cue “has denied”"),
     "positions.csv:19: conveyed: unknown value 'quoted', use one of: own words, paraphrase, reported by another "
     "party, narration only, absent"),
    (lambda d: edit(d / "actors.csv", "Stéphane Dujarric;Dujarric\",un\n", "Stéphane Dujarric;Dujarric\",unn\n"),
     "actors.csv:5: party: 'unn' is not a known actor, use an id from actors.csv"),
    (lambda d: edit(d / "actors.csv", "Stéphane Dujarric;Dujarric\",un\n", "Stéphane Dujarric;Dujarric\",\n"),
     "actors.csv:5: party: dujarric is a source but belongs to no party, write the actor id of the side it speaks "
     "for (its own id if it is a party itself)"),
    (lambda d: edit(d / "positions.csv", "p9,ukraine,war,", "p9,guterres,war,"),
     "positions.csv:10: actor: 'guterres' is not a party, use one of the parties named in the party column of "
     "actors.csv (russian_government, ukraine, un)"),
    (lambda d: edit(d / "attributions.csv", "a6,s3,zakharova,567,576,", "a6,s3,zakharova,568,577,"),
     "attributions.csv:7: source_start: offsets 568..577 give 'akharova ', not 'Zakharova', fix "
     "source_start/source_end (the text 'Zakharova' stands at start 567, end 576)"),
    (lambda d: edit(d / "sentences.csv", "Mixed: “the mass killings", "Perhaps: “the mass killings"),
     "sentences.csv:12: debatable: must start with the other defensible label and a colon, write e.g. 'Mixed: "
     "why' using a label other than attributed (attributed, narration, mixed)"),
    (lambda d: edit(d / "sentences.csv", "s16,9,2495,2631,", "s16,9,2495,"),
     "sentences.csv:17: has 11 cells but the header has 12, check for a missing or extra comma, or an unclosed "
     "quotation mark"),
    (lambda d: edit(d / "sentences.csv", ",\"Both: the quotation begins", ",\"Direct: the quotation begins"),
     "sentences.csv:7: quote_debatable: must start with the other defensible quotation type and a colon"),
    (lambda d: edit(d / "attributions.csv", ",a19,denies\n", ",a19,rebuts\n"),
     f"attributions.csv:{row_of('attributions.csv', 'a20')}: relation: unknown value 'rebuts', use one of: reports, "
     "denies (empty means reports)"),
    (lambda d: edit(d / "attributions.csv", ",a19,denies\n", ",,denies\n"),
     f"attributions.csv:{row_of('attributions.csv', 'a20')}: relation: is 'denies' but via is empty"),
    (lambda d: edit(d / "framing.csv", ",disputed,s16\n", ",disputed,\n"),
     f"framing.csv:{row_of('framing.csv', 'f7')}: cite: a row whose status is 'disputed' states a fact and must say "
     "where it is shown"),
    (lambda d: edit(d / "framing.csv", ",disputed,s16\n", ",established,s16\n"),
     f"framing.csv:{row_of('framing.csv', 'f7')}: cite: a row whose status is 'established' needs a source outside "
     "the article"),
    (lambda d: edit(d / "framing.csv", ",disputed,s16\n", ",proven,s16\n"),
     f"framing.csv:{row_of('framing.csv', 'f7')}: status: unknown value 'proven', use one of: disputed, contested, "
     "established"),
    (lambda d: edit(d / "framing.csv", ",established,ohchr-2022-04-22;", ",established,ohchr-2022-04-23;"),
     f"framing.csv:{row_of('framing.csv', 'f4')}: cite: 'ohchr-2022-04-23' is neither a reference nor a sentence id"),
    (lambda d: edit(d / "references.csv", ",2022-04-20,https://press.un.org", ",20/04/2022,https://press.un.org"),
     f"references.csv:{row_of('references.csv', 'un-2022-04-20')}: date: '20/04/2022' is not a date written "
     "YYYY-MM-DD"),
    (lambda d: edit(d / "references.csv", ",2022-04-20,https://press.un.org", ",2022-04-31,https://press.un.org"),
     f"references.csv:{row_of('references.csv', 'un-2022-04-20')}: date: '2022-04-31' is not a real date"),
    (lambda d: edit(d / "references.csv", ",https://press.un.org/", ",press.un.org/"),
     f"references.csv:{row_of('references.csv', 'un-2022-04-20')}: url: 'press.un.org/en/2022/db220420.doc.htm' is not"
     " a web address"),
    (lambda d: edit(d / "article.yaml", "  published: 2022-04-19", "  published: 19 April 2022"),
     "article.yaml: origin.published: '19 April 2022' is not a date written YYYY-MM-DD"),
    (lambda d: edit(d / "article.yaml", "  outlet: ", "  seller: "),
     "article.yaml: origin.outlet: is missing"),
    (lambda d: edit(d / "article.yaml", "    - rt-2022-04-19", "    - rt-2022-04-18"),
     "article.yaml: origin.cite: 'rt-2022-04-18' is not in references.csv"),
])
def test_each_problem_is_named_with_file_row_and_fix(data_copy: Path, capsys, breakage, expected: str) -> None:
    breakage(data_copy)
    code, lines = run_check(data_copy, capsys)
    assert code == 1
    assert any(expected in line for line in lines), "\n".join(lines)
    assert all(LINE.match(line) for line in lines), lines


def test_a_folder_that_does_not_exist(tmp_path: Path, capsys) -> None:
    code, lines = run_check(tmp_path / "nowhere", capsys)
    assert code == 1
    assert lines == [f"{tmp_path / 'nowhere'}: is not a folder, give the folder that holds article.txt and the CSV files"]


def test_a_copied_folder_with_a_new_text_keeps_no_old_id(data_copy: Path, capsys) -> None:
    """article.yaml's text_sha256 ties the id to the text: a copied data folder given another article's text is
    refused before the class report can mix the two articles' submissions under one id."""
    (data_copy / "article.txt").write_text("A different article.\nIt has two paragraphs.", encoding="utf-8")
    code, lines = run_check(data_copy, capsys)
    assert code == 1
    assert f"{data_copy / 'article.yaml'}: text_sha256: does not match article.txt, so id '000_60bc1e2d289d0d32' " \
           "belongs to another text (was this folder copied?), for a new article, give it a new id and remove " \
           "text_sha256" in "\n".join(lines)
