"""Exercise widgets driven from Python as a student drives them: choose, click, read the feedback."""
from __future__ import annotations

import dataclasses
import json
import tempfile
from html import escape
from pathlib import Path

import ipywidgets
import pytest

from sourcelab import answer_key, load_course, show_exercise, show_passage, solve
from sourcelab.errors import UnknownExerciseError
from sourcelab.exercises.base import NOT_ANSWERED_FEEDBACK
from sourcelab.loading import load_exercises
from sourcelab.widgets import view_for
from sourcelab.widgets.choice import LONG_OPTION, MANY_OPTIONS, ChoiceView
from sourcelab.widgets.grid import GridView
from sourcelab.widgets.source_cue import SourceCueView


def text_of(html_widget) -> str:
    return html_widget.value.split("</style>", 1)[-1]


def first_item(view, label: str) -> str:
    """The first item of a classify view whose reference label is `label` (and has no other defensible one)."""
    annotation = view.exercise.annotation
    return next(i.id for i in view.exercise.items if annotation.sentence(i.id).label == label
                and annotation.sentence(i.id).alternative_label is None)


def test_choosing_a_label_gives_feedback_at_once() -> None:
    view = show_exercise("classify-sentences")
    assert isinstance(view, ChoiceView) and "sl-exercise-classify-sentences" in view._dom_classes
    assert all(c.value is None for c in view.choosers.values())
    narration, attributed = first_item(view, "narration"), first_item(view, "attributed")
    view.choosers[narration].value = "narration"
    explanation = view.exercise.annotation.sentence(narration).explanation
    assert 'sl-feedback-right' in view.feedback[narration].value and escape(explanation[:30]) in view.feedback[narration].value
    view.choosers[attributed].value = "narration"
    feedback = text_of(view.feedback[attributed])
    assert "sl-feedback-wrong" in feedback and "Not quite." in feedback
    assert escape(view.exercise.params.feedback["attributed"]["narration"]) in feedback  # the YAML's own text
    assert "The reference answer" not in feedback  # not before the student asks
    total = len(view.exercise.items)
    assert f"Score: 1 / {total} (1 right, 2 of {total} answered); attempt 1" in view.score.value


def test_hint_retry_and_show_answers(annotation) -> None:
    shipped = load_exercises(annotation=annotation)["classify-sentences"]
    revealing = dataclasses.replace(shipped.spec, show_answer=True)  # whether or not the YAML hides answers
    view = view_for(type(shipped)(revealing, annotation))
    assert view.answer_button.disabled  # nothing to reveal before a first attempt
    view.hint_button.click()
    assert escape(view.exercise.spec.hint) in view.hint.value
    narration, attributed = first_item(view, "narration"), first_item(view, "attributed")
    unanswered = next(i.id for i in view.exercise.items if i.id not in (narration, attributed))
    view.choose(narration, "narration")
    view.choose(attributed, "narration")
    assert not view.answer_button.disabled
    view.answer_button.click()
    assert "The reference answer is “attributed”" in view.feedback[attributed].value
    unanswered_feedback = view.feedback[unanswered].value
    assert NOT_ANSWERED_FEEDBACK in unanswered_feedback and "The reference answer" in unanswered_feedback
    view.retry_button.click()
    assert view.choosers[attributed].value is None and view.choosers[narration].value == "narration"  # right ones stay
    assert view.feedback[attributed].value == "" and "attempt 2" in view.score.value
    assert f"Score: 1 / {len(view.exercise.items)}" in view.score.value


def test_show_answers_can_be_switched_off_for_graded_use(annotation) -> None:
    exercise = load_exercises(annotation=annotation)["quote-type"]
    graded = dataclasses.replace(exercise.spec, show_answer=False)
    view = view_for(type(exercise)(graded, annotation))
    assert not any(view.answer_button in getattr(child, "children", ()) for child in view.children)
    first = view.exercise.items[0].id
    view.choose(first, "direct")
    view.show_answers()
    assert "The reference answer" not in view.feedback[first].value


def test_long_options_become_radio_buttons() -> None:
    view = show_exercise("reporting-verbs")
    for question in view.exercise.params.questions:
        chooser = view.choosers[question.id]
        long = any(len(o.text) > LONG_OPTION for o in question.options) and len(question.options) <= MANY_OPTIONS
        assert (chooser.__class__.__name__ == "RadioButtons") == long
        wrong = next(o for o in question.options if not o.correct)
        chooser.value = wrong.text
        assert escape(wrong.feedback) in view.feedback[question.id].value  # the YAML's own text


