"""Keyboard only: one exercise of every kind of widget is completed in JupyterLab with Tab, Shift+Tab, Space, Enter
and arrow keys; nothing is clicked.

How a keyboard user gets there: after Run All, JupyterLab is in command mode on the last cell; the arrow keys move to
the cell that shows the widget, and Tab goes from a cell into its output, then on through the following outputs.

Covered: the name box and its button; the viewer's layer toggle and sentence menu; toggle buttons (date-the-article),
radio buttons (chain-order: the chain), drop-downs with toggle buttons (trace-claims: tracing), radio buttons with
drop-downs after the first guess reveals the cards (first-guess, then bucha-record: weighing evidence cards); free
text (rewrite-with-source); the Hint button; Export my answers. Every focused control must show the kit's focus ring,
keep the focus once the kernel has graded the answer, and keys JupyterLab binds in command mode (arrows, M, Y, ...)
must reach the widget, not move or change the cell. Left to their own tests: the word marking (source-and-cue,
find-framing; by keyboard in test_lesson1.py) and lesson 3's grid (test_lessons_2_3.py), rebuilt by another hand.
"""
from __future__ import annotations

import contextlib
import re

import pytest

from pathlib import Path

from sourcelab.loading import load_exercises

from .conftest import digest, start_lab, stop_lab
from .test_lesson1 import GRADE_TIMEOUT_MS, _feedback

EXERCISES = load_exercises()


@pytest.fixture(scope="module")
def lab_server(chromium_path, lab_root, tmp_path_factory):
    """A JupyterLab of their own: these tests save a student's name and answers, which the other browser tests,
    sharing the package's server and its answers folder, must not find when they open a lesson."""
    server = start_lab(lab_root, tmp_path_factory.mktemp("jupyterlab-keyboard"))
    try:
        yield server
    finally:
        stop_lab(server)
TAB_LIMIT = 250  # Tab presses allowed to reach the next control (lesson 4 passes every option of 4 exercises)

_JS_FOCUS = """() => {
  const el = document.activeElement;
  const panel = window.jupyterapp.shell.currentWidget;
  const style = el ? getComputedStyle(el) : null;
  return {tag: el && el.tagName, text: el ? (el.value !== undefined && el.tagName !== 'BUTTON' ? el.value : el.textContent.trim()) : '',
          cell: panel.content.activeCellIndex, cellType: panel.content.activeCell.model.type,
          outline: style ? [style.outlineStyle, parseFloat(style.outlineWidth)] : null};
}"""


def answer_index(exercise_id: str, item_id: str) -> int:
    exercise = EXERCISES[exercise_id]
    item = exercise.item(item_id)
    return list(item.options).index(exercise.reference_answers()[item_id])


