"""Turning the data folder into an `Annotation`, checking every cell and every cross-reference.

The rules are the ones docs/annotation-guide.md explains to annotators; each failed rule becomes a
Problem that names the file, the row, the column and how to fix it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .cells import URL_PATTERN, UNDATED, Cells, date_problem, each_row, first_rows, short, split_list
from .context_files import CONTEXT_DIR, read_context
from .errors import Problem
from .model import (ACTOR_KINDS, ATTRIBUTION_QUOTES, CONVEYED, FRAMING_KINDS, LABELS, RELATIONS, SENTENCE_QUOTES,
                    STATUSES, Actor, Annotation, Attribution, FramingMark, Issue, Position, Reference, Sentence, Span,
                    WordPair)
from .passages import read_passages
from .readers import display_name, read_csv, read_text, read_yaml
from .released_data import RELEASED_DATA, read_released_data

ARTICLE_FILE = "article.txt"
METADATA = "article.yaml"
SENTENCES = "sentences.csv"
ATTRIBUTIONS = "attributions.csv"
ACTORS = "actors.csv"
FRAMING = "framing.csv"
ISSUES = "issues.csv"
POSITIONS = "positions.csv"
REFERENCES = "references.csv"

SENTENCE_COLUMNS = ("id", "paragraph", "start", "end", "text", "label", "sources", "cues", "quote",
                    "explanation", "debatable")
ATTRIBUTION_COLUMNS = ("id", "sentence", "actor", "source_start", "source_end", "source_text", "cue_start",
                       "cue_end", "cue_text", "content_start", "content_end", "content_text", "quote", "via")
ACTOR_COLUMNS = ("id", "name", "kind", "role", "mentions")
FRAMING_COLUMNS = ("id", "sentence", "start", "end", "text", "kind", "note")
ISSUE_COLUMNS = ("id", "question")
POSITION_COLUMNS = ("id", "actor", "issue", "stance", "evidence", "conveyed", "note")
REFERENCE_COLUMNS = ("id", "body", "title", "date", "url", "supports")
WORD_PAIRS = "word_pairs.csv"
WORD_PAIR_COLUMNS = ("id", "article_words", "sentence", "other_words", "signals", "who_uses", "cite")
METADATA_KEYS = ("id", "title", "outlet", "byline", "published", "language", "provenance")  # text_sha256: optional
ORIGIN_KEYS = ("outlet", "url", "published", "found")  # article.yaml `origin`: required when it is there
ORIGIN_OPTIONAL = ("title", "notes", "cite")

def _paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _parse_sentence(cells: Cells) -> Sentence | None:
    ident = cells.ident()
    paragraph = cells.integer("paragraph")
    span = cells.span("start", "end", "text")
    label = cells.choice("label", LABELS)
    quote = cells.choice("quote", SENTENCE_QUOTES)
    explanation = cells.get("explanation")
    if span is not None and paragraph is not None and paragraph != _paragraph_of(cells.text, span.start):
        cells.problem("paragraph", f"is {paragraph} but the sentence stands in paragraph "
                      f"{_paragraph_of(cells.text, span.start)}", "paragraphs are the lines of article.txt, from 1")
    sources = split_list(cells.get("sources", required=False))
    cues = split_list(cells.get("cues", required=False))
    if label == "narration" and sources:
        cells.problem("sources", "a narration sentence has no source", "clear sources, or change the label")
    if label in ("attributed", "mixed") and not sources:
        cells.problem("sources", f"an {label} sentence needs at least one source",
                      "list the actor ids, separated by ';'")
    if span is not None:
        for cue in cues:
            if cue not in span.text:
                cells.problem("cues", f"cue {short(cue)} is not in the sentence", "copy the cue exactly from the text")
    debatable = cells.get("debatable", required=False)
    if debatable:
        other = debatable.split(":", 1)[0].strip().lower()
        if other not in LABELS or other == label:
            cells.problem("debatable", "must start with the other defensible label and a colon",
                          f"write e.g. 'Mixed: why' using a label other than {label or 'the label'} "
                          f"({', '.join(LABELS)})")
    quote_debatable = cells.get("quote_debatable", required=False)
    if quote_debatable:
        other = quote_debatable.split(":", 1)[0].strip().lower()
        if quote == "none":
            cells.problem("quote_debatable", "a sentence that quotes no one has no other quotation reading",
                          "clear quote_debatable, or set quote to direct, indirect or both")
        elif ":" not in quote_debatable or other not in ATTRIBUTION_QUOTES or other == quote:
            cells.problem("quote_debatable", "must start with the other defensible quotation type and a colon",
                          f"write e.g. 'Both: why' using a type other than {quote or 'the quote'} "
                          f"({', '.join(ATTRIBUTION_QUOTES)})")
    if not ident or span is None or paragraph is None:
        return None
    return Sentence(ident, paragraph, span, label, sources, cues, quote, explanation, debatable, quote_debatable)


def _search_area(sentence_id: str, sentences: Mapping[str, Sentence]) -> tuple[Span | None, str]:
    """Where a span given only by its text is looked for: its row's sentence when that is known."""
    sentence = sentences.get(sentence_id)
    return (sentence.span, f"sentence {sentence_id}") if sentence else (None, "the article")


