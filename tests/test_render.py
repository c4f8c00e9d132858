"""The viewer's HTML: layers mark the right words, text is never lost, and nothing is rendered raw."""
from __future__ import annotations

import csv
import re
from html import escape, unescape
from pathlib import Path

import pytest

from sourcelab import load_annotation
from sourcelab.layers import marks, quoted_spans
from sourcelab.render import render_article, render_details, render_facts, render_legend
from sourcelab.style import LAYER_KEYS

TAG = re.compile(r"<[^>]+>")


def visible_text(html: str) -> str:
    """The text a reader sees: style block, tags, badges and paragraph numbers removed."""
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    html = re.sub(r'<span class="sl-(badge|para-no)"[^>]*>[^<]*</span>', "", html)
    return unescape(TAG.sub("", html.replace("</p><p>", "\n")))


def test_with_no_layer_nothing_is_marked(annotation) -> None:
    html = render_article(annotation)
    body = html.split("</style>", 1)[1]
    assert 'class="sl-mark' not in body and "sl-badge" not in body
    assert visible_text(html) == annotation.text


@pytest.mark.parametrize("key", LAYER_KEYS)
def test_every_layer_keeps_the_text_whole(annotation, key: str) -> None:
    assert visible_text(render_article(annotation, [key])) == annotation.text


def test_sources_layer_marks_each_named_source(annotation) -> None:
    html = render_article(annotation, ["sources"])
    marked = re.findall(r'<span class="sl-mark sl-source" title="[^"]*">([^<]*)</span>', html)
    named = {(a.source.start, a.source.end): a.source.text for a in annotation.attributions if a.source}
    sources = [a for a in annotation.attributions if a.source]
    assert len(marked) == len(named) == len(sources) - 1  # "Kiev" in s16 is the source of two attributions: one mark
    assert {unescape(m) for m in marked} == set(named.values())
    assert "sl-cue" not in html.split("</style>", 1)[1]


def test_overlapping_layers_share_one_element(annotation) -> None:
    html = render_article(annotation, ["sources", "framing"])
    # "Kiev" in the last sentence is both a source and a framing word (a naming choice)
    assert re.search(r'<span class="sl-mark sl-source sl-framing" title="Source: Ukrainian government \| '
                     r'Framing \(naming\)[^"]*">Kiev</span> insists', html)


def test_narration_layer_badges_whole_sentences(annotation) -> None:
    html = render_article(annotation, ["narration"])
    expected = [(s.label, s.id) for s in annotation.sentences if s.label in ("narration", "mixed")]
    assert re.findall(r'class="sl-sentence sl-(narration|mixed)" data-sentence="(s\d+)"', html) == expected
    assert html.count('<span class="sl-badge">NARRATION</span>') == [label for label, _ in expected].count("narration")


def test_quotes_are_found_in_the_text() -> None:
    assert quoted_spans('He said “yes” and "no".') == [(8, 13), (18, 22)]


def test_selected_sentence_is_outlined(annotation) -> None:
    assert 'class="sl-sentence sl-selected" data-sentence="s4"' in render_article(annotation, [], "s4")


def test_unknown_layer_is_a_clear_error(annotation) -> None:
    with pytest.raises(KeyError, match="unknown layer"):
        marks(annotation, ["colours"])


def test_details_explain_the_sentence_and_its_debate(annotation) -> None:
    html = render_details(annotation, "s11")
    assert "attributed" in html and "Debatable" in html and "the mass killings committed" in html
    chain = render_details(annotation, "s2")
    assert "reaches the article through: unnamed “reports” → Maria Zakharova" in unescape(chain)


def test_legend_names_every_layer_and_its_non_colour_marker() -> None:
    html = render_legend(["sources"])
    for words in ("bold, thick solid underline", "italic, dotted box", "wavy underline", "double underline"):
        assert words in html
    assert "Sources</span> (bold, thick solid underline; on)" in html


# --- hostile text: everything from a file or a person is escaped -------------------------------------------

HOSTILE = ('The minister said <script>alert("article")</script> on Monday.\n'
           'Officials <img src=x onerror=alert(1)> replied “<b>no</b>”.')


