"""The viewer driven from Python, as a student drives it with clicks."""
from __future__ import annotations

import ipywidgets as widgets

from sourcelab import show_article_facts, show_viewer
from sourcelab.style import LAYER_KEYS


def count(html: str, css_class: str) -> int:
    return html.split("</style>", 1)[1].count(f"{css_class}")


def test_starts_with_every_layer_off_so_students_predict_first() -> None:
    viewer = show_viewer()
    assert isinstance(viewer, widgets.VBox) and "sl-viewer" in viewer._dom_classes
    assert viewer.active_layers == []
    assert count(viewer.article.value, "sl-mark") == 0
    assert "Russia’s foreign ministry has denied" in viewer.article.value


def test_a_toggle_switches_its_layer_on_and_off() -> None:
    viewer = show_viewer()
    viewer.toggles["sources"].value = True
    named = {(a.source.start, a.source.end) for a in viewer.annotation.attributions if a.source}
    assert count(viewer.article.value, "sl-source") == len(named)
    assert "Sources</span> (bold, thick solid underline; on)" in viewer.legend.value
    viewer.toggles["narration"].value = True
    assert count(viewer.article.value, '<span class="sl-badge">') == len(
        [s for s in viewer.annotation.sentences if s.label in ("narration", "mixed")])
    viewer.toggles["sources"].value = False
    assert count(viewer.article.value, "sl-source") == 0
    assert viewer.active_layers == ["narration"]


def test_every_toggle_is_a_labelled_keyboard_usable_button() -> None:
    viewer = show_viewer()
    assert list(viewer.toggles) == list(LAYER_KEYS)
    for key, toggle in viewer.toggles.items():
        assert isinstance(toggle, widgets.ToggleButton)
        assert f"sl-layer-{key}" in toggle._dom_classes
        assert toggle.description and toggle.tooltip


def test_choosing_a_sentence_outlines_it_and_explains_it() -> None:
    viewer = show_viewer(layers=("cues",))
    assert "Choose a sentence" in viewer.details.value
    viewer.picker.value = "s13"
    assert 'class="sl-sentence sl-selected" data-sentence="s13"' in viewer.article.value
    assert "narration" in viewer.details.value and "needs a source" in viewer.details.value
    assert "disputed by a party to the dispute" in viewer.details.value  # the status of the causal account
    viewer.picker.value = None
    assert count(viewer.article.value, "sl-selected") == 0


def test_sentence_menu_lists_all_sentences_in_order() -> None:
    viewer = show_viewer()
    values = [value for _, value in viewer.picker.options]
    assert values == [None] + [f"s{i}" for i in range(1, 17)]


def test_article_facts_say_what_is_unknown() -> None:
    facts = show_article_facts().value
    assert "<dt>Outlet</dt><dd>unknown</dd>" in facts and "<dt>Published</dt><dd>unknown</dd>" in facts
    assert "On March 22" in facts
    assert "rt.com" not in facts and "Origin" not in facts  # article.yaml's origin is for instructors only
