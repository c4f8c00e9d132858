"""HTML for the viewer and the exercises: every piece of text from the data, the instructor's YAML and the
student passes through `html.escape` here (lesson passages through mistune with escaping on).

Pure functions to strings, so they are tested (and timed) without a browser or widgets.
"""
from __future__ import annotations

import functools
from collections.abc import Collection
from html import escape
from typing import Any

from .evidence import ARTICLE, CARD_KIND_LABELS, Card, Context
from .exercises import ExerciseSpec, Item, ItemResult, Result
from .exercises.grid import GridRow
from .layers import Mark, marks, sentence_classes
from .model import STATUS_LABELS, Annotation, FramingMark, Sentence
from .segment import WORD
from .style import LAYERS, style_tag


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _segments(text: str, offset: int, inline: list[Mark]) -> str:
    """`text` (starting at article offset `offset`) cut at every mark boundary, each piece wrapped once."""
    end = offset + len(text)
    cuts = {offset, end}
    for m in inline:
        if m.start < end and m.end > offset:
            cuts.update((max(m.start, offset), min(m.end, end)))
    points = sorted(cuts)
    html = []
    for a, b in zip(points, points[1:]):
        piece = _e(text[a - offset:b - offset])
        covering = [m for m in inline if m.start <= a and b <= m.end]
        if covering:
            classes = " ".join(dict.fromkeys(m.css_class for m in covering))
            title = " | ".join(dict.fromkeys(m.title for m in covering))
            html.append(f'<span class="sl-mark {classes}" title="{_e(title)}">{piece}</span>')
        else:
            html.append(piece)
    return "".join(html)


def render_article(annotation: Annotation, layers: Collection[str] = (), selected: str | None = None) -> str:
    """The article as HTML with the chosen layers marked and one sentence optionally outlined."""
    inline = marks(annotation, [k for k in layers if k != "narration"])
    badges = sentence_classes(annotation, layers)
    text = annotation.text
    paragraphs = []
    for number, sentences in enumerate(annotation.paragraphs, start=1):
        parts = [f'<span class="sl-para-no" aria-label="paragraph {number}">¶{number}</span>']
        for i, s in enumerate(sentences):
            classes = ["sl-sentence"]
            badge = ""
            if s.id in badges:
                classes.append(f"sl-{badges[s.id]}")
                badge = f'<span class="sl-badge">{_e(badges[s.id].upper())}</span>'
            if s.id == selected:
                classes.append("sl-selected")
            parts.append(f'<span class="{" ".join(classes)}" data-sentence="{_e(s.id)}">{badge}'
                         f'{_segments(s.text, s.span.start, inline)}</span>')
            if i + 1 < len(sentences):
                gap_end = sentences[i + 1].span.start
                parts.append(_e(text[s.span.end:gap_end]))
        paragraphs.append(f"<p>{''.join(parts)}</p>")
    return f'{style_tag()}<div class="sl-article" lang="en">{"".join(paragraphs)}</div>'


def render_legend(active: Collection[str] = ()) -> str:
    items = []
    for layer in LAYERS:
        state = "on" if layer.key in active else "off"
        sample_class = f"sl-sentence {layer.css_class}" if layer.key == "narration" else f"sl-mark {layer.css_class}"
        items.append(f'<span class="sl-legend-item{"" if state == "on" else " sl-legend-off"}" role="listitem" '
                     f'title="{_e(layer.meaning)}"><span class="{sample_class}">{_e(layer.label)}</span> '
                     f'({_e(layer.marker)}; {state})</span>')
    return f'{style_tag()}<div class="sl-legend" role="list">{"".join(items)}</div>'


