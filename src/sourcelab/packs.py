"""`python -m sourcelab new-article`: a new article as a pack the lessons run on at once, drafted for review.

A pack is one folder: the text, what is known about it, the annotation, and the pack's own exercises. The
sentences are split with pysbd; sources and cues are drafted by a few rules anyone can follow (quotation
marks, a list of reporting verbs, "according to"), each drafted row marked in a `draft` column with the
rule that fired. `check` lists the rows still in draft: the draft saves typing, the judgement stays the
teacher's (docs/annotation-guide.md says how to review it). The exercises are generated from the annotation
so that every lesson runs before the first review; the teacher then edits them like any others.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .atomic import write_text_atomic
from .drafting import draft_sentences
from .errors import UsageError
from .model import Span
from .segment import split_sentences

REPORTING_VERBS = ("said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "announced",
                   "announces", "wrote", "writes", "explained", "noted", "insisted", "insists", "claimed", "claims",
                   "denied", "denies", "warned", "warns", "urged", "urges", "confirmed", "argued", "replied",
                   "accused", "accuses", "reported", "reports", "described", "called")
PRONOUNS = ("He", "She", "They", "It", "We", "he", "she", "they", "it", "we")
UNNAMED = ("officials", "sources", "reports", "experts", "witnesses", "residents", "critics", "analysts")
INSTITUTION_WORDS = ("Organization", "Organisation", "Ministry", "Committee", "Council", "Government", "Department",
                     "Agency", "Office", "Commission", "University", "Court", "Police", "Party", "Union", "Bank")
QUOTES = (("“", "”"), ('"', '"'))
DRAFT = "draft"  # the column that marks a drafted row, with the rule that fired; removed when reviewed
ACTOR_COLUMNS = ("id", "name", "kind", "role", "mentions", "party")
ATTRIBUTION_COLUMNS = ("id", "sentence", "actor", "source_start", "source_end", "source_text", "cue_start",
                       "cue_end", "cue_text", "content_start", "content_end", "content_text", "quote", "via", DRAFT)


def normalise_text(raw: str) -> str:
    """One paragraph per line, as the kit's article.txt is: blank lines separate paragraphs, and the lines of
    one paragraph are joined with a space. Nothing else in the text changes."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", raw.strip())
    return "\n".join(" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks
                     if block.strip())