class Keyboard:
    """The student's keys, and what a test may read (never click) on the page."""

    def __init__(self, lab):
        self.lab = lab
        self.page = lab.page

    def focus(self) -> dict:
        return self.page.evaluate(_JS_FOCUS)

    def focused(self, css: str) -> bool:
        return self.page.evaluate("css => !!document.activeElement && document.activeElement.matches(css)", css)

    def selected(self) -> int:
        return self.page.evaluate("() => document.activeElement.selectedIndex")

    def to_cell(self, source: str) -> None:
        """Arrow keys in command mode, from the cell that has the focus to the first cell whose source has `source`."""
        target = self.page.evaluate("""text => window.jupyterapp.shell.currentWidget.content.widgets
            .findIndex(cell => cell.model.sharedModel.getSource().includes(text))""", source)
        assert target >= 0, source
        here = self.focus()["cell"]
        for _ in range(abs(here - target)):
            self.page.keyboard.press("ArrowUp" if here > target else "ArrowDown")
        assert self.focus()["cell"] == target, f"arrow keys did not reach the cell of {source!r}"

    def tab_to(self, css: str, backwards: bool = False) -> None:
        """Tab (or Shift+Tab) until the focused element matches `css`; it must show the kit's focus ring."""
        if self.focused(css):
            self.assert_ring()
            return
        for _ in range(TAB_LIMIT):
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
            if self.focused(css):
                self.assert_ring()
                return
        raise AssertionError(f"{TAB_LIMIT} Tab presses did not reach {css}; focus is on {self.focus()}")

    def assert_ring(self) -> None:
        """A visible focus indicator: the kit's ring (a solid outline at least 2 px wide), not a 1 px hint."""
        focus = self.focus()
        style, width = focus["outline"]
        assert style != "none" and width >= 2, f"no visible focus ring on {focus['tag']} {focus['text'][:40]!r}: {focus}"

    def press(self, key: str, css: str) -> None:
        """Press `key` on the focused control; the focus stays on it."""
        self.page.keyboard.press(key)
        assert self.focused(css), f"{key} moved the focus away from {css}: {self.focus()}"

    def choose_toggle(self, view, exercise_id: str, item_id: str) -> None:
        self._press_option(view, exercise_id, item_id, "button")

    def choose_radio(self, view, exercise_id: str, item_id: str) -> None:
        self._press_option(view, exercise_id, item_id, "input[type='radio']")

    def _press_option(self, view, exercise_id: str, item_id: str, control: str) -> None:
        """Toggle buttons and radio buttons: Tab to the right option, Space; the focus stays once it is graded."""
        css = f".sl-exercise-{exercise_id} .sl-choice-{item_id} {control}[value='{answer_index(exercise_id, item_id)}']"
        self.tab_to(css)
        self.press("Space", css)
        expect_right(view, item_id)
        assert self.focused(css), f"the focus left {control} once the answer was graded"

    def choose_option(self, view, exercise_id: str, item_id: str) -> None:
        """A drop-down: Tab to it, then the down arrow to the option (the first option is "— choose —")."""
        css = f".sl-exercise-{exercise_id} .sl-choice-{item_id} select"
        self.tab_to(css)
        assert self.selected() == 0, "the drop-down does not start on its first option, “— choose —”"
        for _ in range(answer_index(exercise_id, item_id) + 1):
            self.press("ArrowDown", css)
        assert self.selected() == answer_index(exercise_id, item_id) + 1
        expect_right(view, item_id)
        assert self.focused(css), "the focus left the drop-down once the answer was graded"


def expect_right(view, item_id: str) -> None:
    from playwright.sync_api import expect

    expect(_feedback(view.locator(f".sl-choice-{item_id}"))).to_have_class(re.compile(r"\bsl-feedback-right\b"),
                                                                          timeout=GRADE_TIMEOUT_MS)


def complete(keys: Keyboard, exercise_id: str) -> None:
    """Answer every item of an exercise right, each with the keys its control takes; then the score is full."""
    from playwright.sync_api import expect

    view = keys.page.locator(f".sl-exercise-view.sl-exercise-{exercise_id}")
    for item in EXERCISES[exercise_id].items:
        chooser = view.locator(f".sl-choice-{item.id}")
        if chooser.locator("select").count():
            keys.choose_option(view, exercise_id, item.id)
        elif chooser.locator("button").count():
            keys.choose_toggle(view, exercise_id, item.id)
        else:
            keys.choose_radio(view, exercise_id, item.id)
    n = len(EXERCISES[exercise_id].items)
    expect(view.locator(".sl-score")).to_contain_text(re.compile(rf"Score: {n} / {n}\b"), timeout=GRADE_TIMEOUT_MS)


@contextlib.contextmanager
def keyboard_lesson(lab, notebook: str):
    """Run All in `notebook`, hand over the keyboard; afterwards a screenshot, and the lesson file is unchanged."""
    path, before = lab.run_lesson(notebook)
    yield Keyboard(lab), lab.page
    lab.screenshot(f"keyboard-{Path(notebook).stem}")
    assert digest(path) == before