def write_hostile_data(folder: Path) -> None:
    folder.mkdir()
    (folder / "article.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "article.yaml").write_text(
        'id: evil\ntitle: "<script>alert(\'title\')</script>"\noutlet: "<img src=x onerror=alert(2)>"\n'
        "byline: unknown\npublished: unknown\nlanguage: en\nprovenance: test\n"
        'date_evidence: ["<script>alert(3)</script>"]\n', encoding="utf-8")
    first, second = HOSTILE.split("\n")
    s2_start = len(first) + 1

    def span(text: str, offset: int = 0) -> tuple[int, int, str]:
        start = HOSTILE.index(text, offset)
        return start, start + len(text), text

    def write(name: str, header: list[str], rows: list[list[object]]) -> None:
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)

    write("sentences.csv", ["id", "paragraph", "start", "end", "text", "label", "sources", "cues", "quote",
                            "explanation", "debatable", "quote_debatable"],
          [["s1", 1, 0, len(first), first, "attributed", "minister", "said", "indirect",
            "<script>alert('explanation')</script>", "Mixed: <img src=x onerror=alert(4)>", ""],
           ["s2", 2, s2_start, len(HOSTILE), second, "attributed", "officials", "replied", "both", "ok", "",
            "Direct: <script>alert('quote')</script>"]])
    write("attributions.csv", ["id", "sentence", "actor", "source_start", "source_end", "source_text", "cue_start",
                               "cue_end", "cue_text", "content_start", "content_end", "content_text", "quote", "via"],
          [["a1", "s1", "minister", *span("The minister"), *span("said"), *span('<script>alert("article")</script>'),
            "indirect", ""],
           ["a2", "s2", "officials", *span("Officials <img src=x onerror=alert(1)>"), *span("replied"),
            *span("“<b>no</b>”"), "both", ""]])
    write("actors.csv", ["id", "name", "kind", "role", "mentions"],
          [["minister", "<script>alert('actor')</script>", "person", "<img src=x onerror=alert(5)>", "The minister"],
           ["officials", "Officials", "group", "", "Officials"]])
    write("framing.csv", ["id", "sentence", "start", "end", "text", "kind", "note", "status", "cite"],
          [["f1", "s2", *span("<img src=x onerror=alert(1)>"), "loaded-word", "<script>alert('note')</script>",
            "established", "r1;s1"]])
    write("references.csv", ["id", "body", "title", "date", "url", "supports"],
          [["r1", "<script>alert('body')</script>", "<img src=x onerror=alert(6)>", "2022-04-22",
            'https://example.org/"><script>alert(7)</script>', "test"]])


@pytest.fixture
def hostile(tmp_path: Path):
    write_hostile_data(tmp_path / "data")
    return load_annotation(tmp_path / "data")


def assert_inert(html: str) -> None:
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "onerror=alert" not in TAG.sub("", body) or "&lt;img" in body


def test_hostile_text_renders_as_text(hostile) -> None:
    plain = render_article(hostile)
    assert "&lt;script&gt;alert(&quot;article&quot;)&lt;/script&gt;" in plain
    assert "&lt;img src=x onerror=alert(1)&gt;" in plain
    every_layer = render_article(hostile, LAYER_KEYS, "s2")
    assert_inert(every_layer)
    assert visible_text(every_layer) == HOSTILE
    for sentence in ("s1", "s2"):
        assert_inert(render_details(hostile, sentence))
    assert "&lt;script&gt;alert(&#x27;explanation&#x27;)" in render_details(hostile, "s1")
    details = render_details(hostile, "s2")
    assert "&lt;script&gt;alert(&#x27;quote&#x27;)" in details and "&lt;script&gt;alert(&#x27;body&#x27;)" in details
    assert 'href="https://example.org/&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;"' in details
    assert "established by independent investigators" in details and "sentence s1 of the article" in details
    facts = render_facts(hostile)
    assert_inert(facts)
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in facts


def test_hostile_text_in_the_viewer_widget(hostile) -> None:
    from sourcelab.widgets.viewer import ArticleViewer

    viewer = ArticleViewer(hostile, LAYER_KEYS)
    viewer.picker.value = "s1"
    for html in (viewer.article.value, viewer.details.value, viewer.legend.value):
        assert_inert(html)


def test_students_never_read_an_internal_item_id(every_item, annotation) -> None:
    """Sentence numbers are shown (the viewer's menu uses them); chain steps, matrix cells and question ids
    are the kit's own names, and never appear in what a student reads."""
    import re

    from sourcelab.render import item_html

    sentence_ids = {s.id for s in annotation.sentences}
    for exercise in every_item.values():
        for item in exercise.items:
            shown = " ".join(re.sub(r"<style>.*?</style>|<[^>]+>", " ", item_html(annotation, item), flags=re.S).split())
            if item.id not in sentence_ids and not item.text.startswith(item.id):
                assert not shown.startswith(item.id), (exercise.id, item.id, shown[:40])  # as it did: "step-1 Link 1"


def test_an_answer_box_is_named_by_its_question_and_the_name_is_escaped(every_item, annotation) -> None:
    """Drop-downs and text boxes carry a visible label and, for screen readers, the question (or sentence) they
    answer: the label is HTML (ipywidgets' description), so the question's text is escaped."""
    from dataclasses import replace

    from sourcelab.render import item_label

    question = next(i for e in every_item.values() for i in e.items if i.sentence != i.id)
    label = item_label(annotation, question, "Your answer:")
    assert label == f'<span class="sl-sr-only">{escape(question.text, quote=True)}: </span>Your answer:'
    sentence = next(i for e in every_item.values() for i in e.items if i.sentence == i.id)
    paragraph = annotation.sentence(sentence.id).paragraph
    assert f">Sentence {sentence.id} (¶{paragraph}): </span>" in item_label(annotation, sentence, "Your text:")
    hostile = replace(question, text='Who said <img src=x onerror=alert(1)> "it"?')
    assert "<img" not in item_label(annotation, hostile, "<b>Your answer</b>")
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;it&quot;?: " in item_label(annotation, hostile, "x")


def test_the_legend_is_a_list_of_items_readable_when_off() -> None:
    """role="list" needs role="listitem" children (axe: aria-required-children); a layer that is off is greyed
    with colours, not with opacity, which took its text below the contrast WCAG asks for (axe: color-contrast)."""
    from sourcelab.style import CSS

    html = render_legend([])
    assert html.count('role="listitem"') == len(LAYER_KEYS) and 'role="list"' in html
    assert "opacity" not in CSS.split(".sl-legend-off", 1)[1].split("}", 1)[0]