def test_marking_source_and_cue_in_the_running_sentence() -> None:
    view = show_exercise("source-and-cue")
    assert isinstance(view, SourceCueView)
    item = view.exercise.items[0].id
    sentence = view.exercise.annotation.sentence(item)
    text = view.texts[item]
    assert "".join(t for t, _ in text.tokens) == sentence.text  # punctuation and spacing as the article has them
    assert [t for t, i in text.tokens if i >= 0] == [w.text for w in view.exercise.words(item)]
    key = view.exercise.reference_answers()[item]
    source, cue = key["source"], key["cue"]  # word numbers, as the reference answer gives them
    text.point(source)  # a drag across the source (the mode starts on "source")
    assert text.marks == {str(i): "source" for i in source}
    view.modes[item].value = "cue"
    for index in cue:
        text.point([index])  # one click per word
    assert {k for k, v in text.marks.items() if v == "cue"} == {str(i) for i in cue}
    check = next(w for w in view.children[1].children if f"sl-check-{item}" in w._dom_classes)
    check.click()
    assert "sl-feedback-right" in view.feedback[item].value and "Right" in view.feedback[item].value
    text.point([cue[0]])  # a second click unmarks
    assert str(cue[0]) not in text.marks and view.selection(item)["cue"] == cue[1:]
    view.modes[item].value = "source"
    text.point(source, "mark")  # shift+arrow marks on, and never unmarks what is marked already
    assert view.selection(item)["source"] == source
    text.point([cue[-1]] + source, "mark")  # a cue word marked as source instead
    assert view.selection(item)["source"] == sorted({*source, cue[-1]})


def test_the_sentence_widget_ignores_what_no_click_could_send() -> None:
    view = show_exercise("source-and-cue", record=False)
    item = view.exercise.items[0].id
    text = view.texts[item]
    for content in ({"words": [999], "action": "toggle"}, {"words": ["1"], "action": "toggle"},
                    {"words": [True], "action": "toggle"}, {"words": [1], "action": "delete"}, ["junk"], None):
        text._received(text, content, [])
    assert view.marks[item] == {} and text.marks == {}


def test_checking_with_nothing_marked_asks_for_a_mark() -> None:
    view = show_exercise("source-and-cue")
    item = view.exercise.items[-1].id
    view.check(item)
    assert "Mark at least one word first." in view.feedback[item].value


def test_listeners_hear_every_answer() -> None:
    heard = []
    view = show_exercise("quote-type")
    first = view.exercise.items[0].id
    right = view.exercise.reference_answers()[first]
    view.listeners.append(lambda v, item_id, value, result: heard.append((v.exercise.id, item_id, value,
                                                                          result and result.correct, v.attempts)))
    view.choose(first, right)
    view.retry()
    assert heard == [("quote-type", first, right, True, 1),  # right answers survive a retry
                     ("quote-type", None, None, None, 2)]


def test_an_exercise_left_out_of_the_files_shows_a_notice_and_the_lesson_goes_on() -> None:
    first = next(iter(load_exercises()))
    notice = show_exercise("spot-bias")
    assert "sl-missing-exercise" in notice._dom_classes
    assert escape(f"unknown exercise 'spot-bias', choose one of: {first}") in notice.value
    view, result = solve("spot-bias")  # a solution notebook for a dropped exercise: nothing to assert
    assert view is not None and result.max_score == 0 and result.full_marks
    assert answer_key("spot-bias").empty
    with pytest.raises(UnknownExerciseError, match="unknown exercise 'spot-bias'"):
        load_course().exercise("spot-bias")  # code and the command line still get the error


def test_solve_answers_through_the_widget_and_grades_what_it_holds() -> None:
    for exercise_id, exercise in load_exercises().items():
        view, result = solve(exercise_id)
        if not exercise.graded:  # free text: its examples are written in, and nothing is marked
            assert view.answers == exercise.examples() and not any(i.correct for i in result.items), exercise_id
            continue
        assert view.answers and result.full_marks and result.max_score == len(exercise.items), exercise_id