def _sentence_attributions(annotation: Annotation, sentence: Sentence) -> str:
    rows = []
    for a in annotation.attributions_in(sentence.id):
        actor = annotation.actor(a.actor)
        named = f"“{_e(a.source.text)}” ({_e(actor.name)})" if a.source else f"no one named ({_e(actor.name)})"
        chain = annotation.chain(a.id)
        through = ""
        if a.denied and a.via is not None:
            denier = annotation.actor(annotation.attribution(a.via).actor)
            through = f"<br>reaches the article only as what {_e(denier.name)} denies"
        elif len(chain) > 1:
            links = " → ".join(_e(annotation.actor(link.actor).name) for link in chain[1:])
            through = f"<br>reaches the article through: {links}"
        content = f"<br>content: “{_e(a.content.text)}”" if a.content else ""
        rows.append(f"<li>source: {named}; cue: “{_e(a.cue.text)}”; {_e(a.quote)} speech{content}{through}</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else "<p>none: no one is cited in this sentence.</p>"


def render_details(annotation: Annotation, sentence_id: str | None) -> str:
    """What the reference annotation says about one sentence, with any debatable reading."""
    if sentence_id is None:
        return f'{style_tag()}<div class="sl-details"><p>Choose a sentence to see how it is annotated.</p></div>'
    s = annotation.sentence(sentence_id)
    parts = [f"<dt>Sentence {_e(s.id)} (paragraph {s.paragraph})</dt><dd>{_e(s.text)}</dd>",
             f"<dt>Label</dt><dd>{_e(s.label)}</dd>",
             f"<dt>Quotation</dt><dd>{_e(s.quote)}</dd>",
             f"<dt>Attributions</dt><dd>{_sentence_attributions(annotation, s)}</dd>",
             f"<dt>Why</dt><dd>{_e(s.explanation)}</dd>"]
    if s.debatable:
        parts.append(f'<dt>Debatable</dt><dd class="sl-note">Another defensible reading: {_e(s.debatable)}</dd>')
    if s.quote_debatable:
        parts.append(f'<dt>Debatable quotation</dt><dd class="sl-note">Another defensible reading: '
                     f'{_e(s.quote_debatable)}</dd>')
    framing = annotation.framing_in(s.id)
    if framing:
        items = "".join(_framing_item(annotation, f) for f in framing)
        parts.append(f"<dt>Framing words</dt><dd><ul>{items}</ul></dd>")
    return f'{style_tag()}<div class="sl-details"><dl>{"".join(parts)}</dl></div>'


def _link(url: str) -> str:
    """A web address as a link only when it is one (http/https); anything else stays inert text."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(url)}</a>'
    return _e(url)


def _framing_item(annotation: Annotation, f: FramingMark) -> str:
    status = f" <strong>{_e(STATUS_LABELS[f.status])}</strong>." if f.status in STATUS_LABELS else ""
    refs, sentences = annotation.citations(f)
    shown = [f"{_e(r.body)}{', “' + _e(r.title) + '”' if r.title else ''}, {_e(r.date)}, {_link(r.url)}"
             for r in refs] + [f"sentence {_e(c)} of the article" for c in sentences]
    sources = f"<br><small>Sources: {'; '.join(shown)}</small>" if shown else ""
    return f"<li>“{_e(f.span.text)}” ({_e(f.kind)}):{status} {_e(f.note)}{sources}</li>"


def render_facts(annotation: Annotation) -> str:
    """What is known and unknown about the article itself (outlet, byline, date, provenance).

    The `origin` section of article.yaml is instructor material and never appears here: students meet the
    text as given and find its origin themselves."""
    meta = annotation.metadata
    rows = [f"<dt>{_e(key.capitalize())}</dt><dd>{_e(meta.get(key, 'unknown'))}</dd>"
            for key in ("title", "outlet", "byline", "published", "provenance")]
    for key, heading in (("date_evidence", "Clues to the date inside the text"),
                         ("questions_for_readers", "Questions to ask")):
        values = meta.get(key) or []
        if isinstance(values, list) and values:
            items = "".join(f"<li>{_e(v)}</li>" for v in values)
            rows.append(f"<dt>{heading}</dt><dd><ul>{items}</ul></dd>")
    return f'{style_tag()}<div class="sl-details sl-facts"><dl>{"".join(rows)}</dl></div>'


# --- exercises --------------------------------------------------------------------------------------------

VERDICTS = {"right": ("✓", "right"), "partial": ("◐", "partly right"), "wrong": ("✗", "not right yet")}


def feedback_html(result: ItemResult | None, reveal: bool) -> str:
    """One item's feedback; the verdict is words and a symbol, the colour only repeats it."""
    if result is None:
        return ""
    if not result.answered:
        kind, body = "wrong", _e(result.feedback)
    else:
        kind = "right" if result.correct else ("partial" if result.score > 0 else "wrong")
        symbol, words = VERDICTS[kind]
        body = f'<span class="sl-verdict" aria-label="{words}">{symbol}</span> {_e(result.feedback)}'
    if reveal and not result.correct:
        body += f'<div class="sl-answer">{_e(result.answer)}</div>'
    return f'{style_tag()}<div class="sl-feedback sl-feedback-{kind}" role="status">{body}</div>'


def status_html(text: str, warning: bool = False) -> str:
    """Where answers are saved (or why they are not), under an exercise or a name box."""
    kind, mark = ("sl-feedback-partial", "⚠") if warning else ("sl-feedback-right", "💾")
    return f'{style_tag()}<div class="sl-feedback {kind}" role="status">{mark} {_e(text)}</div>'


def notice_html(text: str) -> str:
    """A message in the feedback place that is not a verdict (e.g. "mark at least one word first")."""
    return f'{style_tag()}<div class="sl-feedback sl-feedback-wrong" role="status">{_e(text)}</div>'


def recorded_html(answered: bool | None, done: int = 0, total: int = 0, marked: bool = True) -> str:
    """Assessment mode: the answer is saved, and nothing says whether it is right. With `answered` None, the
    line under the exercise: how many items have an answer (`marked`: a teacher marks them; else free text,
    which nobody marks right or wrong)."""
    if answered is None:
        after = "your teacher marks the answers" if marked else "your texts are saved"
        return f'<div class="sl-score" role="status">{done} of {total} answered; {after}</div>'
    if not answered:
        return ""
    return (f'{style_tag()}<div class="sl-feedback sl-feedback-recorded" role="status">'
            "<b>Answer recorded.</b> You can change it until you hand in your work.</div>")


def written_html(result: ItemResult | None) -> str:
    """Feedback on free text: what the checks found, never a verdict (nobody marks a text right or wrong)."""
    if result is None:
        return ""
    return (f'{style_tag()}<div class="sl-feedback sl-feedback-recorded" role="status">{_e(result.feedback)}'
            "</div>")


def models_html(title: str, entries: Collection[tuple[str, str]]) -> str:
    """Texts to set beside the student's own, each with a comment: model rewrites, the article's lead, ..."""
    rows = "".join(f"<li><q>{_e(text)}</q><br><small>{_e(comment)}</small></li>" for text, comment in entries)
    return f'{style_tag()}<div class="sl-hint"><b>{_e(title)}</b><ul>{rows}</ul></div>'


def checklist_html(items: Collection[str]) -> str:
    rows = "".join(f"<li>{_e(i)}</li>" for i in items)
    return f'{style_tag()}<div class="sl-hint"><b>Check your own text:</b><ul>{rows}</ul></div>'


def exercise_header_html(spec: ExerciseSpec) -> str:
    return f'{style_tag()}<div class="sl-exercise"><h3>{_e(spec.title)}</h3><p>{_e(spec.prompt)}</p></div>'


def hint_html(hint: str) -> str:
    return f'{style_tag()}<div class="sl-hint"><b>Hint.</b> {_e(hint)}</div>'


def score_html(result: Result, attempts: int) -> str:
    return f'<div class="sl-score" role="status">{_e(result.score_line())}; attempt {attempts}</div>'


def answer_label(name: str, shown: str) -> str:
    """The label of an answer box (a drop-down, a text box), as ipywidgets' `description` HTML: `shown` is what
    sighted students read beside the box (the question is already on screen near it); a screen reader hears
    `name` first, so the box's name says what it answers."""
    return f'<span class="sl-sr-only">{_e(name)}: </span>{_e(shown)}'


def item_label(annotation: Annotation, item: Item, shown: str) -> str:
    """answer_label for an exercise item: named by its question, or by the sentence's number."""
    if item.sentence and item.sentence == item.id:
        return answer_label(f"Sentence {item.id} (¶{annotation.sentence(item.id).paragraph})", shown)
    return answer_label(item.text, shown)


def item_html(annotation: Annotation, item: Item, text: bool = True) -> str:
    """What an item shows above its answer: a question with the sentence it is about, or a labelled sentence
    (with `text` False only its label, where the answer shows the sentence itself, as word marking does)."""
    if item.sentence and item.sentence != item.id:  # a question about a sentence
        quoted = _e(annotation.sentence(item.sentence).text)
        return (f'{style_tag()}<div class="sl-item-text"><b>{_e(item.text)}</b><br>'
                f"<small>Sentence {_e(item.sentence)}: {quoted}</small></div>")
    sentence = annotation.sentence(item.sentence) if item.sentence else None
    if sentence is None or item.id != item.sentence:  # an internal id (step-1, p18-evidence) means nothing to a student
        return f'{style_tag()}<div class="sl-item-text">{_e(item.text)}</div>'
    where = f"{item.id} (¶{sentence.paragraph})"  # the sentence's number, as the viewer's menu shows it
    return (f'{style_tag()}<div class="sl-item-text"><span class="sl-item-id">{_e(where)}</span>'
            f'{_e(item.text) if text else ""}</div>')


# --- evidence from outside the article (lesson 4) -------------------------------------------------------------

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "uk": "Ukrainian", "fr": "French", "de": "German", "es": "Spanish"}


