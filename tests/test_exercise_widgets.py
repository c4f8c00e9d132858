"""Exercise widgets driven from Python as a student drives them: choose, click, read the feedback."""
from __future__ import annotations

import dataclasses

import pytest

from sourcelab import show
from sourcelab.exercises import load_exercises
from sourcelab.widgets import view_for
from sourcelab.widgets.choice import ChoiceView
from sourcelab.widgets.source_cue import SourceCueView


def text_of(html_widget) -> str:
    return html_widget.value.split("</style>", 1)[-1]


def test_choosing_a_label_gives_feedback_at_once() -> None:
    view = show("classify-sentences")
    assert isinstance(view, ChoiceView) and "sl-exercise-classify-sentences" in view._dom_classes
    assert all(c.value is None for c in view.choosers.values())
    view.choosers["s13"].value = "narration"
    assert 'sl-feedback-right' in view.feedback["s13"].value and "No source and no cue" in view.feedback["s13"].value
    view.choosers["s4"].value = "narration"
    feedback = text_of(view.feedback["s4"])
    assert "sl-feedback-wrong" in feedback and "Not quite. Look for a source and a cue" in feedback
    assert "The reference answer" not in feedback  # not before the student asks
    assert "Score: 1 / 16 (1 right, 2 of 16 answered); attempt 1" in view.score.value


def test_hint_retry_and_show_answers() -> None:
    view = show("classify-sentences")
    assert view.answer_button.disabled  # nothing to reveal before a first attempt
    view.hint_button.click()
    assert "Look for two things in each sentence" in view.hint.value
    view.choose("s13", "narration")
    view.choose("s4", "narration")
    assert not view.answer_button.disabled
    view.answer_button.click()
    assert "The reference answer is “attributed”" in view.feedback["s4"].value
    assert "Not answered yet." in view.feedback["s16"].value and "The reference answer" in view.feedback["s16"].value
    view.retry_button.click()
    assert view.choosers["s4"].value is None and view.choosers["s13"].value == "narration"  # right ones stay
    assert view.feedback["s4"].value == "" and "attempt 2" in view.score.value
    assert "Score: 1 / 16" in view.score.value


def test_show_answers_can_be_switched_off_for_graded_use(annotation) -> None:
    exercise = load_exercises(annotation=annotation)["quote-type"]
    graded = dataclasses.replace(exercise.spec, show_answer=False)
    view = view_for(type(exercise)(graded, annotation))
    assert not any(view.answer_button in getattr(child, "children", ()) for child in view.children)
    view.choose("s6", "direct")
    view.show_answers()
    assert "The reference answer" not in view.feedback["s6"].value


def test_long_options_become_radio_buttons() -> None:
    view = show("reporting-verbs")
    chooser = view.choosers["insisted"]
    assert chooser.__class__.__name__ == "RadioButtons"
    chooser.value = "That what she said is true"
    assert "No reporting verb makes a claim true." in view.feedback["insisted"].value


def test_marking_source_and_cue_with_word_buttons() -> None:
    view = show("source-and-cue")
    assert isinstance(view, SourceCueView)
    buttons = view.word_buttons["s4"]
    assert [b.description for b in buttons][19:21] == ["Zakharova", "insisted"]
    buttons[19].click()  # mode starts on "source"
    assert buttons[19].icon == "user" and buttons[19].button_style == "info"
    view.modes["s4"].value = "cue"
    buttons[20].click()
    assert buttons[20].icon == "commenting"
    check = next(w for w in view.children[1].children if "sl-check-s4" in w._dom_classes)
    check.click()
    assert "Right. Source: “Zakharova” is right. Cue: “insisted” is right." in view.feedback["s4"].value
    buttons[20].click()  # unmark
    assert buttons[20].icon == "" and view.selection("s4") == {"source": [19], "cue": []}


def test_checking_with_nothing_marked_asks_for_a_mark() -> None:
    view = show("source-and-cue")
    view.check("s7")
    assert "Mark at least one word first." in view.feedback["s7"].value


def test_listeners_hear_every_answer() -> None:
    heard = []
    view = show("quote-type")
    view.listeners.append(lambda v, item_id, value, result: heard.append((v.exercise.id, item_id, value,
                                                                          result and result.correct, v.attempts)))
    view.choose("s4", "direct")
    view.retry()
    assert heard == [("quote-type", "s4", "direct", True, 1),  # right answers survive a retry
                     ("quote-type", None, None, None, 2)]


def test_unknown_exercise_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="no exercise 'spot-bias'; the exercises are: classify-sentences"):
        show("spot-bias")


def test_chain_order_shows_labels_and_grades_ids() -> None:
    view = show("chain-order")
    chooser = view.choosers["step-1"]
    assert ("Stéphane Dujarric: “replied in the affirmative”", "a5") in list(zip(chooser._options_labels,
                                                                                  chooser._options_values))
    view.choose("step-1", "a5")
    assert "sl-feedback-right" in view.feedback["step-1"].value
    assert "The claim starts with Stéphane Dujarric" in view.feedback["step-1"].value


def test_trace_claims_names_sources_by_name() -> None:
    view = show("trace-claims")
    assert "Stéphane Dujarric" in view.choosers["contact-source"]._options_labels
    view.choose("contact-source", "zakharova")
    assert "not who made it first" in view.feedback["contact-source"].value
