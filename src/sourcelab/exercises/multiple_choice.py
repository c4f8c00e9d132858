"""Multiple choice with feedback for every option: the key lives in the YAML.

Types: reporting-verbs (lesson 1's questions on verbs) and multiple-choice (any question of judgement, e.g.
what knowing the publisher changes). YAML field: `questions`, each with `id`, `question`, an optional
`sentence` and `options` (`text`, `feedback`, and `correct: true` on exactly one). Keys that follow from the
data belong in data/ instead, with a type of their own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .base import Exercise, Item
from .results import ItemResult
from .spec import ExerciseType, SpecReader
from .yamlspec import LineDict

VERBS, CHOICE = "reporting-verbs", "multiple-choice"
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
class QuestionsParams:
    questions: tuple[Question, ...] = ()


def _read_questions(reader: SpecReader, node: LineDict, where: str) -> tuple[Question, ...]:
    out = []
    for q, qid, here in reader.entries(node, "questions", "question", QUESTION_FIELDS, where):
        sentence = reader.known_sentence(q, "sentence", here)
        options = []
        raw = q.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            reader.problem(q.line_of("options"), f"{here} needs at least two 'options'",
                           "list options with text, correct and feedback")
            raw = []
        for opt in raw:
            if not isinstance(opt, LineDict):
                reader.problem(q.line_of("options"), f"an option of {here} must be a set of fields",
                               "write '- text: ...' with 'correct:' and 'feedback:' below it")
                continue
            reader.unknown_fields(opt, OPTION_FIELDS, f"an option of {here}")
            correct = opt.get("correct", False)
            if not isinstance(correct, bool):
                reader.problem(opt.line_of("correct"), f"'correct' in {here} must be true or false",
                               "write 'correct: true' on the right option only")
            options.append(Option(reader.text(opt, "text", f"an option of {here}"), correct is True,
                                  reader.text(opt, "feedback", f"an option of {here}")))
        if raw and sum(o.correct for o in options) != 1:
            reader.problem(q.line_of("options"), f"{here} must have exactly one option with 'correct: true'",
                           "mark the one right option")
        if len({o.text for o in options}) != len(options):
            reader.problem(q.line_of("options"), f"{here} has two options with the same text", "make each option differ")
        out.append(Question(qid, reader.text(q, "question", here), tuple(options), sentence))
    return tuple(out)


class MultipleChoice(Exercise):
    params: QuestionsParams

    def _items(self) -> list[Item]:
        return [Item(q.id, q.question, tuple(o.text for o in q.options), q.sentence) for q in self.params.questions]

    def question(self, item_id: str) -> Question:
        return next(q for q in self.params.questions if q.id == item_id)

    def reference_answers(self) -> dict[str, Any]:
        return {q.id: next(o.text for o in q.options if o.correct) for q in self.params.questions}

    def reference_text(self, item: Item) -> str:
        right = next(o for o in self.question(item.id).options if o.correct)
        return f"The best answer is “{right.text}”: {right.feedback}"

    def _grade(self, item: Item, value: Any, answer: str) -> ItemResult:
        choice = self.check_choice(item, value)
        option = next(o for o in self.question(item.id).options if o.text == choice)
        head = "Right." if option.correct else "Not quite."
        return ItemResult(item.id, option.correct, 1.0 if option.correct else 0.0, True,
                          f"{head} {option.feedback}", answer)


def _read(reader: SpecReader, node: LineDict, where: str) -> QuestionsParams:
    return QuestionsParams(_read_questions(reader, node, where))


TYPES = (ExerciseType(VERBS, ("questions",), _read, MultipleChoice, "choice"),
         ExerciseType(CHOICE, ("questions",), _read, MultipleChoice, "choice"))