def table_html(frame: Any) -> str:
    """A pandas table as the kit shows it inside a widget (pandas escapes every cell)."""
    return f'{style_tag()}<div class="sl-table-box">{frame.to_html(classes="sl-table", border=0, escape=True)}</div>'


def grid_heading_html(text: str) -> str:
    """A column heading of a grid exercise (a party). No ARIA grid roles: each cell is a widget of its own, so no
    element can hold a row (axe: a columnheader outside a row is a critical fault); each menu is named by its
    party and question instead (answer_label)."""
    return f'{style_tag()}<div class="sl-grid-head">{_e(text)}</div>'


def grid_row_html(row: GridRow) -> str:
    """A row heading of a grid exercise: the issue, and what each letter in the row's cells stands for."""
    legend = "".join(f'<li><span class="sl-grid-letter">{_e(letter)}</span> {_e(text)}</li>'
                     for letter, text in row.legend)
    return (f'{style_tag()}<div class="sl-grid-issue"><strong>{_e(row.heading)}</strong>'
            f'{f"<ul>{legend}</ul>" if legend else ""}</div>')


GRID_MARKS = {"right": "✓ right", "partial": "◐ partly right", "wrong": "✗ not right yet", "recorded": "recorded",
              "": "no answer yet"}


def grid_marks_html(parts: Collection[tuple[str, str]]) -> str:
    """Under a grid cell, one word per answer: (label, state), state one of GRID_MARKS. Words and a symbol, the
    colour only repeats them; the full feedback shows below the grid."""
    marks = "".join(f'<li class="sl-grid-mark-{state or "none"}">{_e(label)}: {GRID_MARKS[state]}</li>'
                    for label, state in parts)
    return f'{style_tag()}<ul class="sl-grid-marks">{marks}</ul>'