def article_id(title: str, text: str) -> str:
    """A readable id that no other text can share: a slug of the title and the start of the text's SHA-256."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40] or "article"
    return f"{slug}_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


@dataclass
class Drafted:
    """One attribution the rules found: spans as article offsets, the rule in plain words."""

    sentence: str
    source: Span
    cue: Span
    content: Span | None
    quote: str
    rule: str


@dataclass
class Draft:
    text: str
    sentences: list[tuple[str, int, Span]] = field(default_factory=list)  # id, paragraph, span
    attributions: list[Drafted] = field(default_factory=list)


def _quoted(text: str, start: int, end: int) -> list[Span]:
    """The quoted passages inside text[start:end], without their quotation marks."""
    found = []
    for opening, closing in QUOTES:
        at = text.find(opening, start, end)
        while at >= 0:
            close = text.find(closing, at + 1, end)
            if close < 0:
                break
            found.append(Span(at + 1, close, text[at + 1:close]))
            at = text.find(opening, close + 1, end)
    return sorted(found, key=lambda s: s.start)


def _name_before(text: str, at: int, floor: int) -> Span | None:
    """Capitalised words (or a pronoun, or an unnamed source word) just before offset `at`."""
    words = list(re.finditer(r"[\w’'.-]+", text[floor:at]))
    picked: list[re.Match[str]] = []
    for word in reversed(words):
        token = word.group()
        gap = text[floor + word.end():floor + (picked[0].start() if picked else at - floor)]
        if picked and gap.strip() not in ("", ","):
            break
        if token in PRONOUNS or token.lower() in UNNAMED:
            picked.insert(0, word)
            break
        if token[:1].isupper() or (picked and token in ("of", "the", "de", "von")):
            picked.insert(0, word)
            continue
        break
    while picked and picked[0].group() in ("of", "the", "de", "von"):
        picked.pop(0)
    if not picked:
        return None
    start, end = floor + picked[0].start(), floor + picked[-1].end()
    return Span(start, end, text[start:end])


def _name_after(text: str, at: int, ceiling: int) -> Span | None:
    """Capitalised words just after offset `at` (as in "said Smith" or "according to the Red Cross")."""
    match = re.match(r"\s+((?:the\s+)?(?:[A-Z][\w’'.-]*)(?:\s+(?:of\s+|the\s+|and\s+|for\s+)?[A-Z][\w’'.-]*)*)",
                     text[at:ceiling])
    if not match:
        return None
    name = match.group(1)
    if name.endswith(".") and name.rsplit(" ", 1)[-1].count(".") == 1:  # a full stop, not "U.N."
        name = name[:-1]
    start = at + match.start(1)
    return Span(start, start + len(name), name)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " ,:;":
        start += 1
    while end > start and text[end - 1] in " ,.;:":
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def draft_attributions(text: str, sentences: list[tuple[str, int, Span]]) -> list[Drafted]:
    """Sources and cues by three rules, each easy to check by eye: "according to" followed by a name; a
    reporting verb with a name or pronoun next to it (the content: the quotation in the sentence, or what
    follows "that", or what follows the verb); nothing is drafted where no rule fires."""
    out = []
    for sid, _paragraph, span in sentences:
        s, e = span.start, span.end
        quotes = _quoted(text, s, e)
        inside = lambda at: any(q.start <= at < q.end for q in quotes)  # noqa: E731
        according = re.search(r"\baccording to\b", text[s:e], re.I)
        if according and not inside(s + according.start()):
            cue = Span(s + according.start(), s + according.end(), according.group())
            source = _name_after(text, cue.end, e)
            if source:
                content = _trimmed(text, s, cue.start) if cue.start > s + 3 else _trimmed(text, source.end, e)
                out.append(Drafted(sid, source, cue, content, "indirect",
                                   "“according to” followed by a name"))
                continue
        for verb in re.finditer(r"\b(" + "|".join(REPORTING_VERBS) + r")\b", text[s:e]):
            at = s + verb.start()
            if inside(at):
                continue
            cue = Span(at, at + len(verb.group()), verb.group())
            source = _name_before(text, cue.start, s) or _name_after(text, cue.end, e)
            if source is None:
                continue
            if quotes:
                content, quote, rule = quotes[0], "direct", f"quotation marks and the reporting verb “{cue.text}”"
                if _trimmed(text, s, e) and len(quotes[0].text) < 0.6 * (e - s) and not text[cue.end:e].lstrip(
                        " ,").startswith(("“", '"')):
                    quote = "both" if text.find("that", cue.end, e) >= 0 else "direct"
            else:
                that = re.match(r"\s+that\b", text[cue.end:e])
                after = cue.end + (that.end() if that else 0)
                after = max(after, source.end) if source.start > cue.start else after
                content, quote = _trimmed(text, after, e), "indirect"
                rule = f"the reporting verb “{cue.text}” followed by {'“that”' if that else 'what was said'}"
            out.append(Drafted(sid, source, cue, content, quote, rule))
            break
    return out


def _kind(name: str) -> str:
    """A first guess at the kind of source, for the teacher to correct: unnamed words, institutions (by a word
    such as "Ministry", or an acronym such as "WHO"), and otherwise a person."""
    if name.lower() in UNNAMED:
        return "unnamed"
    words = name.split()
    if any(w.strip("’'s") in INSTITUTION_WORDS for w in words) or (len(words) == 1 and name.isupper()):
        return "institution"
    return "person"


def _actor_id(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower())[:40].strip("_") or "source"


def _csv(header: tuple[str, ...] | list[str], rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _yaml_text(value: str) -> str:
    """A YAML scalar that stays text whatever it holds: double-quoted, with quotes and backslashes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Facts:
    title: str = "unknown"
    outlet: str = "unknown"
    published: str = "unknown"
    url: str = ""
    source_file: str = ""