def test_chain_order_shows_labels_and_grades_ids() -> None:
    view = show_exercise("chain-order")
    chooser = view.choosers["step-1"]
    assert ("Stéphane Dujarric: “replied in the affirmative”", "a5") in list(zip(chooser._options_labels,
                                                                                  chooser._options_values))
    view.choose("step-1", "a5")
    assert "sl-feedback-right" in view.feedback["step-1"].value
    assert "The claim starts with Stéphane Dujarric" in view.feedback["step-1"].value


def test_trace_claims_names_sources_by_name() -> None:
    view = show_exercise("trace-claims")
    exercise = view.exercise
    claim = next(c for c in exercise.params.claims if c.attribution and len(exercise.annotation.chain(c.attribution)) > 1
                 and not exercise.annotation.attribution(c.attribution).denied)
    origin, passer = (exercise.annotation.chain(claim.attribution)[n].actor for n in (0, 1))
    labels = view.choosers[f"{claim.id}-source"]._options_labels
    assert exercise.annotation.actor(origin).name in labels and exercise.annotation.actor(passer).name in labels
    view.choose(f"{claim.id}-source", passer)
    assert "not who made it first" in view.feedback[f"{claim.id}-source"].value


def test_the_chain_diagram_waits_until_the_exercise_is_answered_or_asked_for() -> None:
    from sourcelab import show_chains

    view = show_exercise("chain-order", record=False)
    held = show_chains(for_exercise="chain-order", after=view)
    assert not held.revealed and "appears once you have answered every item" in held.waiting.value
    items = list(view.exercise.reference_answers().items())
    for item_id, value in items[:-1]:
        view.set_answer(item_id, value)
    assert not held.revealed  # one item left: the diagram would give it away
    view.set_answer(*items[-1])
    assert held.revealed and held.children == (held.content,)
    pressed = show_chains(for_exercise="chain-order", after=show_exercise("chain-order", record=False))
    pressed.button.click()
    assert pressed.revealed  # a student may ask for it, to check or to give up


def test_the_matrix_is_one_grid_answered_in_place() -> None:
    view = show_exercise("position-matrix", record=False)
    assert isinstance(view, GridView)
    grid = view.grid
    body = next(c for c in view.children if "sl-grid" in c._dom_classes)
    # headings, then per row: its heading and one cell per party
    assert len(body.children) == (1 + len(grid.columns)) * (1 + len(grid.rows))
    assert [text_of(h) for h in body.children[1:1 + len(grid.columns)]] == [
        f'<div class="sl-grid-head">{escape(c)}</div>' for c in grid.columns]
    first = grid.rows[0].cells[0]
    stance, evidence, form = (view.choosers[p.item] for p in first)
    assert stance._options_labels[1:] == first[0].shown  # letters, spelled out in the row's heading
    for letter, text in grid.rows[0].legend:
        assert escape(text) in body.children[1 + len(grid.columns)].value
    key = view.exercise.reference_answers()
    stance.value = key[first[0].item]
    form.value = "absent" if key[first[2].item] != "absent" else "own words"
    marks = text_of(view.marks[(0, 0)])
    assert "Stance: ✓ right" in marks and "Sentence: no answer yet" in marks and "Form: ✗ not right yet" in marks
    # the full feedback of the cell just answered shows under the grid, under the cell's party and issue
    shown = [text_of(w) if hasattr(w, "value") else "" for w in view.detail.children]
    assert escape(grid.columns[0]) in shown[0] and escape(grid.rows[0].heading) in shown[0]
    assert view.feedback[first[2].item] in view.detail.children and "Not quite" in view.feedback[first[2].item].value
    other = grid.rows[-1].cells[-1]
    view.choosers[other[0].item].value = key[other[0].item]
    assert view.feedback[other[0].item] in view.detail.children  # the last answered cell's feedback
    explain = next(b for b in _buttons(body) if "sl-explain-0-0" in b._dom_classes)
    explain.click()
    assert view.feedback[first[0].item] in view.detail.children
    view.retry_button.click()  # clears only what is not right yet, in the grid too
    assert form.value == "" and form.label == "— choose —" and stance.value == key[first[0].item]
    assert first[2].item not in view.answers
    assert "Form: no answer yet" in text_of(view.marks[(0, 0)])


def _buttons(widget):
    for child in getattr(widget, "children", ()):
        if isinstance(child, ipywidgets.Button):
            yield child
        yield from _buttons(child)