def grid_detail_html(column: str, heading: str) -> str:
    """The heading over the feedback of one grid cell, shown under the grid."""
    return (f'{style_tag()}<div class="sl-grid-detail"><strong>{_e(column)}</strong>, on the question '
            f'<em>{_e(heading)}</em></div>')


def grid_part_html(label: str) -> str:
    """The label over one answer's feedback under the grid ("Stance")."""
    return f'<div class="sl-grid-part"><strong>{_e(label)}</strong></div>'


def card_html(card: Card) -> str:
    """One evidence card: what kind of evidence, who published it and when, the exact words, what it shows."""
    title = f"<br><i>{_e(card.title)}</i>" if card.title else ""
    quote = f"<blockquote>“{_e(card.quote)}”</blockquote>" if card.quote else ""
    return (f'<div class="sl-card sl-card-{_e(card.kind)}" data-card="{_e(card.id)}">'
            f'<span class="sl-card-id">{_e(card.id)}</span>'
            f'<div class="sl-card-kind">{_e(CARD_KIND_LABELS.get(card.kind, card.kind))}</div>'
            f"<b>{_e(card.source)}</b>, {_e(card.date)}{title}{quote}<p>{_e(card.facts)}</p>"
            f"<small>{_link(card.url)}</small></div>")


def cards_html(cards: Collection[Card]) -> str:
    return f'{style_tag()}<div class="sl-cards">{"".join(card_html(c) for c in cards)}</div>'