def scaffold(raw_text: str, out: Path, facts: Facts) -> list[Path]:
    """Write a new pack into `out` (which must not exist yet, or be empty) and return the files written."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} already exists and is not empty: give a new folder with --out")
    text = normalise_text(raw_text)
    if not text:
        raise UsageError("the article file is empty: give a text file with the article, one paragraph per line "
                         "or paragraphs separated by blank lines")
    sentences = [(f"s{n}", paragraph, span) for n, (paragraph, span) in enumerate(split_sentences(text), start=1)]
    drafted = draft_attributions(text, sentences)
    actors: dict[str, dict[str, object]] = {}
    attributions = []
    for number, d in enumerate(drafted, start=1):
        actor = _actor_id(d.source.text)
        entry = actors.setdefault(actor, {"id": actor, "name": d.source.text, "kind": _kind(d.source.text),
                                          "role": "", "mentions": set(), "party": ""})
        entry["mentions"].add(d.source.text)  # type: ignore[union-attr]
        content = d.content
        attributions.append({"id": f"a{number}", "sentence": d.sentence, "actor": actor,
                             "source_start": d.source.start, "source_end": d.source.end, "source_text": d.source.text,
                             "cue_start": d.cue.start, "cue_end": d.cue.end, "cue_text": d.cue.text,
                             "content_start": content.start if content else "", "content_end": content.end if content
                             else "", "content_text": content.text if content else "", "quote": d.quote, "via": "",
                             DRAFT: d.rule})
    by_sentence: dict[str, list[Drafted]] = {}
    for d in drafted:
        by_sentence.setdefault(d.sentence, []).append(d)
    sentence_rows = []
    draft_csv = list(csv.DictReader(io.StringIO(draft_sentences(text))))
    for row, (sid, _paragraph, _span) in zip(draft_csv, sentences):
        found = by_sentence.get(sid, [])
        quotes = {d.quote for d in found}
        quote = "none" if not found else ("both" if "both" in quotes or {"direct", "indirect"} <= quotes
                                          else next(iter(quotes)))
        row.update({"label": "attributed" if found else "narration",
                    "sources": ";".join(dict.fromkeys(_actor_id(d.source.text) for d in found)),
                    "cues": ";".join(dict.fromkeys(d.cue.text for d in found)), "quote": quote,
                    "explanation": ("Drafted automatically from " + "; ".join(d.rule for d in found) if found else
                                    "Drafted automatically: no source and no reporting verb was found") +
                                   ". Not yet reviewed by your teacher.", "debatable": "",
                    DRAFT: "; ".join(d.rule for d in found) or "no rule fired: narration"})
        sentence_rows.append(row)
    identifier = article_id(facts.title if facts.title != "unknown" else Path(facts.source_file).stem or "article",
                            text)
    files = {
        "article.txt": text,
        "article.yaml": "\n".join([
            "# What is known about the article. Made by python -m sourcelab new-article: check every line.",
            f"id: {_yaml_text(identifier)}",
            f"text_sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
            f"title: {_yaml_text(facts.title)}",
            f"outlet: {_yaml_text(facts.outlet)}",
            "byline: unknown",
            f"published: {_yaml_text(facts.published)}",
            "language: en",
            "provenance: " + _yaml_text(f"Made on {date.today().isoformat()} with new-article from "
                                        f"{facts.source_file or 'a text file'}"
                                        + (f"; first published at {facts.url}" if facts.url else "") + "."),
            ""]),
        "sentences.csv": _csv([*draft_csv[0].keys()] if draft_csv else [], sentence_rows),
        "attributions.csv": _csv(ATTRIBUTION_COLUMNS, attributions),
        "actors.csv": _csv(ACTOR_COLUMNS, [{**a, "mentions": ";".join(sorted(a["mentions"]))}  # type: ignore[arg-type]
                                           for a in actors.values()]),
    }
    written = []
    for name, content in files.items():
        write_text_atomic(out / name, content)
        written.append(out / name)
    written += write_default_exercises(out, sentence_rows, attributions)
    return written


def write_default_exercises(pack: Path, sentences: list[dict[str, object]],
                            attributions: list[dict[str, object]]) -> list[Path]:
    """Exercises generated from the annotation, so every lesson runs before the first review."""
    attributed = list(dict.fromkeys(str(a["sentence"]) for a in attributions))
    quoted = [str(s["id"]) for s in sentences if s["quote"] != "none"]
    common = "    show_answer: true\n"
    files = {
        "01_who_is_speaking_part1.yaml": ("lesson: 01_who_is_speaking_part1\nexercises:\n" + (
            "  - id: source-and-cue\n    type: source-and-cue\n    title: Find the source and the cue\n"
            "    prompt: For each sentence, mark who is speaking, then the reporting words, and press Check.\n"
            "    hint: The source answers who says so; the cue is the word that tells you speech is reported.\n"
            + common + f"    sentences: [{', '.join(attributed[:6])}]\n\n" if attributed else "") + (
            "  - id: quote-type\n    type: quote-type\n    title: Direct, indirect or both?\n"
            "    prompt: Is the speaker quoted in their own words, paraphrased, or both?\n"
            "    hint: Follow the quotation marks.\n" + common + f"    sentences: [{', '.join(quoted[:8])}]\n"
            "    options:\n      direct: the speaker's own words, in quotation marks\n"
            "      indirect: the writer's paraphrase, no quotation marks\n"
            "      both: some words quoted, the rest paraphrased\n" if quoted else "")),
        "01_who_is_speaking_part2.yaml": (
            "lesson: 01_who_is_speaking_part2\nexercises:\n  - id: classify-sentences\n    type: classify-sentences\n"
            "    title: Attributed, narration or mixed?\n"
            "    prompt: Label every sentence by who is speaking in it.\n"
            "    hint: Look for a source and a reporting word. Both present, attributed; neither, narration.\n"
            + common + "    sentences: all\n    options:\n      attributed: someone is reported as saying it\n"
            "      narration: the writer says it in their own voice\n"
            "      mixed: partly reported, partly the writer's own claim\n"),
        "02_tracing_the_chain.yaml": ("lesson: 02_tracing_the_chain\nexercises:\n" + (
            "  - id: unnamed-sources\n    type: unnamed-sources\n    title: Find the unnamed sources\n"
            "    prompt: For each sentence, does it cite a source without saying who it is?\n"
            "    hint: Could you look this source up? A name or a title points to someone.\n"
            + common + f"    sentences: [{', '.join(attributed[:7])}]\n" if attributed else "")),
    }
    folder = pack / "exercises"
    written = []
    for name, content in files.items():
        if content.rstrip().endswith("exercises:"):
            content = content.rstrip() + " []\n"
        write_text_atomic(folder / name, content)
        written.append(folder / name)
    return written


def draft_rows(pack: Path) -> list[str]:
    """Every row still marked draft, as `file:row: the rule`, for `check` to list."""
    out = []
    for name in ("sentences.csv", "attributions.csv"):
        path = Path(pack) / name
        if not path.is_file():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for number, row in enumerate(csv.DictReader(f), start=2):
                if row.get(DRAFT, "").strip():
                    out.append(f"{path}:{number}: draft ({row[DRAFT].strip()})")
    return out
