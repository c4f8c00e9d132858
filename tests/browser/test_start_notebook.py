"""Smoke test: the start notebook runs in JupyterLab and its viewer answers a click.

Viewer contract (rendered by ``sourcelab.show_viewer``): an ipywidgets VBox ``.sl-viewer``
holding an HTML widget with ``div.sl-article`` (sentences ``span.sl-sentence``) and
ToggleButtons ``.sl-layer-<name>``, all off at first.  With Sources on, source spans
``span.sl-mark.sl-source`` appear inside ``.sl-article``; with it off there are none.
"""

from __future__ import annotations

import re

import pytest

from .conftest import digest

START_NOTEBOOK = "notebooks/00_start_here.ipynb"
FIRST_WORDS = "Russia\u2019s foreign ministry has denied"  # curly apostrophe, as in data/article.txt
LAYERS = {
    "sources": "Sources",
    "cues": "Cues",
    "quotes": "Direct quotes",
    "narration": "Narration",
    "framing": "Framing words",
}
TOGGLE_TIMEOUT_MS = 10_000



@pytest.mark.browser
def test_start_notebook_viewer_toggles_sources(lab, lab_server):
    from playwright.sync_api import expect

    notebook, before = lab.run_lesson(START_NOTEBOOK)

    page = lab.page
    viewer = page.locator(".sl-viewer").first
    viewer.scroll_into_view_if_needed()
    article = viewer.locator(".sl-article")
    expect(article).to_have_count(1)
    expect(article).to_be_visible()
    expect(article).to_contain_text(FIRST_WORDS)
    expect(viewer.locator(".sl-article .sl-sentence").first).to_be_visible()

    # Every layer toggle is there, labelled, and off.
    for key, label in LAYERS.items():
        toggle = viewer.locator(f".sl-layer-{key}")
        expect(toggle).to_have_count(1)
        expect(toggle).to_contain_text(label)
        expect(toggle).not_to_have_class(re.compile(r"\bmod-active\b"))
    sources = viewer.locator(".sl-article .sl-source")
    expect(sources).to_have_count(0)

    toggle = viewer.locator(".sl-layer-sources")
    toggle.click()
    expect(toggle).to_have_class(re.compile(r"\bmod-active\b"), timeout=TOGGLE_TIMEOUT_MS)
    expect(sources.first).to_be_visible(timeout=TOGGLE_TIMEOUT_MS)  # the kernel re-rendered the article
    assert sources.count() > 0
    viewer.evaluate("el => el.scrollIntoView({block: 'start'})")
    lab.screenshot("start_notebook-sources_on")

    toggle.click()
    expect(sources).to_have_count(0, timeout=TOGGLE_TIMEOUT_MS)
    expect(article).to_contain_text(FIRST_WORDS)

    # JupyterLab's one-time "official Jupyter news" question must not show
    # (config/jupyterlab/overrides.json, installed by `make setup`, answers it).
    news = page.locator(".Toastify__toast", has_text=re.compile("Jupyter news"))
    lab.screenshot("start_notebook")
    assert news.count() == 0, (
        "JupyterLab asks about 'official Jupyter news': the settings override is not installed "
        "(make setup copies config/jupyterlab/overrides.json to .venv/share/jupyter/lab/settings/)"
    )

    # Running it in the browser must not have written into the repo (autosave is off).
    assert digest(notebook) == before, f"{START_NOTEBOOK} was modified by the browser run"
