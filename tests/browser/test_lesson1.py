"""Smoke test: both parts of lesson 1 run in JupyterLab, and a click is graded at once.

Exercise contract (``sourcelab.show_exercise("classify-sentences")``, see src/sourcelab/widgets/choice.py):
an ipywidgets VBox ``.sl-exercise-view.sl-exercise-classify-sentences`` whose children are, for each
sentence, an item box holding ToggleButtons ``.sl-choice-<id>`` (buttons ``attributed``, ``narration``,
``mixed``, none selected) followed by an HTML widget where ``div.sl-feedback.sl-feedback-right|partial|wrong``
appears once the item is answered; further down, ``div.sl-score`` ("Score: X / N (...); attempt 1").

Expected texts come from the files the kit reads: the number of items and the feedback for a wrong choice
from exercises/01_who_is_speaking_part2.yaml, s13's explanation from data/sentences.csv.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcelab.loading import load_exercises

from .conftest import digest

LESSON_NOTEBOOK = "notebooks/01_who_is_speaking_part2.ipynb"
PART1_NOTEBOOK = "notebooks/01_who_is_speaking_part1.ipynb"
EXERCISE_CELL = 'show_exercise("classify-sentences")'
_CLASSIFY = load_exercises()["classify-sentences"]
N_ITEMS = len(_CLASSIFY.items)
CHOICES = tuple(_CLASSIFY.params.options)
RIGHT = ("s13", "narration", _CLASSIFY.annotation.sentence("s13").explanation[:40])
WRONG = ("s4", "narration", "Not quite. " + " ".join(_CLASSIFY.params.feedback["attributed"]["narration"].split()[:6]))
GRADE_TIMEOUT_MS = 10_000  # click -> kernel grades -> feedback widget updated

# The item box is the ancestor of the chooser that is a direct child of the exercise view;
# its feedback is the widget right after it.
_ITEM_BOX = "xpath=ancestor::*[parent::*[contains(concat(' ', normalize-space(@class), ' '), ' sl-exercise-view ')]][1]"
_NEXT = "xpath=following-sibling::*[1]"



@pytest.fixture(scope="session")
def lesson_notebook(lab_root) -> Path:
    path = Path(lab_root) / LESSON_NOTEBOOK
    assert path.is_file(), f"{LESSON_NOTEBOOK} is missing: the browser test has nothing to open"
    return path


def _chooser(view, item_id: str):
    return view.locator(f".sl-choice-{item_id}")


def _feedback(chooser):
    """The feedback div of the item this chooser belongs to."""
    return chooser.locator(_ITEM_BOX).locator(_NEXT).locator(".sl-feedback")


def exercise_classify(lab, notebook: str) -> None:
    """Open ``notebook``, Run All, answer s13 right and s4 wrong by clicking, check feedback and score."""
    from playwright.sync_api import expect

    lab.open_notebook(notebook)
    lab.run_all_cells()
    lab.scroll_to_cell(EXERCISE_CELL)

    view = lab.page.locator(".sl-exercise-view.sl-exercise-classify-sentences").first
    expect(view).to_be_attached()
    view.scroll_into_view_if_needed()
    score = view.locator(".sl-score")
    expect(score).to_have_count(1)
    expect(score).to_contain_text(re.compile(rf"Score: 0 / {N_ITEMS}\b"))

    for item_id, choice, expected in (RIGHT, WRONG):
        chooser = _chooser(view, item_id)
        expect(chooser).to_have_count(1)
        buttons = chooser.locator("button")
        expect(buttons).to_have_text(list(CHOICES))
        expect(chooser.locator("button.mod-active")).to_have_count(0)  # nothing chosen at first
        feedback = _feedback(chooser)
        expect(feedback).to_have_count(0)  # no feedback before an answer

        button = chooser.locator("button", has_text=re.compile(rf"^\s*{choice}\s*$"))
        button.scroll_into_view_if_needed()
        button.click()
        expect(button).to_have_class(re.compile(r"\bmod-active\b"), timeout=GRADE_TIMEOUT_MS)
        expect(feedback).to_have_count(1, timeout=GRADE_TIMEOUT_MS)  # graded at once by the kernel
        expect(feedback).to_contain_text(expected)

    right, wrong = _feedback(_chooser(view, RIGHT[0])), _feedback(_chooser(view, WRONG[0]))
    expect(right).to_have_class(re.compile(r"\bsl-feedback-right\b"))
    expect(right).to_contain_text("\u2713")  # ✓
    expect(right).to_contain_text(re.compile(r"^\W*Right\."))
    expect(wrong).to_have_class(re.compile(r"\bsl-feedback-wrong\b"))
    expect(wrong).to_contain_text("\u2717")  # ✗
    expect(score).to_contain_text(re.compile(rf"Score: 1 / {N_ITEMS}\b"), timeout=GRADE_TIMEOUT_MS)
    expect(score).to_contain_text("attempt 1")

    # For humans: the window at s4 (wrong), then at s13 (right) down to the score line.  (An element
    # screenshot of the whole exercise does not work: it is taller than the notebook's scroll area.)
    for item_id, name in ((WRONG[0], "lesson1-classify-wrong"), (RIGHT[0], "lesson1-classify")):
        _chooser(view, item_id).locator(_ITEM_BOX).evaluate("el => el.scrollIntoView({block: 'start'})")
        lab.screenshot(name)


@pytest.mark.browser
def test_lesson1_classify_feedback_and_score(lesson_notebook, lab, lab_server):
    before = digest(lesson_notebook)
    notebook = lesson_notebook.relative_to(lab_server.root).as_posix()

    exercise_classify(lab, notebook)

    # Running and clicking in the browser must not have written into the repo (autosave is off).
    assert digest(lesson_notebook) == before, f"{LESSON_NOTEBOOK} was modified by the browser run"


def _runs(indices: list[int]) -> bool:
    return bool(indices) and indices == list(range(indices[0], indices[-1] + 1))


def _marking_items() -> tuple[str, str]:
    """Two source-and-cue items from the YAML: one whose source is several words (marked by a drag), and
    another whose source and cue are each one run of words (marked by keyboard)."""
    marking = load_exercises()["source-and-cue"]
    key = marking.reference_answers()
    runs = [i.id for i in marking.items if _runs(key[i.id]["source"]) and _runs(key[i.id]["cue"])]
    drag = next(i for i in runs if len(key[i]["source"]) > 1)
    keys = next(i for i in runs if i != drag)
    return drag, keys


def _focused_word(page) -> int | None:
    return page.evaluate("() => document.activeElement && document.activeElement.dataset.word !== undefined ? "
                         "Number(document.activeElement.dataset.word) : null")


def word_marking(lab) -> None:
    """Mark a source by dragging across it and a cue by clicks; then another item by keyboard alone."""
    from playwright.sync_api import expect

    marking = load_exercises()["source-and-cue"]
    key = marking.reference_answers()
    page = lab.page
    lab.scroll_to_cell('show_exercise("source-and-cue")')
    view = page.locator(".sl-exercise-view.sl-exercise-source-and-cue").first
    expect(view).to_be_attached()
    drag, by_keys = _marking_items()

    words = view.locator(f".sl-words-{drag} [data-word]")
    expect(words).to_have_count(len(marking.words(drag)))
    sentence = marking.annotation.sentence(drag).text
    running = view.locator(f".sl-words-{drag} .sl-wordtext")
    # textContent: innerText is empty while JupyterLab skips rendering an off-screen cell (content-visibility)
    assert " ".join(running.text_content().split()) == " ".join(sentence.split())  # punctuation and all
    source, cue = key[drag]["source"], key[drag]["cue"]
    words.nth(source[0]).scroll_into_view_if_needed()
    words.nth(source[0]).hover()
    page.mouse.down()
    words.nth(source[-1]).hover()
    page.mouse.up()
    for index in source:
        expect(words.nth(index)).to_have_class(re.compile(r"\bsl-w-source\b"), timeout=GRADE_TIMEOUT_MS)
    view.locator(f".sl-mode-{drag} button", has_text="Mark the cue").click()
    for index in cue:
        words.nth(index).click()
        expect(words.nth(index)).to_have_class(re.compile(r"\bsl-w-cue\b"), timeout=GRADE_TIMEOUT_MS)
    view.locator(f".sl-check-{drag}").click()
    feedback = view.locator(f".sl-check-{drag}").locator(_ITEM_BOX).locator(_NEXT).locator(".sl-feedback")
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"), timeout=GRADE_TIMEOUT_MS)
    words.nth(source[0]).locator("xpath=ancestor::*[contains(@class, 'sl-words-')][1]").evaluate(
        "el => el.scrollIntoView({block: 'center'})")
    lab.screenshot("lesson1-word-marking")

    # The keyboard alone: Tab from the mode toggle into the sentence, arrows to a word, Space to mark it,
    # Shift+arrow to mark on, Shift+Tab back to the toggle, Tab on to Check, Enter.
    source, cue = key[by_keys]["source"], key[by_keys]["cue"]
    words = view.locator(f".sl-words-{by_keys} [data-word]")
    toggle = view.locator(f".sl-mode-{by_keys} button")
    toggle.first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert _focused_word(page) == 0
    for _ in range(source[0]):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    for _ in source[1:]:
        page.keyboard.press("Shift+ArrowRight")
    expect(words.nth(source[-1])).to_have_class(re.compile(r"\bsl-w-source\b"), timeout=GRADE_TIMEOUT_MS)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # "Mark the cue"
    expect(toggle.nth(1)).to_have_class(re.compile(r"\bmod-active\b"), timeout=GRADE_TIMEOUT_MS)
    page.keyboard.press("Tab")
    assert _focused_word(page) == source[-1]  # the sentence keeps its place
    for _ in range(cue[0] - source[-1]):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    for _ in cue[1:]:
        page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Check
    feedback = view.locator(f".sl-check-{by_keys}").locator(_ITEM_BOX).locator(_NEXT).locator(".sl-feedback")
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"), timeout=GRADE_TIMEOUT_MS)


@pytest.mark.browser
def test_lesson1_part1_quote_type_click_and_word_marking(lab, lab_server):
    """Part 1 runs whole in the browser; one quotation-type answer is graded at once; words are marked in the
    running sentence by drag, click and keyboard."""
    from playwright.sync_api import expect

    path = lab_server.root / PART1_NOTEBOOK
    before = digest(path)
    lab.open_notebook(PART1_NOTEBOOK)
    lab.run_all_cells()  # fails, naming the cell, if any cell raised
    lab.scroll_to_cell('show_exercise("quote-type")')
    view = lab.page.locator(".sl-exercise-view.sl-exercise-quote-type").first
    expect(view).to_be_attached()
    quote = load_exercises()["quote-type"]
    item = quote.items[0].id
    chooser = _chooser(view, item)
    button = chooser.locator("button", has_text=re.compile(rf"^\s*{quote.reference_answers()[item]}\s*$"))
    button.scroll_into_view_if_needed()
    button.click()
    feedback = _feedback(chooser)
    expect(feedback).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
    expect(feedback).to_have_class(re.compile(r"\bsl-feedback-right\b"))
    word_marking(lab)
    assert digest(path) == before
