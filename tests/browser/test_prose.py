"""The kit's prose reads like the lesson's own Markdown: same font size, same line height, same column width.

Compared with a paragraph of a Markdown cell of lesson 2: a passage (show_passage, which JupyterLab renders as HTML
output), and the prose the kit writes into widgets: a passage held back until an exercise is answered (an HTML
widget), an exercise's prompt, an item's text, the status line under the name box (feedback's look), and a hint. ipywidgets gives HTML widgets 13 px text on 28 px lines; the kit's CSS
(style.PROSE) sets JupyterLab's content font, size and line height and Markdown's column.
"""
from __future__ import annotations

import pytest

from .conftest import digest

NOTEBOOK = "notebooks/02_tracing_the_chain.ipynb"
WIDTH_TOLERANCE_PX = 12  # Markdown is indented 5 px more than outputs; a bordered block may differ by its border

_JS_MEASURE = """(css) => {
  const el = [...document.querySelectorAll(css)].find(e => e.getBoundingClientRect().width > 0);
  if (!el) return null;
  const style = getComputedStyle(el);
  return {fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight),
          width: el.getBoundingClientRect().width, text: el.textContent.trim().slice(0, 60)};
}"""

BLOCKS = {
    "passage": ".jp-OutputArea-output.jp-RenderedHTMLCommon > .sl-passage p",
    "passage held back until an exercise is answered": ".widget-html-content .sl-passage p",
    "exercise prompt": ".sl-exercise-chain-order .sl-exercise p",
    "item text": ".sl-exercise-chain-order .sl-item-text",
    "status line": ".sl-student-box .sl-feedback",
    "hint": ".sl-exercise-chain-order .sl-hint",
}


@pytest.mark.browser
def test_widget_prose_matches_the_markdown_cells(lab, lab_server):
    from playwright.sync_api import expect

    path, before = lab.run_lesson(NOTEBOOK)
    page = lab.page
    lab.scroll_to_cell('show_exercise("chain-order")')
    hint = page.locator(".sl-exercise-chain-order button[title='Show a hint']")
    hint.scroll_into_view_if_needed()
    hint.click()
    expect(page.locator(BLOCKS["hint"])).to_contain_text("Hint.")
    lab.scroll_to_cell('show_passage("chain.worked-example", after=chain)')
    held = page.locator("button.sl-reveal", has_text="Show the explanation").first
    held.scroll_into_view_if_needed()
    held.click()
    expect(page.locator(BLOCKS["passage held back until an exercise is answered"]).first).to_be_visible()

    markdown = page.evaluate(_JS_MEASURE, ".jp-MarkdownCell .jp-RenderedMarkdown p")
    assert markdown and markdown["width"] > 600, markdown
    wrong = []
    for name, css in BLOCKS.items():
        block = page.evaluate(_JS_MEASURE, css)
        assert block is not None, f"no {name} ({css}) on the page"
        if block["fontSize"] != markdown["fontSize"] or abs(block["lineHeight"] - markdown["lineHeight"]) > 0.5:
            wrong.append(f"{name}: {block['fontSize']} px on {block['lineHeight']} px lines, Markdown "
                         f"{markdown['fontSize']} px on {markdown['lineHeight']} px")
        if abs(block["width"] - markdown["width"]) > WIDTH_TOLERANCE_PX:
            wrong.append(f"{name}: {block['width']:.0f} px wide, Markdown {markdown['width']:.0f} px")
    assert not wrong, "\n".join(wrong)
    lab.screenshot("prose-chain-order")
    assert digest(path) == before
