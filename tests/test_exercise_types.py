"""A new exercise type is one module plus one registration (docs/developing.md): this test writes a toy
type in the test itself and shows that `check`, `exercises`, `grade` and the widgets all know it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sourcelab import show_exercise
from sourcelab.cli import main
from sourcelab.exercises import Exercise, ExerciseType, Item, ItemResult, register, type_names, unregister
from sourcelab.exercises.spec import COMMON_FIELDS, VIEW_KINDS, SentencesParams
from sourcelab.widgets.choice import ChoiceView

from .conftest import DATA

# --- the toy type: one module's worth ----------------------------------------------------------------------


class QuotesOrNot(Exercise):
    """For each sentence: does it contain a quotation mark? (The key comes from the text itself.)"""

    def _items(self) -> list[Item]:
        return [Item(sid, self.annotation.sentence(sid).text, ("yes", "no"), sid) for sid in self.params.sentences]

    def reference_answers(self) -> dict[str, Any]:
        return {i.id: "yes" if "“" in self.annotation.sentence(i.id).text else "no" for i in self.items}

    def reference_text(self, item: Item) -> str:
        return f"The answer is {self.reference_answers()[item.id]}."

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        right = self.check_choice(item, value) == self.reference_answers()[item.id]
        return ItemResult(item.id, right, float(right), True, "Right." if right else "Look for “ and ”.", answer)


TOY = ExerciseType("quotes-or-not", ("sentences",),
                   lambda reader, node, where: SentencesParams(reader.sentence_ids(node, where)), QuotesOrNot, "choice")

TOY_YAML = """lesson: 09_toy
exercises:
  - id: toy
    type: quotes-or-not
    title: Quotation marks?
    prompt: Does the sentence contain a quotation mark?
    hint: Look for “ and ”.
    sentences: [s4, s13]
"""


@pytest.fixture
def toy_folder(tmp_path: Path, monkeypatch) -> Path:
    register(TOY)  # the one registration line a real type adds to exercises/registry.py
    folder = tmp_path / "exercises"
    folder.mkdir()
    (folder / "09_toy.yaml").write_text(TOY_YAML, encoding="utf-8")
    monkeypatch.setenv("SOURCELAB_EXERCISES", str(folder))
    yield folder
    unregister(TOY.name)


def test_check_reads_and_checks_the_new_type(toy_folder: Path, capsys) -> None:
    assert main(["check", str(DATA), "--exercises", str(toy_folder)]) == 0
    assert any(line.endswith("OK (1 exercises)") for line in capsys.readouterr().out.splitlines())
    (toy_folder / "09_toy.yaml").write_text(TOY_YAML.replace("[s4, s13]", "[s4, s99]").replace(
        "    hint:", "    colour: red\n    hint:"), encoding="utf-8")
    assert main(["check", str(DATA), "--exercises", str(toy_folder)]) == 1
    out = capsys.readouterr().out
    assert ("unknown field 'colour' in exercise 'toy', check the spelling; allowed fields: "
            f"{', '.join(COMMON_FIELDS)}, sentences") in out  # the common fields, then the ones the type declares
    assert "names sentence 's99', which does not exist" in out


def test_exercises_lists_it(toy_folder: Path, capsys) -> None:
    assert main(["exercises", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"id": "toy", "lesson": "09_toy", "type": "quotes-or-not", "items": 2, "title": "Quotation marks?"}]


def test_grade_grades_it(toy_folder: Path, tmp_path: Path, capsys) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {"s4": "yes", "s13": "yes"}}), encoding="utf-8")
    assert main(["grade", "toy", str(answers)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["score"], result["max_score"]) == (1, 2)
    assert [i["correct"] for i in result["items"]] == [True, False]


def test_the_widgets_show_it(toy_folder: Path) -> None:
    view = show_exercise("toy", record=False)
    assert isinstance(view, ChoiceView) and list(view.choosers) == ["s4", "s13"]
    view.choose("s13", "no")
    assert "Right." in view.feedback["s13"].value and "Score: 1 / 2" in view.score.value


def test_a_type_names_a_known_view_and_leaves_when_unregistered() -> None:
    with pytest.raises(ValueError, match="is not one of"):
        ExerciseType("bad", (), TOY.read, QuotesOrNot, "sliders")
    from sourcelab.widgets import VIEWS

    assert set(VIEW_KINDS) == set(VIEWS)  # every family a type may name has its widget
    register(TOY)
    try:
        assert "quotes-or-not" in type_names()
    finally:
        unregister(TOY.name)
    assert "quotes-or-not" not in type_names()