def test_the_grid_in_an_assessment_copy_records_and_never_marks(annotation) -> None:
    from sourcelab.exercises.released import ReleasedExercise, read_released, write_released

    shipped = load_exercises(annotation=annotation)
    document = write_released({"position-matrix": shipped["position-matrix"]}, "assessment")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "released.json"
        path.write_text(document, encoding="utf-8")
        copy = read_released(path, annotation, [])[0]
    assert isinstance(copy, ReleasedExercise) and copy.grid().columns == shipped["position-matrix"].grid().columns
    assert "p1" not in json.dumps(json.loads(document)["exercises"][0]["grid"]["rows"][0]["legend"])
    view = view_for(copy)
    item = copy.grid().rows[0].cells[0][0].item
    view.choosers[item].value = view.choosers[item].options[1][1]
    assert "Stance: recorded" in text_of(view.marks[(0, 0)]) and "right" not in text_of(view.marks[(0, 0)])


def test_lesson_3s_counts_wait_until_the_grid_is_filled() -> None:
    """The voice table, the turn table, the charts and the notes on them give away cells of the matrix."""
    from sourcelab import show_voices, turn_table, voice_table

    matrix = show_exercise("position-matrix", record=False)
    held = [voice_table(after=matrix), turn_table(after=matrix), show_voices(after=matrix),
            show_passage("voices.reading", after=matrix)]
    assert not any(h.revealed for h in held)
    items = list(matrix.exercise.reference_answers().items())
    for item_id, value in items[:-1]:
        matrix.set_answer(item_id, value)
    assert not any(h.revealed for h in held)  # one cell left
    matrix.set_answer(*items[-1])
    assert all(h.revealed for h in held)
    table = voice_table(after=show_exercise("position-matrix", record=False))
    table.button.click()
    assert table.revealed and 'class="dataframe sl-table"' in table.content.value


def test_reveals_stay_hidden_in_assessment_mode(annotation) -> None:
    from sourcelab import show_chains

    shipped = load_exercises(annotation=annotation)["chain-order"]
    graded = view_for(type(shipped)(dataclasses.replace(shipped.spec, mode="assessment"), annotation))
    held = show_chains(for_exercise="chain-order", after=graded)
    for item_id, value in graded.exercise.reference_answers().items():
        graded.set_answer(item_id, value)
    assert not held.revealed and held.button not in held.children  # no button to press either
    assert "is an assessment" in held.waiting.value


def test_a_drop_down_starts_on_choose_is_named_and_goes_back_to_choose_on_retry() -> None:
    """The value None leaves an ipywidgets menu blank: the menu shows "— choose —" (index 0) at first and after
    Try again, and its label names the question for screen readers."""
    view = show_exercise("trace-claims")
    item, menu = next((i, view.choosers[i.id]) for i in view.exercise.items
                      if view.choosers[i.id].__class__.__name__ == "Dropdown")
    assert (menu.index, menu.label) == (0, "— choose —") and item.id not in view.answers
    assert menu.description_allow_html and escape(item.text, quote=True) in menu.description
    wrong = next(o for o in item.options if o != view.exercise.reference_answers()[item.id])
    menu.value = wrong
    assert item.id in view.answers
    view.retry_button.click()
    assert (menu.index, menu.label) == (0, "— choose —") and item.id not in view.answers


def test_typed_text_reaches_the_kernel_whole_before_a_button_press() -> None:
    """Sent keystroke by keystroke, the last keys of a name or an answer wait behind the first (ipywidgets sends
    one update at a time), so a quick Tab + Enter saved "K" for "Kim": the boxes send their text when left."""
    from sourcelab import student_box

    assert student_box().name.continuous_update is False
    view = show_exercise("rewrite-with-source")
    assert all(box.continuous_update is False for box in view.boxes.values())


def test_each_menu_of_the_grid_is_named_by_its_party_and_question() -> None:
    """The grid's cells are separate widgets, so no table structure tells a screen reader where a menu is: its
    label does ("Stance" on screen, the party and the question before it for screen readers)."""
    view = show_exercise("position-matrix", record=False)
    grid = view.grid
    part = grid.rows[0].cells[0][0]
    menu = view.choosers[part.item]
    assert menu.description_allow_html and menu.description == (
        f'<span class="sl-sr-only">{escape(grid.columns[0], quote=True)}, on the question '
        f'{escape(grid.rows[0].heading, quote=True)}: </span>{escape(part.label, quote=True)}')