def _parse_attribution(cells: Cells, sentences: Mapping[str, Sentence]) -> Attribution | None:
    ident = cells.ident()
    sentence = cells.get("sentence")
    actor = cells.get("actor")
    within, where = _search_area(sentence, sentences)
    source = cells.span("source_start", "source_end", "source_text", required=False, within=within, where=where)
    cue = cells.span("cue_start", "cue_end", "cue_text", within=within, where=where)
    content = cells.span("content_start", "content_end", "content_text", required=False, within=within, where=where)
    quote = cells.choice("quote", ATTRIBUTION_QUOTES)
    via = cells.get("via", required=False) or None
    if via is not None and via == ident:
        cells.problem("via", "an attribution cannot be reported through itself", "clear via or name another id")
    relation = cells.get("relation", required=False)
    if relation and via is None:
        cells.problem("relation", f"is {relation!r} but via is empty",
                      "clear relation, or name in via the attribution that reports or denies this claim")
    elif relation and relation not in RELATIONS:
        cells.problem("relation", f"unknown value {relation!r}",
                      f"use one of: {', '.join(RELATIONS)} (empty means {RELATIONS[0]})")
    if cue is None:
        return None
    return Attribution(ident, sentence, actor, source, cue, content, quote, via, relation or RELATIONS[0])


def _parse_actor(cells: Cells) -> Actor | None:
    ident = cells.ident()
    name = cells.get("name")
    kind = cells.choice("kind", ACTOR_KINDS)
    mentions = split_list(cells.get("mentions"))
    for mention in mentions:
        if mention not in cells.text:
            cells.problem("mentions", f"{short(mention)} does not occur in the article",
                          "copy each mention exactly from article.txt, separated by ';'")
    return Actor(ident, name, kind, cells.get("role", required=False), mentions, cells.get("party", required=False))


def _parse_framing(cells: Cells, sentences: Mapping[str, Sentence]) -> FramingMark | None:
    ident = cells.ident()
    sentence = cells.get("sentence")
    within, where = _search_area(sentence, sentences)
    span = cells.span("start", "end", "text", within=within, where=where)
    kind = cells.choice("kind", FRAMING_KINDS)
    note = cells.get("note")
    status = cells.get("status", required=False)
    if status and status not in STATUSES:
        cells.problem("status", f"unknown value {status!r}", f"use one of: {', '.join(STATUSES)}, or leave it empty")
    cite = split_list(cells.get("cite", required=False))
    if status and not cite:
        cells.problem("cite", f"a row whose status is {status!r} states a fact and must say where it is shown",
                      "list reference ids from references.csv (for 'disputed', the article's sentence ids also "
                      "do), separated by ';'")
    if span is None:
        return None
    return FramingMark(ident, sentence, span, kind, note, status, cite)


