"""Smoke test: lessons 2 and 3 run in JupyterLab, their generated charts render, and a click is graded.

Lesson 2: the chain-order items are RadioButtons (long labels) ``.sl-choice-step-<n>``; the chain diagram
is an image widget ``.sl-figure``. Lesson 3: the matrix is one grid ``.sl-grid`` (issues down, parties across);
each cell holds three drop-downs ``.sl-choice-p<n>-stance|evidence|form``, a line of marks, and the feedback of
the cell last answered shows under the grid (``.sl-grid-feedback``); the voice charts are two ``.sl-figure``
images.
"""
from __future__ import annotations

import re

import pytest

from .conftest import digest
from .test_lesson1 import GRADE_TIMEOUT_MS, _feedback

# Item ids a student must never read: chain steps, matrix cells, spot-issues questions (sentence ids are fine:
# they are the numbers the viewer's menu shows).
INTERNAL_ID = re.compile(r"^(step-\d+|p\d+-(stance|evidence|form)|narration-only|answer-missing)\b")


def assert_no_internal_ids(page) -> None:
    texts = page.locator(".sl-item-text").all_inner_texts()
    assert texts and not [t for t in texts if INTERNAL_ID.match(t.strip())], texts[:3]


def assert_labels_whole(page) -> None:
    """Every button of the exercises and the export shows its label in full (none cut to "Export my ans...")."""
    cut = page.evaluate("""() => [...document.querySelectorAll('.sl-exercise-view button, button.sl-export')]
        .filter(b => b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1).map(b => b.textContent.trim())""")
    checked = page.locator(".sl-exercise-view button").count()
    assert checked and not cut, cut


LESSONS = {
    "notebooks/02_tracing_the_chain.ipynb": {"figures": 1, "exercises": 3},
    "notebooks/03_comparing_positions.ipynb": {"figures": 2, "exercises": 2},
}



def _open(lab, lab_server, notebook: str):
    from playwright.sync_api import expect

    path, before = lab.run_lesson(notebook)
    return path, before, expect, lab.page.locator(".sl-exercise-view")


@pytest.mark.browser
def test_lesson2_chain_order_and_diagram(lab, lab_server):
    notebook = "notebooks/02_tracing_the_chain.ipynb"
    path, before, expect, views = _open(lab, lab_server, notebook)
    lab.scroll_to_cell('show_exercise("chain-order")')
    view = lab.page.locator(".sl-exercise-view.sl-exercise-chain-order").first
    expect(view).to_be_attached()
    chooser = view.locator(".sl-choice-step-1")
    option = chooser.locator("label", has_text="Stéphane Dujarric")
    option.scroll_into_view_if_needed()
    option.click()
    feedback = _feedback(chooser)
    expect(feedback).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"))
    expect(feedback).to_contain_text("The claim starts with Stéphane Dujarric")
    lab.scroll_to_cell('show_chains(for_exercise="chain-order", after=chain)')
    expect(lab.page.locator("img.sl-figure")).to_have_count(0)  # the diagram shows the answer: not yet
    show = lab.page.locator("button.sl-reveal").first
    show.scroll_into_view_if_needed()
    show.click()
    figure = lab.page.locator("img.sl-figure").first
    expect(figure).to_be_visible()
    assert figure.evaluate("img => img.naturalWidth") > 400  # a real PNG, drawn from the data
    lab.screenshot("lesson2-chain")
    assert_no_internal_ids(lab.page)
    assert_labels_whole(lab.page)
    assert digest(path) == before


@pytest.mark.browser
def test_lesson3_matrix_and_voice_charts(lab, lab_server):
    notebook = "notebooks/03_comparing_positions.ipynb"
    path, before, expect, views = _open(lab, lab_server, notebook)
    lab.scroll_to_cell('show_exercise("position-matrix")')
    view = lab.page.locator(".sl-exercise-view.sl-exercise-position-matrix").first
    expect(view).to_be_attached()
    grid = view.locator(".sl-grid")
    expect(grid).to_be_visible()
    # one grid, not a list: the parties stand side by side in one row of headings
    heads = grid.locator(".sl-grid-head")
    tops = heads.evaluate_all("hs => hs.map(h => Math.round(h.getBoundingClientRect().top))")
    assert len(tops) >= 3 and len(set(tops)) == 1, tops
    chooser = view.locator(".sl-choice-p1-evidence")
    chooser.scroll_into_view_if_needed()
    select = chooser.locator("select")
    # ipywidgets writes option labels with non-breaking spaces: find s4's option by its text, pick it by index
    index = select.evaluate("s => [...s.options].findIndex(o => o.text.replace(/\\u00a0/g, ' ').startsWith('s4: '))")
    assert index > 0
    select.select_option(index=index)
    feedback = view.locator(".sl-grid-feedback .sl-feedback")
    expect(feedback.filter(has_text="Right: s4 shows it.")).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    cell = chooser.locator("xpath=ancestor::*[contains(@class, 'sl-grid-cell')][1]")
    expect(cell.locator(".sl-grid-marks")).to_contain_text("Sentence: ✓ right")
    # the keyboard alone: focus the form menu, choose with the arrow keys, read the mark
    form = view.locator(".sl-choice-p1-form select")
    form.focus()
    for _ in range(2):
        lab.page.keyboard.press("ArrowDown")
    expect(cell.locator(".sl-grid-marks")).to_contain_text("Form: ✗ not right yet", timeout=GRADE_TIMEOUT_MS)
    lab.page.keyboard.press("ArrowUp")
    expect(cell.locator(".sl-grid-marks")).to_contain_text("Form: ✓ right", timeout=GRADE_TIMEOUT_MS)
    grid.scroll_into_view_if_needed()
    lab.screenshot("lesson3-grid", element=view)
    lab.scroll_to_cell("show_voices(after=matrix)")
    charts = lab.page.locator("img.sl-figure")
    expect(charts).to_have_count(0)  # they give away cells of the grid: not before it is filled
    show = lab.page.locator("button.sl-reveal", has_text="Show the charts")
    show.scroll_into_view_if_needed()
    show.click()
    expect(charts).to_have_count(LESSONS[notebook]["figures"], timeout=GRADE_TIMEOUT_MS)
    lab.screenshot("lesson3-voices")
    assert_no_internal_ids(lab.page)
    assert digest(path) == before