@pytest.mark.browser
def test_lesson2_name_viewer_chain_tracing_hint_and_export_by_keyboard(lab, lab_server):
    from playwright.sync_api import expect

    with keyboard_lesson(lab, "notebooks/02_tracing_the_chain.ipynb") as (keys, page):
        keys.to_cell("student_box()")
        keys.tab_to(".sl-student-name input")
        page.keyboard.type("Kim Keyboard")
        keys.tab_to("button.sl-student-save")
        keys.press("Enter", "button.sl-student-save")
        expect(page.locator(".sl-student-box .sl-feedback").first).to_contain_text("Thank you, Kim Keyboard",
                                                                                    timeout=GRADE_TIMEOUT_MS)

        keys.tab_to(".sl-viewer .sl-layer-sources")  # the viewer: a layer on with Space, a sentence with the arrow key
        keys.press("Space", ".sl-viewer .sl-layer-sources")
        expect(page.locator(".sl-viewer .sl-article .sl-source").first).to_be_visible(timeout=GRADE_TIMEOUT_MS)
        keys.tab_to(".sl-viewer select")
        keys.press("ArrowDown", ".sl-viewer select")
        expect(page.locator(".sl-viewer .sl-details")).to_contain_text("Sentence s1", timeout=GRADE_TIMEOUT_MS)

        complete(keys, "chain-order")  # radio buttons: Tab to the option, Space
        expect(page.locator("img.sl-figure")).to_have_count(1, timeout=GRADE_TIMEOUT_MS)  # the diagram, once answered

        # Keys JupyterLab binds in command mode reach the widget: the exercise's cell stays where and what it is.
        toggle = ".sl-exercise-trace-claims button.widget-toggle-button"
        keys.tab_to(toggle)
        where = keys.focus()["cell"]
        for key in ("ArrowDown", "ArrowUp", "ArrowRight", "m", "y", "j", "k"):
            keys.press(key, toggle)
        assert (keys.focus()["cell"], keys.focus()["cellType"]) == (where, "code")
        keys.tab_to(".sl-exercise-trace-claims select", backwards=True)  # back to the first item

        complete(keys, "trace-claims")  # drop-downs (who said it first) and toggle buttons (in what form)
        keys.tab_to(".sl-exercise-trace-claims button[title='Show a hint']")
        keys.press("Enter", ".sl-exercise-trace-claims button[title='Show a hint']")
        expect(page.locator(".sl-exercise-trace-claims .sl-hint")).to_contain_text("Hint.", timeout=GRADE_TIMEOUT_MS)

        keys.tab_to("button.sl-export")
        keys.press("Enter", "button.sl-export")
        expect(page.locator(".sl-export-box .sl-feedback")).to_contain_text("Exported to", timeout=GRADE_TIMEOUT_MS)


@pytest.mark.browser
def test_lesson4_toggles_first_guess_and_evidence_cards_by_keyboard(lab, lab_server):
    from playwright.sync_api import expect

    with keyboard_lesson(lab, "notebooks/04_leave_the_article.ipynb") as (keys, page):
        keys.to_cell('show_exercise("date-the-article")')
        complete(keys, "date-the-article")  # toggle buttons: Tab to the day, Space

        deck = page.locator(".sl-card-deck").filter(has_text="appear here once you have answered").first
        expect(deck.locator(".sl-card")).to_have_count(0)
        guess = page.locator(".sl-exercise-view.sl-exercise-first-guess")
        item = EXERCISES["first-guess"].items[0]
        keys.tab_to(f".sl-exercise-first-guess .sl-choice-{item.id} input[type='radio']")
        keys.press("Space", f".sl-exercise-first-guess .sl-choice-{item.id} input[type='radio']")  # any guess will do
        expect(_feedback(guess.locator(f".sl-choice-{item.id}"))).to_have_count(1, timeout=GRADE_TIMEOUT_MS)
        expect(page.locator(".sl-card-deck .sl-card-publisher").first).to_be_visible(timeout=GRADE_TIMEOUT_MS)

        complete(keys, "bucha-record")  # what the record shows (radio buttons), which card shows it (drop-downs)


@pytest.mark.browser
def test_lesson5_free_text_by_keyboard(lab, lab_server):
    from playwright.sync_api import expect

    with keyboard_lesson(lab, "notebooks/05_the_writers_words.ipynb") as (keys, page):
        item = EXERCISES["rewrite-with-source"].items[0]

        keys.to_cell('show_exercise("rewrite-with-source")')
        keys.tab_to(f".sl-text-{item.id} textarea")
        page.keyboard.type("According to the Russian foreign ministry, the offensive began in February.")
        keys.tab_to(f".sl-save-{item.id}")  # Tab leaves the text box
        keys.press("Space", f".sl-save-{item.id}")
        view = page.locator(".sl-exercise-view.sl-exercise-rewrite-with-source")
        expect(view.locator(".sl-feedback-recorded")).to_contain_text("Your text is saved", timeout=GRADE_TIMEOUT_MS)
        expect(view.locator(".sl-hint").first).to_contain_text("with a comment on each")
        expect(view.locator(".sl-score")).to_contain_text("1 of 1 answered")