def _parse_reference(cells: Cells) -> Reference | None:
    ident = cells.ident()
    body, title, supports = cells.get("body"), cells.get("title", required=False), cells.get("supports")
    date, url = cells.get("date"), cells.get("url")
    if date and date != UNDATED and (why := date_problem(date, partial=True)):
        cells.problem("date", why, "write the publication date as YYYY-MM-DD, e.g. 2022-04-19 (YYYY-MM or YYYY "
                      f"when the source shows no day, {UNDATED} when it shows no date)")
    if url and not URL_PATTERN.match(url):
        cells.problem("url", f"{short(url)} is not a web address", "copy the full address, starting https://")
    return Reference(ident, body, title, date, url, supports)


def _parse_word_pair(cells: Cells) -> WordPair | None:
    cite = split_list(cells.get("cite"))
    return WordPair(cells.ident(), cells.get("article_words"), cells.get("sentence"), cells.get("other_words"),
                    cells.get("signals"), cells.get("who_uses"), cite)


def _parse_issue(cells: Cells) -> Issue | None:
    return Issue(cells.ident(), cells.get("question"))


def _parse_position(cells: Cells) -> Position | None:
    ident = cells.ident()
    conveyed = cells.choice("conveyed", CONVEYED)
    stance = cells.get("stance", required=False)
    if conveyed == "absent" and stance:
        cells.problem("stance", "a position the article does not convey has no stance",
                      "clear stance, or choose how the article conveys it")
    if conveyed and conveyed != "absent" and not stance:
        cells.problem("stance", "is empty", "write the party's stance in a few words, or set conveyed to absent")
    evidence = split_list(cells.get("evidence", required=False))
    if conveyed and conveyed != "absent" and not evidence:
        cells.problem("evidence", "is empty", "list the sentence ids that show this stance, separated by ';'")
    return Position(ident, cells.get("actor"), cells.get("issue"), stance, evidence, conveyed,
                    cells.get("note", required=False))


def _check_metadata(meta: Any, path: Path, problems: list[Problem]) -> dict[str, Any]:
    name = display_name(path)
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problems.append(Problem(name, None, None, "must be a set of 'key: value' lines",
                                f"start from the keys {', '.join(METADATA_KEYS)}"))
        return {}
    for key in METADATA_KEYS:
        if key not in meta:
            problems.append(Problem(name, None, key, "is missing",
                                    f"add '{key}: ...' (write 'unknown' when the article does not say)"))
    if "origin" in meta:
        _check_origin(meta["origin"], name, problems)
    return meta


def _check_text_hash(text: str, meta: dict[str, Any], path: Path, problems: list[Problem]) -> None:
    """article.yaml's `text_sha256` ties the article's id to its exact text: a folder copied for a new article
    and given a new text, but not a new id, would let the class report mix two articles' submissions."""
    recorded = str(meta.get("text_sha256") or "")
    if recorded and recorded != hashlib.sha256(text.encode("utf-8")).hexdigest():
        problems.append(Problem(display_name(path), None, "text_sha256", f"does not match article.txt, so id "
                                f"{meta.get('id')!r} belongs to another text (was this folder copied?)",
                                "for a new article, give it a new id and remove text_sha256; if you corrected the "
                                "same article's text, write the new text's SHA-256 there"))


def _check_origin(origin: Any, name: str, problems: list[Problem]) -> None:
    """`origin` is for instructors: where the text was first published and how that was found out."""
    def problem(key: str | None, message: str, fix: str) -> None:
        problems.append(Problem(name, None, f"origin.{key}" if key else "origin", message, fix))

    if not isinstance(origin, dict):
        problem(None, "must be a set of 'key: value' lines", f"give {', '.join(ORIGIN_KEYS)} under 'origin:'")
        return
    for key in ORIGIN_KEYS:
        value = origin.get(key)
        if value is None or not str(value).strip():
            problem(key, "is missing", f"add '{key}: ...' under 'origin:', or remove 'origin' if it is not known")
    for key in origin:
        if key not in ORIGIN_KEYS + ORIGIN_OPTIONAL:
            problem(str(key), "is not a known key", f"use {', '.join(ORIGIN_KEYS + ORIGIN_OPTIONAL)}")
    url = str(origin.get("url") or "")
    if url and not URL_PATTERN.match(url):
        problem("url", f"{short(url)} is not a web address", "copy the full address, starting https://")
    published = origin.get("published")
    published = published.isoformat() if isinstance(published, dt.date) else str(published or "")
    if published and (why := date_problem(published)):
        problem("published", why, "write the publication date as YYYY-MM-DD")
    for key in ("notes", "cite"):
        value = origin.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problem(key, "must be a list of texts", "write each item on its own line starting '- '")


