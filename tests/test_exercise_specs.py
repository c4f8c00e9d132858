"""`check` also validates exercises/*.yaml: each problem as file:line: what is wrong, how to fix it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcelab.cli import main
from sourcelab.exercises import type_names
from sourcelab.exercises.spec import COMMON_FIELDS

from .conftest import DATA, ROOT, edit
from .test_check import LINE

YAML = "01_who_is_speaking_part1.yaml"  # source-and-cue, quote-type, reporting-verbs
CLASSIFY_YAML = "01_who_is_speaking_part2.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "exercises"  # the tests' own files: instructors edit exercises/ freely


@pytest.fixture
def exercises_copy(tmp_path: Path) -> Path:
    target = tmp_path / "exercises"
    shutil.copytree(FIXTURES, target)
    return target


def check(folder: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", str(DATA), "--exercises", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("name, old, new, marker, expected", [
    (YAML, "    type: quote-type\n", "    type: quote-kind\n", "type: quote-kind",
     f"unknown type 'quote-kind' in exercise 'quote-type', use one of: {', '.join(type_names())}"),
    (YAML, "    sentences: [s5, s6, s9, s11, s12, s15]\n", "    sentences: [s5, s6, s9, s99]\n", "s99",
     "exercise 'source-and-cue' names sentence 's99', which does not exist in sentences.csv, use ids from s1 to s16"),
    (YAML, "    title: Find the source and the cue\n", "", "id: source-and-cue",
     "exercise 'source-and-cue' has no 'title', add 'title: ...'"),
    (YAML, "    hint: >\n      Follow the quotation marks.", "    hnit: >\n      Follow the quotation marks.", "hnit:",
     "unknown field 'hnit' in exercise 'quote-type', check the spelling; allowed fields: "
     f"{', '.join(COMMON_FIELDS)}, sentences, options, feedback"),
    (YAML, "    sentences: [s2, s5, s6", "    sentences: [s13, s5, s6", "sentences: [s13",
     "exercise 'quote-type' asks for the quotation type of s13, which quotes no one, choose a sentence whose "
     "quote column is direct, indirect or both"),
    (CLASSIFY_YAML, "      mixed: partly reported, partly the writer's own claim\n", "", "    options:",
     "exercise 'classify-sentences' needs 'options' with exactly: attributed, narration, mixed"),
    (YAML, "  - id: quote-type\n", "  - id: classify-sentences\n", "  - id: classify-sentences",
     "exercise id 'classify-sentences' is already used in"),
    (YAML, "            correct: true\n            feedback: >\n              \"Told\"",
     "            correct: yes please\n            feedback: >\n              \"Told\"", "correct: yes please",
     "'correct' in question 'told' must be true or false, write 'correct: true' on the right option only"),
])
def test_each_yaml_problem_is_named_with_its_line(exercises_copy: Path, capsys, name, old, new, marker,
                                                  expected) -> None:
    path = exercises_copy / name
    edit(path, old, new)
    code, lines = check(exercises_copy, capsys)
    assert code == 1
    assert all(LINE.match(line) for line in lines), lines
    hits = [line for line in lines if expected in line]
    assert hits, "\n".join(lines)
    if "already used" not in expected:
        occurrences = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if marker in line]
        assert any(hits[0].startswith(f"{path}:{n}: ") for n in occurrences), (hits[0], occurrences)


def test_show_answer_must_be_true_or_false(exercises_copy: Path, capsys) -> None:
    path = exercises_copy / CLASSIFY_YAML
    edit(path, "    show_answer: true\n", "    show_answer: maybe\n")
    code, lines = check(exercises_copy, capsys)
    assert code == 1
    assert lines == [f"{path}:{line_of(path, 'show_answer: maybe')}: 'show_answer' of exercise 'classify-sentences' "
                     "must be true or false, write 'show_answer: false' to hide answers for graded use"]


def test_broken_yaml_and_wrong_encoding(exercises_copy: Path, capsys) -> None:
    path = exercises_copy / YAML
    edit(path, "    title: Direct, indirect or both?\n", "    title: [Direct, indirect or both?\n")
    (exercises_copy / "02_extra.yaml").write_bytes("exercises:\n  - id: caf\xe9\n".encode("latin-1"))
    code, lines = check(exercises_copy, capsys)
    assert code == 1 and len(lines) == 2
    assert lines[0] == (f"{path}:{line_of(path, 'title: [Direct')}: is not valid YAML: a list in square brackets is "
                        "not closed, or one of its items holds a colon or quote; the YAML reader says “expected ',' "
                        "or ']', but got '?'”, close the list with ] on the same line, and put any item with a colon "
                        "in quotes")
    assert lines[1] == (f"{exercises_copy / '02_extra.yaml'}:2: not valid UTF-8 (byte 0xe9), save the file as UTF-8 "
                        "text (most editors offer it)")


def test_lesson_must_match_the_file_name(exercises_copy: Path, capsys) -> None:
    path = exercises_copy / YAML
    edit(path, "lesson: 01_who_is_speaking_part1\n", "lesson: lesson-one\n")
    code, lines = check(exercises_copy, capsys)
    assert code == 1 and lines == [
        f"{path}:{line_of(path, 'lesson: lesson-one')}: 'lesson' is 'lesson-one' but the file is named {YAML}, write "
        "'lesson: 01_who_is_speaking_part1' (the lesson is the file's name) or rename the file"]


def test_a_missing_exercises_folder_is_reported(tmp_path: Path, capsys) -> None:
    code, lines = check(tmp_path / "nowhere", capsys)
    assert code == 1 and lines == [f"{tmp_path / 'nowhere'}: exercises folder is missing, create it, or point "
                                   "SOURCELAB_EXERCISES at the folder with your .yaml files"]


@pytest.mark.parametrize("old, new, expected", [
    ("    show_answer: true\n    attribution: a5\n", "    show_answer: true\n    attribution: a3\n",
     "exercise 'chain-order' starts at 'a3', which is not reported through anyone, choose an attribution whose via "
     "column is filled"),
    ("    show_answer: true\n    attribution: a5\n", "    show_answer: true\n    attribution: a55\n",
     "exercise 'chain-order' names attribution 'a55', which does not exist in attributions.csv"),
    ("        position: p4\n", "        position: p44\n",
     "claim 'proposal' names position 'p44', which does not exist in positions.csv, use an id from positions.csv"),
    ("        attribution: a16\n", "        attribution: a16\n        position: p10\n",
     "claim 'staged' needs either 'attribution' or 'position', give exactly one of them"),
])
def test_lesson_2_problems(exercises_copy: Path, capsys, old: str, new: str, expected: str) -> None:
    path = exercises_copy / "02_tracing_the_chain.yaml"
    edit(path, old, new)
    code, lines = check(exercises_copy, capsys)
    assert code == 1 and len(lines) == 1 and lines[0].startswith(f"{path}:") and expected in lines[0], lines


def test_lesson_3_problems(exercises_copy: Path, capsys) -> None:
    path = exercises_copy / "03_comparing_positions.yaml"
    edit(path, "    issues: [contact, evacuation, war, neutrality, retake]\n", "    issues: [war, war]\n")
    edit(path, "        find: answer-missing\n", "        find: narration-only\n")
    code, lines = check(exercises_copy, capsys)
    assert code == 1 and lines == [
        f"{path}:{line_of(path, 'issues: [war, war]')}: exercise 'position-matrix' lists an issue twice, list each "
        "issue once"]
    edit(path, "      - id: answer-missing\n", "      - id: narration-only\n")
    code, lines = check(exercises_copy, capsys)
    assert lines[-1] == (f"{path}:{line_of(path, '    questions:')}: exercise 'spot-issues' uses a question id "
                         "twice, give each question its own id")


def test_a_pattern_no_issue_shows_is_caught_before_grading(exercises_copy: Path, tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit(data / "positions.csv", ",s13,narration only,", ",s13,paraphrase,")
    code = main(["check", str(data), "--exercises", str(exercises_copy)])
    lines = capsys.readouterr().out.splitlines()
    path = exercises_copy / "03_comparing_positions.yaml"
    assert code == 1 and lines == [
        f"{path}:{line_of(path, 'find: narration-only')}: question 'narration-only' asks to find 'narration-only', "
        "but no issue in positions.csv shows it, change the question, or the positions it is about"]


def test_a_file_without_exercises(exercises_copy: Path, capsys) -> None:
    (exercises_copy / "02_empty.yaml").write_text("title: nothing here\n", encoding="utf-8")
    code, lines = check(exercises_copy, capsys)
    assert code == 1
    assert lines == [f"{exercises_copy / '02_empty.yaml'}:1: the file needs a list called 'exercises', start with "
                     "'exercises:' and list each exercise under it with '- id: ...'"]


def test_a_file_that_does_not_parse_hides_no_other_file_and_is_explained(exercises_copy: Path, capsys) -> None:
    broken, other = exercises_copy / YAML, exercises_copy / "02_tracing_the_chain.yaml"
    edit(broken, "    title: Find the source and the cue\n", "    title: Find the source and the cue\n   prompt2: x\n")
    edit(other, "    show_answer: true\n    attribution: a5\n", "    show_answer: true\n    attribution: a55\n")
    (exercises_copy / "03_tabs.yaml").write_text("exercises:\n\t- id: x\n", encoding="utf-8")
    code, lines = check(exercises_copy, capsys)
    assert code == 1 and len(lines) == 3 and all(LINE.match(line) for line in lines), lines
    by_file = {line.split(":", 1)[0]: line for line in lines}
    assert "is not valid YAML: this line is indented differently from the lines around it" in by_file[str(broken)]
    assert "names attribution 'a55'" in by_file[str(other)]  # checked although another file does not parse
    assert "a tab is used to indent" in by_file[str(exercises_copy / "03_tabs.yaml")]


def test_libyaml_reads_every_file_as_pyyamls_own_parser_does(monkeypatch) -> None:
    """The C parser (when installed) reads the kit's YAML for speed; what it gives must not differ, line numbers
    included, from PyYAML's parser, which still reports every file that has a problem."""
    import yaml

    from sourcelab.exercises.yamlspec import read_spec
    from sourcelab.readers import read_yaml

    def read_all() -> list:
        found = []
        for path in sorted([*ROOT.glob("exercises/*.yaml"), *FIXTURES.glob("*.yaml"), *DATA.rglob("*.yaml")]):
            spec = "exercises" in path.parts
            doc = read_spec(path, []) if spec else read_yaml(path, [])
            lines = [(m.line, m.key_lines) for m in doc["exercises"]] if spec else None
            found.append((path, doc, lines))
        return found

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml: only its own parser is used")
    fast = read_all()
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert read_all() == fast
