"""Free text: students write (a sentence rewritten with its source, their own lead, a reflection).

A text is never marked right or wrong. Transparent checks give feedback only, and each says exactly what it
looks for, so a student can see why it fired and an instructor can judge it:

- **marks it as someone's account**: a reporting verb (REPORTING) or "according to";
- **names who says it**: beside that verb (in the words before it, or after "according to") stands one of the
  article's sources as actors.csv names them, or a word that names a kind of source (SOURCE_WORDS:
  "government", "officials", "analysts", ...);
- **keeps the content**: at least KEEP of the original sentence's content words (longer than three letters,
  compared on their first five letters) are still there.

Types: `rewrite` (YAML `rewrites`: the sentences to rewrite, each with model rewrites and a comment on each,
shown once the student has handed in a text) and `write` (YAML `tasks`: a question, an optional sentence,
a checklist the student assesses their own text against, and what to compare it with afterwards).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import AnswerError
from ..model import Annotation
from .base import Exercise, Item
from .results import ItemResult
from .spec import ExerciseType, SpecReader
from .yamlspec import LineDict

REWRITE, WRITE = "rewrite", "write"
MAX_TEXT = 4000  # characters: a sentence, a lead or a reflection, never a pasted article
KEEP = 0.6
REPORTING = ("said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "announced", "announces",
             "claimed", "claims", "claim", "argued", "argues", "argue", "insisted", "insists", "insist", "denied",
             "denies", "deny", "alleged", "alleges", "allege", "accused", "accuses", "accuse", "maintained",
             "maintains", "maintain", "reported", "reports", "report", "wrote", "writes", "believes", "believe",
             "believed", "contends", "contend", "contended", "blames", "blamed", "blame", "holds", "hold",
             "attributes", "attributed", "attribute", "according to", "in the view of", "in the words of")
SOURCE_WORDS = ("government", "governments", "ministry", "minister", "officials", "official", "spokesman",
                "spokeswoman", "spokesperson", "president", "kremlin", "analysts", "analyst", "experts", "expert",
                "critics", "observers", "historians", "diplomats", "authorities", "leaders", "agency", "media",
                "sources", "source", "commentators", "the writer", "the article")
STOP = {"that", "this", "with", "from", "were", "have", "been", "into", "their", "there", "which", "would", "about",
        "after", "before", "following", "against", "within", "first", "eventual"}
TEXT_FIELDS = ("id", "sentence", "models")
MODEL_FIELDS = ("text", "comment")
TASK_FIELDS = ("id", "question", "sentence", "checklist", "compare")


@dataclass(frozen=True)
class Model:
    text: str
    comment: str


@dataclass(frozen=True)
class Rewrite:
    id: str
    sentence: str
    models: tuple[Model, ...]


@dataclass(frozen=True)
class Task:
    id: str
    question: str
    sentence: str | None
    checklist: tuple[str, ...]
    compare: tuple[str, ...]  # set beside the text once written: sentences, evidence cards, word pairs (ids)


@dataclass(frozen=True)
class RewriteParams:
    rewrites: tuple[Rewrite, ...] = ()


@dataclass(frozen=True)
class TaskParams:
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    says: str  # what it found, or what it looks for


def _words(text: str) -> set[str]:
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z’']+", text) if len(w) > 3 and w.lower() not in STOP}


def checks(text: str, original: str, annotation: Annotation) -> list[Check]:
    """The three transparent checks of a rewrite (see the module docstring for what each looks for)."""
    plain = " ".join(text.split())
    low = plain.lower()  # same length as `plain`: positions found in one hold in the other
    verbs = [(m.start(), m.end(), v) for v in REPORTING
             for m in re.finditer(rf"(?<!\w){re.escape(v)}(?!\w)", low)]
    names = sorted({m.lower() for a in annotation.actors for m in (a.name, *a.mentions) if len(m) > 2
                    and m[0].isupper()} | set(SOURCE_WORDS), key=len, reverse=True)
    found = None
    for start, end, verb in sorted(verbs):
        # who stands next to the cue: the words before "said", or after "according to"
        lo, hi = (end, end + 80) if verb.startswith(("according", "in the")) else (max(0, start - 80), start)
        hit = next((m for n in names for m in [re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low[lo:hi])] if m), None)
        if hit:
            found = plain[lo + hit.start():lo + hit.end()]  # as the student wrote it
            break
    verb = min(verbs)[2] if verbs else None
    wanted = _words(original)
    kept = wanted & _words(text)
    share = len(kept) / len(wanted) if wanted else 1.0
    return [
        Check("marks it as someone's account", verb is not None,
              f"“{verb}” tells the reader that this is someone's view." if verb else
              "no reporting verb yet (said, argues, blames, according to, ...): the reader cannot tell it is a view."),
        Check("names who says it", found is not None,
              f"“{found}” stands beside the reporting verb." if found else
              "no source beside a reporting verb yet: whose account is it? (For example: “X says ...”, or "
              "“according to X, ...”.)"),
        Check("keeps the content", share >= KEEP,
              f"{len(kept)} of the {len(wanted)} content words of the sentence are still there." if share >= KEEP else
              f"only {len(kept)} of the {len(wanted)} content words of the sentence are left: say what it says, "
              "with its source, rather than leaving parts out."),
    ]


def _text(item_id: str, value: Any) -> str:
    if not isinstance(value, str):
        raise AnswerError(f"the answer for {item_id} must be text")
    if len(value) > MAX_TEXT:
        raise AnswerError(f"the answer for {item_id} is longer than {MAX_TEXT:,} characters: shorten it")
    return value.strip()


class Writing(Exercise):
    """Free text: never right or wrong, never scored; grading returns the feedback of the checks."""

    graded = False

    def reference_answers(self) -> dict[str, Any]:
        return {}  # no answer is the answer: the models are examples, shown after the student writes

    def reference_text(self, item: Item) -> str:
        return ""

    def examples(self) -> dict[str, str]:
        """A text per item to show how it can be done (solution notebooks): not an answer key."""
        return {}

    def describe(self, item_id: str, value: Any) -> str:
        return str(value)


class Rewriting(Writing):
    params: RewriteParams

    def _items(self) -> list[Item]:
        return [Item(r.id, "Rewrite this sentence so that a reader knows whose account it is.", (), r.sentence)
                for r in self.params.rewrites]

    def rewrite(self, item_id: str) -> Rewrite:
        return next(r for r in self.params.rewrites if r.id == item_id)

    def examples(self) -> dict[str, str]:
        return {r.id: r.models[0].text for r in self.params.rewrites if r.models}

    def checks(self, item_id: str, value: Any) -> list[Check]:
        return checks(_text(item_id, value), self.annotation.sentence(self.item(item_id).sentence).text,
                      self.annotation)

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        found = self.checks(item.id, value)
        lines = " ".join(f"{c.name.capitalize()}: {'yes' if c.passed else 'not yet'}, {c.says}" for c in found)
        return ItemResult(item.id, False, 0.0, True, f"Your text is saved. {lines}", "")


class FreeWriting(Writing):
    params: TaskParams

    def _items(self) -> list[Item]:
        return [Item(t.id, t.question, (), t.sentence) for t in self.params.tasks]

    def task(self, item_id: str) -> Task:
        return next(t for t in self.params.tasks if t.id == item_id)

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        text = _text(item.id, value)
        words = len(text.split())
        return ItemResult(item.id, False, 0.0, True, f"Your text is saved ({words} words).", "")


def _read_rewrites(reader: SpecReader, node: LineDict, where: str) -> RewriteParams:
    out = []
    for r, rid, here in reader.entries(node, "rewrites", "rewrite", TEXT_FIELDS, where):
        sentence = reader.known_sentence(r, "sentence", here)
        if sentence is None and "sentence" not in r:
            reader.problem(r.line, f"{here} has no 'sentence'", "add 'sentence: s..' (the sentence to rewrite)")
        models = []
        raw = r.get("models", [])
        for m in raw if isinstance(raw, list) else []:
            if isinstance(m, LineDict):
                reader.unknown_fields(m, MODEL_FIELDS, f"a model of {here}")
                models.append(Model(reader.text(m, "text", f"a model of {here}"),
                                    reader.text(m, "comment", f"a model of {here}")))
        if not models:
            reader.problem(r.line_of("models"), f"{here} needs at least one model rewrite with a comment",
                           "add 'models:' with '- text: ...' and 'comment: ...'")
        out.append(Rewrite(rid, sentence or "", tuple(models)))
    return RewriteParams(tuple(out))


def _texts(reader: SpecReader, node: LineDict, key: str, where: str) -> tuple[str, ...]:
    value = node.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        reader.problem(node.line_of(key), f"'{key}' of {where} must be a list of texts", f"write '{key}:' and "
                       "then one '- ...' line per entry")
        return ()
    return tuple(v.strip() for v in value)


def _read_tasks(reader: SpecReader, node: LineDict, where: str) -> TaskParams:
    out = []
    for t, tid, here in reader.entries(node, "tasks", "task", TASK_FIELDS, where):
        compare = _texts(reader, t, "compare", here)
        known = ({s.id for s in reader.annotation.sentences} | {w.id for w in reader.annotation.word_pairs}
                 if reader.annotation else set())
        cards = {c.id for c in reader.annotation.context.cards} if reader.annotation else set()
        for entry in compare:  # a card an article's folder does not have yet is simply not shown
            if reader.annotation is not None and entry not in known and (entry not in cards and (cards or
                                                                                               entry[:1] == "s")):
                reader.problem(t.line_of("compare"), f"{here} compares with {entry!r}, which is not a sentence, an "
                               "evidence card or a word pair", "use a sentence id (s1), a card id from "
                               "context/cards.csv or a word pair id from word_pairs.csv")
        out.append(Task(tid, reader.text(t, "question", here), reader.known_sentence(t, "sentence", here),
                        _texts(reader, t, "checklist", here), compare))
    return TaskParams(tuple(out))


TYPES = (ExerciseType(REWRITE, ("rewrites",), _read_rewrites, Rewriting, "text"),
         ExerciseType(WRITE, ("tasks",), _read_tasks, FreeWriting, "text"))