def _within(cells_file: str, number: int, column: str, span: Span | None, sentence: Sentence,
            problems: list[Problem]) -> None:
    if span is not None and not (sentence.span.start <= span.start and span.end <= sentence.span.end):
        problems.append(Problem(cells_file, number, column, f"span {short(span.text)} lies outside sentence {sentence.id}",
                                "fix the offsets or the sentence id"))


def _check_order(sentences: list[tuple[int, Sentence]], file: str, problems: list[Problem]) -> None:
    previous: Sentence | None = None
    for number, s in sentences:
        if previous is not None and s.span.start < previous.span.end:
            problems.append(Problem(file, number, "start", f"sentence {s.id} starts before {previous.id} ends",
                                    "list sentences in reading order without overlaps"))
        previous = s


def _check_chains(attributions: list[tuple[int, Attribution]], file: str, problems: list[Problem]) -> None:
    via = {a.id: a.via for _, a in attributions}
    for number, a in attributions:
        seen = {a.id}
        step = a.via
        while step is not None and step in via:
            if step in seen:
                problems.append(Problem(file, number, "via", f"the chain from {a.id} loops back to {step}",
                                        "a chain must end at an attribution with an empty via"))
                break
            seen.add(step)
            step = via[step]


def read_annotation(data_dir: Path) -> tuple[Annotation | None, list[Problem]]:
    """Every problem in the data folder, and the Annotation when there are none."""
    problems: list[Problem] = []
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return None, [Problem(display_name(data_dir), None, None, "is not a folder",
                              "give the folder that holds article.txt and the CSV files")]
    if (data_dir / RELEASED_DATA).is_file() and not (data_dir / SENTENCES).exists():  # a student's copy
        annotation = read_released_data(data_dir / RELEASED_DATA, problems)
        return (annotation, []) if annotation is not None else (None, problems)
    text = read_text(data_dir / ARTICLE_FILE, problems)
    meta = _check_metadata(read_yaml(data_dir / METADATA, problems), data_dir / METADATA, problems)
    tables = {
        SENTENCES: read_csv(data_dir / SENTENCES, SENTENCE_COLUMNS, problems),
        ATTRIBUTIONS: read_csv(data_dir / ATTRIBUTIONS, ATTRIBUTION_COLUMNS, problems),
        ACTORS: read_csv(data_dir / ACTORS, ACTOR_COLUMNS, problems),
        FRAMING: read_csv(data_dir / FRAMING, FRAMING_COLUMNS, problems, required=False),
        ISSUES: read_csv(data_dir / ISSUES, ISSUE_COLUMNS, problems, required=False),
        POSITIONS: read_csv(data_dir / POSITIONS, POSITION_COLUMNS, problems, required=False),
        REFERENCES: read_csv(data_dir / REFERENCES, REFERENCE_COLUMNS, problems, required=False),
        WORD_PAIRS: read_csv(data_dir / WORD_PAIRS, WORD_PAIR_COLUMNS, problems, required=False),
    }
    if text is None:
        return None, problems
    _check_text_hash(text, meta, data_dir / METADATA, problems)
    names = {key: display_name(data_dir / key) for key in tables}
    sentences = each_row(tables[SENTENCES], data_dir / SENTENCES, problems, text, _parse_sentence)
    by_sentence = {s.id: s for _, s in sentences}
    attributions = each_row(tables[ATTRIBUTIONS], data_dir / ATTRIBUTIONS, problems, text,
                            lambda cells: _parse_attribution(cells, by_sentence))
    actors = each_row(tables[ACTORS], data_dir / ACTORS, problems, text, _parse_actor)
    framing = each_row(tables[FRAMING], data_dir / FRAMING, problems, text, lambda cells: _parse_framing(cells, by_sentence))
    issues = each_row(tables[ISSUES], data_dir / ISSUES, problems, text, _parse_issue)
    positions = each_row(tables[POSITIONS], data_dir / POSITIONS, problems, text, _parse_position)
    references = each_row(tables[REFERENCES], data_dir / REFERENCES, problems, text, _parse_reference)
    word_pairs = each_row(tables[WORD_PAIRS], data_dir / WORD_PAIRS, problems, text, _parse_word_pair)

    rows_of = first_rows(tables, names, problems)  # file -> id -> the row it first stands on
    sentence_ids_in_order = list(rows_of[SENTENCES])
    sentence_ids = set(sentence_ids_in_order)
    actor_ids = list(rows_of[ACTORS])
    attribution_ids = set(rows_of[ATTRIBUTIONS])
    _check_order(sentences, names[SENTENCES], problems)

    def unknown(file: str, number: int, column: str, value: str, kind: str, known: Iterable[str]) -> None:
        known = list(known)
        listed = ", ".join(known[:6]) + (", …" if len(known) > 6 else "")
        problems.append(Problem(file, number, column, f"{value!r} is not a known {kind}",
                                f"use an id from {kind}s.csv ({listed})"))

    for number, s in sentences:
        for source in s.sources:
            if source not in actor_ids and tables[ACTORS] is not None:
                unknown(names[SENTENCES], number, "sources", source, "actor", actor_ids)
        attributed = {a.actor for _, a in attributions if a.sentence == s.id}
        if attributed and set(s.sources) != attributed and tables[ATTRIBUTIONS] is not None:
            problems.append(Problem(names[SENTENCES], number, "sources",
                                    f"lists {';'.join(s.sources) or 'nothing'} but attributions.csv gives "
                                    f"{';'.join(sorted(attributed))}", "make the two files agree"))
    for number, a in attributions:
        file = names[ATTRIBUTIONS]
        sentence = by_sentence.get(a.sentence)
        if a.sentence not in sentence_ids and tables[SENTENCES] is not None:
            unknown(file, number, "sentence", a.sentence, "sentence", sentence_ids_in_order)
        elif sentence is not None:
            for column, span in (("source_start", a.source), ("cue_start", a.cue), ("content_start", a.content)):
                _within(file, number, column, span, sentence, problems)
        if a.actor not in actor_ids and tables[ACTORS] is not None:
            unknown(file, number, "actor", a.actor, "actor", actor_ids)
        if a.via is not None and a.via != a.id and a.via not in attribution_ids:
            problems.append(Problem(file, number, "via", f"{a.via!r} is not an attribution id",
                                    "name the id of the attribution this claim is reported through, or leave it empty"))
    _check_chains(attributions, names[ATTRIBUTIONS], problems)
    reference_ids = list(rows_of[REFERENCES])
    for number, f in framing:
        sentence = by_sentence.get(f.sentence)
        if f.sentence not in sentence_ids and tables[SENTENCES] is not None:
            unknown(names[FRAMING], number, "sentence", f.sentence, "sentence", sentence_ids_in_order)
        elif sentence is not None:
            _within(names[FRAMING], number, "start", f.span, sentence, problems)
        for cited in f.cite:
            if tables[SENTENCES] is None or tables[REFERENCES] is None:
                break  # that file is reported already; do not report every citation of it again
            if cited not in reference_ids and cited not in sentence_ids:
                problems.append(Problem(names[FRAMING], number, "cite", f"{cited!r} is neither a reference nor a "
                                        "sentence id", "use an id from references.csv "
                                        f"({', '.join(reference_ids[:4]) or 'add the source there first'}) or a "
                                        "sentence id"))
        if f.status in ("contested", "established") and f.cite and not set(f.cite) & set(reference_ids):
            problems.append(Problem(names[FRAMING], number, "cite", f"a row whose status is {f.status!r} needs a "
                                    "source outside the article", "add the report that shows it to references.csv "
                                    "and list its id here"))
    for number, pair in word_pairs:  # a fact about usage rests on a published source, and the words are the article's
        sentence = by_sentence.get(pair.sentence)
        if pair.sentence not in sentence_ids and tables[SENTENCES] is not None:
            unknown(names[WORD_PAIRS], number, "sentence", pair.sentence, "sentence", sentence_ids_in_order)
        elif sentence is not None and pair.article_words not in sentence.text:
            problems.append(Problem(names[WORD_PAIRS], number, "article_words", f"{short(pair.article_words)} is not "
                                    f"in {pair.sentence}", "copy the words exactly from that sentence"))
        for cited in pair.cite:
            if tables[REFERENCES] is not None and cited not in reference_ids:
                problems.append(Problem(names[WORD_PAIRS], number, "cite", f"{cited!r} is not in references.csv",
                                        "add the source to references.csv, or fix the id"))
    origin = meta.get("origin") if isinstance(meta, dict) else None
    if isinstance(origin, dict) and isinstance(origin.get("cite"), list):
        for cited in origin["cite"]:
            if cited not in reference_ids:
                problems.append(Problem(display_name(data_dir / METADATA), None, "origin.cite", f"{cited!r} is not "
                                        "in references.csv", "add the source to references.csv or fix the id"))

    for number, actor in actors:
        if actor.party and actor.party not in actor_ids and tables[ACTORS] is not None:
            unknown(names[ACTORS], number, "party", actor.party, "actor", actor_ids)
    parties = {a.party for _, a in actors if a.party}
    if positions:  # comparing positions needs every named source assigned to a side
        sources = {a.actor for _, a in attributions}
        for number, actor in actors:
            if actor.kind != "unnamed" and actor.id in sources and not actor.party:
                problems.append(Problem(names[ACTORS], number, "party", f"{actor.id} is a source but belongs to no "
                                        "party", "write the actor id of the side it speaks for (its own id if it is "
                                        "a party itself)"))
    issue_ids = list(rows_of[ISSUES])
    cells_seen: dict[tuple[str, str], int] = {}
    for number, position in positions:
        file = names[POSITIONS]
        if position.actor not in actor_ids and tables[ACTORS] is not None:
            unknown(file, number, "actor", position.actor, "actor", actor_ids)
        elif position.actor not in parties and tables[ACTORS] is not None:
            problems.append(Problem(file, number, "actor", f"{position.actor!r} is not a party", "use one of the "
                                    f"parties named in the party column of actors.csv ({', '.join(sorted(parties))})"))
        if position.issue not in issue_ids and tables[ISSUES] is not None:
            problems.append(Problem(file, number, "issue", f"{position.issue!r} is not in issues.csv",
                                    f"use an issue id from issues.csv ({', '.join(issue_ids) or 'add one first'})"))
        for sid in position.evidence:
            if sid not in sentence_ids and tables[SENTENCES] is not None:
                unknown(file, number, "evidence", sid, "sentence", sentence_ids_in_order)
        key = (position.actor, position.issue)
        if key in cells_seen:
            problems.append(Problem(file, number, "issue", f"{position.actor} already has a position on "
                                    f"{position.issue} (row {cells_seen[key]})", "keep one row per party and issue"))
        cells_seen.setdefault(key, number)

    listed = sentence_ids if tables[SENTENCES] is not None else None
    context = read_context(data_dir / CONTEXT_DIR, text, by_sentence, listed, problems)
    passages = read_passages(data_dir, text, problems)
    if problems or context is None:
        return None, problems
    return Annotation(text, meta, tuple(s for _, s in sentences), tuple(a for _, a in attributions),
                      tuple(a for _, a in actors), tuple(f for _, f in framing), tuple(i for _, i in issues),
                      tuple(p for _, p in positions), tuple(r for _, r in references), context, passages,
                      word_pairs=tuple(w for _, w in word_pairs)), []
