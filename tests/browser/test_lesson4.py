"""Smoke test: lesson 4 runs in JupyterLab; the publisher cards wait for a first guess and appear on a click;
a date is graded on a click; the timeline renders.

Contract: the first guess is RadioButtons ``.sl-choice-<question id>`` (long option texts); the card deck is
``.sl-card-deck`` with one ``.sl-card`` per card once revealed; the date items are ToggleButtons
``.sl-choice-<phrase id>`` whose buttons read "Tuesday 19 April 2022"; the timeline is an image ``.sl-figure``.
"""
from __future__ import annotations

import re

import pytest

from sourcelab.exercises.evidence import day_label
from sourcelab.loading import load_annotation, load_exercises

from .conftest import digest
from .test_lesson1 import GRADE_TIMEOUT_MS, _feedback

NOTEBOOK = "notebooks/04_leave_the_article.ipynb"
CONTEXT = load_annotation().context
PUBLISHER_CARDS = sum(1 for c in CONTEXT.cards if c.kind == "publisher")
PUBLISHED = CONTEXT.published
GUESS = load_exercises()["first-guess"].items[0]  # whatever the YAML asks first



@pytest.mark.browser
def test_lesson4_cards_after_a_guess_and_a_date_by_click(lab, lab_server):
    from playwright.sync_api import expect

    path, before = lab.run_lesson(NOTEBOOK)

    lab.scroll_to_cell('show_cards(kind="publisher", after=guess)')
    deck = lab.page.locator(".sl-card-deck").filter(has_text="appear here once you have answered").first
    expect(deck).to_be_attached()
    expect(deck.locator(".sl-card")).to_have_count(0)  # no evidence before the student commits to a guess

    lab.scroll_to_cell('guess = show_exercise("first-guess")')
    guess = lab.page.locator(".sl-exercise-view.sl-exercise-first-guess").first
    option = guess.locator(f".sl-choice-{GUESS.id} label", has_text=GUESS.options[0]).first
    option.scroll_into_view_if_needed()
    option.click()
    expect(_feedback(guess.locator(f".sl-choice-{GUESS.id}"))).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    revealed = lab.page.locator(".sl-card-deck").filter(has=lab.page.locator(".sl-card-publisher")).first
    expect(revealed.locator(".sl-card")).to_have_count(PUBLISHER_CARDS, timeout=GRADE_TIMEOUT_MS)

    lab.scroll_to_cell('show_exercise("date-the-article")')
    dates = lab.page.locator(".sl-exercise-view.sl-exercise-date-the-article").first
    chooser = dates.locator(f".sl-choice-{PUBLISHED.id}")
    button = chooser.locator("button", has_text=day_label(PUBLISHED.day))
    button.scroll_into_view_if_needed()
    button.click()
    feedback = _feedback(chooser)
    expect(feedback).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"))

    lab.scroll_to_cell("show_timeline()")
    timeline = lab.page.locator("img.sl-figure").first
    expect(timeline).to_be_visible()
    assert timeline.evaluate("img => img.naturalWidth") > 400
    lab.screenshot("lesson4-timeline")
    assert digest(path) == before  # the lesson file is not changed by running it
