"""Exercise definitions from exercises/*.yaml: read, checked line by line, turned into dataclasses.

Instructors edit the YAML; this module is why a typo there gives `file:line: what, how to fix it`
instead of a traceback. The answer keys stay in data/ (one source of truth); only multiple-choice
questions whose key is not a fact about the article carry `correct:` in the YAML.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..model import ATTRIBUTION_QUOTES, LABELS, Annotation
from ..tables import display_name
from ..validation import ID_PATTERN
from .yamlspec import LineDict, read_spec

CLASSIFY, SOURCE_CUE, QUOTE_TYPE, VERBS = "classify-sentences", "source-and-cue", "quote-type", "reporting-verbs"
CHAIN, TRACE, UNNAMED = "chain-order", "trace-claims", "unnamed-sources"
MATRIX, SPOT = "position-matrix", "spot-issues"
TYPES = (CLASSIFY, SOURCE_CUE, QUOTE_TYPE, VERBS, CHAIN, TRACE, UNNAMED, MATRIX, SPOT)
FINDS = ("narration-only", "answer-missing")  # what a spot-issues question asks the student to find
SENTENCE_TYPES = (CLASSIFY, SOURCE_CUE, QUOTE_TYPE, UNNAMED)
CHOICES = {CLASSIFY: LABELS, QUOTE_TYPE: ATTRIBUTION_QUOTES}  # the options these types must offer

COMMON_FIELDS = ("id", "type", "title", "prompt", "hint", "show_answer")
FIELDS = {
    CLASSIFY: COMMON_FIELDS + ("sentences", "options", "feedback"),
    QUOTE_TYPE: COMMON_FIELDS + ("sentences", "options", "feedback"),
    SOURCE_CUE: COMMON_FIELDS + ("sentences",),
    VERBS: COMMON_FIELDS + ("questions",),
    CHAIN: COMMON_FIELDS + ("attribution",),
    TRACE: COMMON_FIELDS + ("claims",),
    UNNAMED: COMMON_FIELDS + ("sentences",),
    MATRIX: COMMON_FIELDS + ("issues",),
    SPOT: COMMON_FIELDS + ("questions",),
}
SPOT_FIELDS = ("id", "question", "find")
CLAIM_FIELDS = ("id", "claim", "attribution", "position")
QUESTION_FIELDS = ("id", "question", "sentence", "options")
OPTION_FIELDS = ("text", "correct", "feedback")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    options: tuple[Option, ...]
    sentence: str | None = None


@dataclass(frozen=True)
class Claim:
    """A claim to trace: it comes from an attribution (who said it, through whom) or a position (maybe absent)."""

    id: str
    claim: str
    attribution: str | None = None
    position: str | None = None


@dataclass(frozen=True)
class ExerciseSpec:
    """One exercise as the instructor wrote it; `file` and `line` say where, for messages."""

    id: str
    type: str
    lesson: str
    title: str
    prompt: str
    hint: str
    show_answer: bool = True
    sentences: tuple[str, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)  # value -> what it means, in order
    feedback: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # reference -> wrong choice -> text
    questions: tuple[Question, ...] = ()
    attribution: str = ""  # chain-order: the original speaker's attribution
    claims: tuple[Claim, ...] = ()
    issues: tuple[str, ...] = ()  # position-matrix
    finds: tuple[tuple[str, str, str], ...] = ()  # spot-issues: (id, question, what to find)
    file: str = ""
    line: int = 0


@dataclass
class _Reader:
    """Checks one YAML file, appending Problems with the line of the offending key."""

    file: str
    annotation: Annotation | None
    problems: list[Problem]

    def problem(self, line: int | None, message: str, fix: str) -> None:
        self.problems.append(Problem(self.file, line, None, message, fix))

    def text(self, node: LineDict, key: str, where: str, *, required: bool = True) -> str:
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(node.line, f"{where} has no '{key}'", f"add '{key}: ...'")
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.problem(node.line_of(key), f"'{key}' of {where} must be text", "write it as plain text")
            return ""
        return str(value).strip()

    def unknown_fields(self, node: LineDict, allowed: tuple[str, ...], where: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(node.line_of(str(key)), f"unknown field '{key}' in {where}",
                             f"check the spelling; allowed fields: {', '.join(allowed)}")

    def sentence_ids(self, node: LineDict, where: str, exercise_type: str) -> tuple[str, ...]:
        value = node.get("sentences")
        line = node.line_of("sentences")
        if self.annotation is None:
            return ()
        known = [s.id for s in self.annotation.sentences]
        if value == "all":
            ids = list(known)
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            ids = value
        else:
            self.problem(line, f"{where} needs 'sentences': 'all' or a list of sentence ids",
                         "write e.g. 'sentences: [s4, s7]'")
            return ()
        for sid in ids:
            if sid not in known:
                self.problem(line, f"{where} names sentence '{sid}', which does not exist in sentences.csv",
                             f"use ids from s1 to {known[-1]}" if known else "add the sentence to sentences.csv")
                continue
            sentence = self.annotation.sentence(sid)
            if exercise_type == QUOTE_TYPE and sentence.quote == "none":
                self.problem(line, f"{where} asks for the quotation type of {sid}, which quotes no one",
                             "choose a sentence whose quote column is direct, indirect or both")
            if exercise_type == SOURCE_CUE and not self.annotation.attributions_in(sid):
                self.problem(line, f"{where} asks for the source and cue of {sid}, which has no attribution",
                             "choose an attributed or mixed sentence")
        if len(set(ids)) != len(ids):
            self.problem(line, f"{where} lists a sentence twice", "list each sentence once")
        return tuple(dict.fromkeys(ids))

    def options(self, node: LineDict, where: str, allowed: tuple[str, ...]) -> dict[str, str]:
        value = node.get("options")
        if not isinstance(value, dict) or set(value) != set(allowed):
            self.problem(node.line_of("options"), f"{where} needs 'options' with exactly: {', '.join(allowed)}",
                         "give each option a short explanation, e.g. 'narration: the writer speaks'")
            return {k: k for k in allowed}
        return {str(k): str(v).strip() for k, v in value.items()}

    def feedback(self, node: LineDict, where: str, allowed: tuple[str, ...]) -> dict[str, dict[str, str]]:
        value = node.get("feedback")
        if value is None:
            return {}
        out: dict[str, dict[str, str]] = {}
        if not isinstance(value, dict):
            self.problem(node.line_of("feedback"), f"'feedback' of {where} must map each answer to texts",
                         "see docs/exercises.md for the layout")
            return {}
        for reference, wrong in value.items():
            if reference not in allowed or not isinstance(wrong, dict):
                self.problem(value.line_of(str(reference)), f"feedback for unknown answer '{reference}' in {where}",
                             f"use one of: {', '.join(allowed)}, each followed by the wrong choices")
                continue
            for choice, text in wrong.items():
                if choice not in allowed or choice == reference:
                    self.problem(wrong.line_of(str(choice)), f"feedback for '{reference}' names the choice "
                                 f"'{choice}'", f"name a wrong choice: {', '.join(a for a in allowed if a != reference)}")
                else:
                    out.setdefault(str(reference), {})[str(choice)] = str(text).strip()
        return out

    def entries(self, node: LineDict, key: str, noun: str, fields: tuple[str, ...],
                where: str) -> list[tuple[LineDict, str, str]]:
        """The entries of a list field (questions, claims): each a set of fields with an id, ids unique.

        Returns (entry, id, how messages name it) for every entry that is a set of fields.
        """
        value = node.get(key)
        if not isinstance(value, list) or not value:
            self.problem(node.line_of(key), f"{where} needs a list of '{key}'", "see docs/exercises.md for an example")
            return []
        out = []
        for entry in value:
            if not isinstance(entry, LineDict):
                self.problem(node.line_of(key), f"every {noun} of {where} must be a set of fields",
                             f"start each {noun} with '- id: ...'")
                continue
            ident = self.text(entry, "id", f"a {noun} of {where}")
            here = f"{noun} '{ident}'"
            self.unknown_fields(entry, fields, here)
            out.append((entry, ident, here))
        ids = [ident for _, ident, _ in out]
        if len(set(ids)) != len(ids):
            self.problem(node.line_of(key), f"{where} uses a {noun} id twice", f"give each {noun} its own id")
        return out

    def questions(self, node: LineDict, where: str) -> tuple[Question, ...]:
        out = []
        for q, qid, here in self.entries(node, "questions", "question", QUESTION_FIELDS, where):
            sentence = self.text(q, "sentence", here, required=False) or None
            if sentence and self.annotation is not None and sentence not in {s.id for s in self.annotation.sentences}:
                self.problem(q.line_of("sentence"), f"{here} names sentence '{sentence}', which does not exist "
                             "in sentences.csv", "use an id from sentences.csv or remove 'sentence'")
            options = []
            raw = q.get("options")
            if not isinstance(raw, list) or len(raw) < 2:
                self.problem(q.line_of("options"), f"{here} needs at least two 'options'",
                             "list options with text, correct and feedback")
                raw = []
            for opt in raw:
                if not isinstance(opt, LineDict):
                    self.problem(q.line_of("options"), f"an option of {here} must be a set of fields",
                                 "write '- text: ...' with 'correct:' and 'feedback:' below it")
                    continue
                self.unknown_fields(opt, OPTION_FIELDS, f"an option of {here}")
                correct = opt.get("correct", False)
                if not isinstance(correct, bool):
                    self.problem(opt.line_of("correct"), f"'correct' in {here} must be true or false",
                                 "write 'correct: true' on the right option only")
                options.append(Option(self.text(opt, "text", f"an option of {here}"), correct is True,
                                      self.text(opt, "feedback", f"an option of {here}")))
            if raw and sum(o.correct for o in options) != 1:
                self.problem(q.line_of("options"), f"{here} must have exactly one option with 'correct: true'",
                             "mark the one right option")
            if len({o.text for o in options}) != len(options):
                self.problem(q.line_of("options"), f"{here} has two options with the same text", "make each option differ")
            out.append(Question(qid, self.text(q, "question", here), tuple(options), sentence))
        return tuple(out)

    def chain_start(self, node: LineDict, where: str) -> str:
        ident = self.text(node, "attribution", where)
        if ident and self.annotation is not None:
            known = {a.id: a for a in self.annotation.attributions}
            if ident not in known:
                self.problem(node.line_of("attribution"), f"{where} names attribution '{ident}', which does not "
                             "exist in attributions.csv", "use an id from attributions.csv")
            elif len(self.annotation.chain(ident)) < 2:
                self.problem(node.line_of("attribution"), f"{where} starts at '{ident}', which is not reported "
                             "through anyone", "choose an attribution whose via column is filled")
        return ident

    def claim_list(self, node: LineDict, where: str) -> tuple[Claim, ...]:
        out = []
        for c, cid, here in self.entries(node, "claims", "claim", CLAIM_FIELDS, where):
            attribution = self.text(c, "attribution", here, required=False) or None
            position = self.text(c, "position", here, required=False) or None
            if (attribution is None) == (position is None):
                self.problem(c.line, f"{here} needs either 'attribution' or 'position'", "give exactly one of them")
            elif self.annotation is not None:
                ids = ({a.id for a in self.annotation.attributions} if attribution
                       else {p.id for p in self.annotation.positions})
                if (attribution or position) not in ids:
                    column = "attribution" if attribution else "position"
                    self.problem(c.line_of(column), f"{here} names {column} '{attribution or position}', which does "
                                 f"not exist in {column}s.csv", f"use an id from {column}s.csv")
            out.append(Claim(cid, self.text(c, "claim", here), attribution, position))
        return tuple(out)

    def issue_ids(self, node: LineDict, where: str) -> tuple[str, ...]:
        value = node.get("issues")
        if self.annotation is None:
            return ()
        known = [i.id for i in self.annotation.issues]
        if not known:
            self.problem(node.line_of("issues"), f"{where} needs issues, but issues.csv is missing or empty",
                         "add data/issues.csv and data/positions.csv (see docs/annotation-guide.md)")
            return ()
        if value == "all":
            return tuple(known)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.problem(node.line_of("issues"), f"{where} needs 'issues': 'all' or a list of issue ids",
                         f"write e.g. 'issues: [{', '.join(known[:2])}]'")
            return ()
        for issue in value:
            if issue not in known:
                self.problem(node.line_of("issues"), f"{where} names issue '{issue}', which is not in issues.csv",
                             f"use one of: {', '.join(known)}")
        if len(set(value)) != len(value):
            self.problem(node.line_of("issues"), f"{where} lists an issue twice", "list each issue once")
        return tuple(dict.fromkeys(i for i in value if i in known))

    def find_list(self, node: LineDict, where: str) -> tuple[tuple[str, str, str], ...]:
        out = []
        for q, qid, _here in self.entries(node, "questions", "question", SPOT_FIELDS, where):
            find = self.text(q, "find", f"question '{qid}'")
            if find and find not in FINDS:
                self.problem(q.line_of("find"), f"question '{qid}' asks to find {find!r}", f"use one of: {', '.join(FINDS)}")
            elif find and self.annotation is not None and not self.annotation.issues_where(find):
                self.problem(q.line_of("find"), f"question '{qid}' asks to find {find!r}, but no issue in "
                             "positions.csv shows it", "change the question, or the positions it is about")
            out.append((qid, self.text(q, "question", f"question '{qid}'"), find))
        return tuple(out)

    def exercise(self, node: Any, lesson: str, fallback_line: int) -> ExerciseSpec | None:
        if not isinstance(node, LineDict):
            self.problem(fallback_line, "every exercise must be a set of fields", "start each exercise with '- id: ...'")
            return None
        ident = self.text(node, "id", "an exercise")
        if ident and not ID_PATTERN.match(ident):
            self.problem(node.line_of("id"), f"exercise id {ident!r} cannot be used (it names a file of saved answers)",
                         "use letters, digits, '_' or '-' only, at most 80 of them")
            return None
        where = f"exercise '{ident}'" if ident else "an exercise"
        kind = self.text(node, "type", where)
        if kind and kind not in TYPES:
            self.problem(node.line_of("type"), f"unknown type '{kind}' in {where}", f"use one of: {', '.join(TYPES)}")
            return None
        if not kind:
            return None
        self.unknown_fields(node, FIELDS[kind], where)
        show = node.get("show_answer", True)
        if not isinstance(show, bool):
            self.problem(node.line_of("show_answer"), f"'show_answer' of {where} must be true or false",
                         "write 'show_answer: false' to hide answers for graded use")
            show = True
        spec = ExerciseSpec(
            id=ident, type=kind, lesson=lesson, title=self.text(node, "title", where),
            prompt=self.text(node, "prompt", where), hint=self.text(node, "hint", where), show_answer=show,
            sentences=self.sentence_ids(node, where, kind) if kind in SENTENCE_TYPES else (),
            options=self.options(node, where, CHOICES[kind]) if kind in CHOICES else {},
            feedback=self.feedback(node, where, CHOICES[kind]) if kind in CHOICES else {},
            questions=self.questions(node, where) if kind == VERBS else (),
            issues=self.issue_ids(node, where) if kind == MATRIX else (),
            finds=self.find_list(node, where) if kind == SPOT else (),
            attribution=self.chain_start(node, where) if kind == CHAIN else "",
            claims=self.claim_list(node, where) if kind == TRACE else (),
            file=self.file, line=node.line)
        return spec


def read_exercise_file(path: Path, annotation: Annotation | None, problems: list[Problem]) -> list[ExerciseSpec]:
    name = display_name(path)
    document = read_spec(path, problems)
    if document is None:
        return []
    reader = _Reader(name, annotation, problems)
    if not isinstance(document, LineDict) or not isinstance(document.get("exercises"), list):
        reader.problem(getattr(document, "line", 1), "the file needs a list called 'exercises'",
                       "start with 'exercises:' and list each exercise under it with '- id: ...'")
        return []
    reader.unknown_fields(document, ("lesson", "title", "exercises"), "the file")
    if "lesson" in document and document["lesson"] != path.stem:
        reader.problem(document.line_of("lesson"), f"'lesson' is {document['lesson']!r} but the file is named "
                       f"{path.name}", f"write 'lesson: {path.stem}' (the lesson is the file's name) or rename the file")
    specs = [reader.exercise(node, path.stem, document.line_of("exercises")) for node in document["exercises"]]
    return [s for s in specs if s is not None]


def read_exercise_specs(folder: Path, annotation: Annotation | None) -> tuple[list[ExerciseSpec], list[Problem]]:
    """Every exercise in folder/*.yaml, in file and then reading order, with every problem found."""
    problems: list[Problem] = []
    specs: list[ExerciseSpec] = []
    if not Path(folder).is_dir():
        return [], [Problem(display_name(Path(folder)), None, None, "exercises folder is missing",
                            "create it, or point SOURCELAB_EXERCISES at the folder with your .yaml files")]
    for path in sorted([*Path(folder).glob("*.yaml"), *Path(folder).glob("*.yml")]):
        specs += read_exercise_file(path, annotation, problems)
    first: dict[str, ExerciseSpec] = {}
    for spec in specs:
        if spec.id in first:
            problems.append(Problem(spec.file, spec.line, None, f"exercise id '{spec.id}' is already used in "
                                    f"{first[spec.id].file} (line {first[spec.id].line})", "give every exercise its own id"))
        elif spec.id:
            first[spec.id] = spec
    return specs, problems
