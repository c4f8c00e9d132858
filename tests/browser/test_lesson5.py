"""Smoke test: lesson 5 runs in JupyterLab; a framing kind is graded on a click; a rewrite typed into its box
is saved on a click, gets the checks' feedback (never a verdict) and shows the model rewrites.

Contract: name-framing items are ToggleButtons ``.sl-choice-<framing id>`` whose buttons read the kinds' labels
("a name chosen", ...); a rewrite item is a Textarea ``.sl-text-<item id>`` with a button ``.sl-save-<item id>``;
its feedback is ``.sl-feedback-recorded`` and the models follow in ``.sl-hint``.
"""
from __future__ import annotations

import re

import pytest

from sourcelab.exercises.framing import KIND_LABELS
from sourcelab.loading import load_exercises

from .conftest import digest
from .test_lesson1 import GRADE_TIMEOUT_MS, _feedback

NOTEBOOK = "notebooks/05_the_writers_words.ipynb"
EXERCISES = load_exercises()
NAMING = EXERCISES["name-framing"]
FIRST = NAMING.items[0]  # whatever the YAML lists first
RIGHT = KIND_LABELS[NAMING.reference_answers()[FIRST.id]]
REWRITE = EXERCISES["rewrite-with-source"].items[0]


@pytest.mark.browser
def test_lesson5_names_a_framing_and_saves_a_rewrite(lab, lab_server):
    from playwright.sync_api import expect

    path, before = lab.run_lesson(NOTEBOOK)

    lab.scroll_to_cell('show_exercise("name-framing")')
    view = lab.page.locator(".sl-exercise-view.sl-exercise-name-framing").first
    chooser = view.locator(f".sl-choice-{FIRST.id}")
    button = chooser.locator("button", has_text=RIGHT).first
    button.scroll_into_view_if_needed()
    button.click()
    feedback = _feedback(chooser)
    expect(feedback).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"))

    lab.scroll_to_cell('show_exercise("rewrite-with-source")')
    box = lab.page.locator(f".sl-text-{REWRITE.id} textarea").first
    box.scroll_into_view_if_needed()
    box.fill("According to the government, it happened.")
    lab.page.locator(f".sl-save-{REWRITE.id}").first.click()
    written = lab.page.locator(".sl-exercise-rewrite-with-source .sl-feedback-recorded").first
    expect(written).to_contain_text("Your text is saved", timeout=GRADE_TIMEOUT_MS)
    expect(written).to_contain_text("Names who says it: yes")
    assert not re.search(r"✓|✗|not right yet", written.inner_text())  # feedback, never a verdict
    models = lab.page.locator(".sl-exercise-rewrite-with-source .sl-hint").first
    expect(models).to_contain_text("with a comment on each")  # the model rewrites, once a text is saved
    lab.screenshot("lesson5-rewrite")
    assert digest(path) == before  # the lesson file is not changed by running it