def _word_key(word: str) -> str:
    """How words are compared across renderings: case and a possessive ’s do not make a word differ."""
    word = word.casefold()
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _words(text: str) -> set[str]:
    return {_word_key(w) for w in WORD.findall(text)}


def _marked(text: str, known: set[str]) -> str:
    """`text` with every word the compared version does not use marked (and said in words for screen readers)."""
    out, last = [], 0
    for match in WORD.finditer(text):
        out.append(_e(text[last:match.start()]))
        word = match.group()
        out.append(_e(word) if _word_key(word) in known else
                   f'<span class="sl-differs" title="not in the article\'s version">{_e(word)}</span>')
        last = match.end()
    out.append(_e(text[last:]))
    return "".join(out)


def renderings_html(context: Context, passage: str) -> str:
    """One passage as each outlet renders it; words the article's version does not use are marked."""
    rows = context.passages()[passage]
    article = next((r for r in rows if r.card == ARTICLE), rows[0])
    known = _words(article.text)
    body = []
    for r in rows:
        who = "The article" if r.card == ARTICLE else context.card(r.card).source
        same = r.language == article.language
        text = _marked(r.text, known) if same and r is not article else _e(r.text)
        language = f" (the original, in {_e(LANGUAGE_NAMES.get(r.language, r.language))})" if not same else ""
        body.append(f"<tr><td>{_e(who)}{language}</td><td class=\"sl-rendering-text\">{text}</td></tr>")
    return (f'{style_tag()}<table class="sl-renderings"><caption>{_e(passage.capitalize())}: the same words, as each '
            f"outlet prints them. Marked: words the article's version does not use.</caption>"
            f"<tr><th>Who prints it</th><th>Wording</th></tr>{''.join(body)}</table>")


@functools.cache
def _markdown() -> Any:
    import mistune  # loaded on the first passage: the command line never needs it

    return mistune.create_markdown(escape=True, plugins=["table"])


def passage_html(markdown: str, in_widget: bool = False) -> str:
    """A lesson passage (passages.yaml, or drawn from the annotation) as HTML. Markdown formatting works; any
    HTML typed into a passage is escaped and shown as text, never run, like every other text the kit shows.

    `in_widget`: for an HTML widget (a passage held back until an exercise is answered), which takes JupyterLab's
    Markdown look (.jp-RenderedHTMLCommon: font, size, line height, paragraphs, lists, column) that a cell's HTML
    output gets by itself."""
    look = " jp-RenderedHTMLCommon" if in_widget else ""
    return f'<div class="sl-passage{look}">{_markdown()(markdown)}</div>'


# The HTML pandas writes for a DataFrame, so a table the kit counts itself looks the same as one pandas shows.
_FRAME_STYLE = """<style scoped>
    .dataframe tbody tr th:only-of-type {
        vertical-align: middle;
    }

    .dataframe tbody tr th {
        vertical-align: top;
    }

    .dataframe thead th {
        text-align: right;
    }
</style>"""


def frame_html(index_name: str, columns_name: str, columns: Collection[str],
               rows: Collection[tuple[str, Collection[object]]], classes: str = "", border: int = 1,
               notebook: bool = True) -> str:
    """A table with named row labels, laid out as pandas lays out a DataFrame's HTML: as a notebook shows it, or
    (`notebook` False) as DataFrame.to_html(classes=..., border=...) writes it. Every text escaped."""
    head = "".join(f"\n      <th>{_e(c)}</th>" for c in columns)
    blank = "\n      <th></th>" * len(columns)
    body = "".join(f"\n    <tr>\n      <th>{_e(label)}</th>" + "".join(f"\n      <td>{_e(v)}</td>" for v in values)
                   + "\n    </tr>" for label, values in rows)
    attributes = (f'border="{border}" ' if border else "") + f'class="{" ".join(["dataframe", *classes.split()])}"'
    table = (f'<table {attributes}>\n  <thead>\n'
             f'    <tr style="text-align: right;">\n      <th>{_e(columns_name)}</th>{head}\n    </tr>\n'
             f"    <tr>\n      <th>{_e(index_name)}</th>{blank}\n    </tr>\n  </thead>\n  <tbody>{body}\n  </tbody>\n"
             "</table>")
    return f"<div>\n{_FRAME_STYLE}\n{table}\n</div>" if notebook else table
