"""How long a lesson takes a careful student, estimated from the lesson itself.

Announced times must be honest, and an instructor who adds questions should see what that costs, so the
estimate is computed from what the student actually reads and does, not guessed:

- **Reading**: every word of the lesson's prose, plus the article once if the lesson shows it, and every
  evidence card and rendering it shows (lesson 4), at READING_WPM. Brysbaert (2019, Journal of Memory and Language 109, 104047,
  https://doi.org/10.1016/j.jml.2019.104047) puts adults' silent reading of English non-fiction at 238
  words a minute (most between 175 and 300) and finds lower rates for younger and second-language
  readers; a student studying a lesson, rereading sentences, reads well below that.
- **Exercises**: for each item, the words of the item, of its options (when they are buttons; a long
  drop-down menu is scanned, not read) and of the feedback the student reads, at the same rate, plus a
  fixed time to decide and click (DECIDE_SECONDS by exercise type). The prompt and hint are read once.
- **Discussion**: DISCUSSION_MINUTES per numbered question under "Compare with your neighbour",
  "Reflect" and "Discuss", and PREDICTION_MINUTES per prediction the lesson asks students to write down.

The figures are an estimate for planning; `python -m sourcelab timing` prints them next to what each
notebook announces, and `--write` puts the estimate into the notebooks' metadata, their first lines and
the README's lesson table, which a test keeps in step.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_text_atomic
from .errors import DataError, Problem
from .exercises.base import Exercise
from .model import Annotation
from .passages import KEYS as FALLBACK_KEYS
from .segment import WORD

READING_WPM = 150
DECIDE_SECONDS = {"source-and-cue": 45, "chain-order": 10,  # marking words takes longer than one click
                  "rewrite": 240, "write": 120}  # rewriting a sentence takes minutes; a line or two, two
DEFAULT_DECIDE_SECONDS = 15
SCANNED_MENU_SECONDS = 10  # more than MAX_BUTTONS options: a drop-down menu, scanned rather than read
MAX_BUTTONS = 6
DISCUSSION_MINUTES = 1.5
PREDICTION_MINUTES = 1.0
STEP = 5  # announced times are in steps of five minutes

TIME_LINE = re.compile(r"About \d+ minutes: [^*\n]*\.|ANNOUNCE")  # ANNOUNCE: a new lesson's placeholder
README_ROW = r"^(\| `{stem}` \| )\d+ min( \|)"
CARDS_CALL = re.compile(r"""\bshow_cards\(([^)]*)\)""")
QUOTED = re.compile(r"""["']([^"']+)["']""")
KIND_ARG = re.compile(r"""\bkind\s*=\s*["']([^"']+)["']""")
GROUP_ARG = re.compile(r"""\bgroup\s*=\s*["']([^"']+)["']""")
PASSAGE_CALL = re.compile(r"""\bshow_passage\(\s*["']([^"']+)["']""")
SHOW_CALL = re.compile(r"""\bshow(?:_exercise)?\(\s*["']([^"']+)["']""")  # show: the older name
DISCUSSION_HEADING = re.compile(r"^(#+ *(Compare with your neighbour|Reflect)\b|\*\*Discuss\.\*\*)", re.M)
NUMBERED = re.compile(r"^\d+\. ", re.M)
PREDICTION = re.compile(r"\*\*(Predict first|Check your predictions?)\.?\*\*")


def words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


# The parts of a lesson's time, in the order the first line of a notebook names them. "activities" is the
# hands-on time the estimate cannot see (exploring the viewer's layers); the notebook's author declares it.
LESSON_PARTS = {"reading": "{} reading", "activities": "{} exploring", "exercises": "{} for the exercises",
         "discussion": "{} discussing"}


def announce(minutes: dict[str, int]) -> str:
    """The time line a lesson opens with, from its metadata: "About 45 minutes: 15 reading, …"."""
    named = [LESSON_PARTS[key].format(minutes[key]) for key in LESSON_PARTS if minutes.get(key)]
    listed = ", ".join(named[:-1]) + f" and {named[-1]}" if len(named) > 1 else "".join(named)
    return f"About {sum(minutes.values())} minutes: {listed}."


@dataclass(frozen=True)
class LessonTime:
    """Minutes per part of one lesson, as estimated and as the notebook announces them."""

    notebook: str
    reading: float
    exercises: float
    discussion: float
    announced: dict[str, int]

    @property
    def activities(self) -> int:
        return self.announced.get("activities", 0)

    @property
    def total(self) -> float:
        return self.reading + self.activities + self.exercises + self.discussion

    @property
    def announced_total(self) -> int:
        return sum(self.announced.values())

    def rounded(self) -> dict[str, int]:
        """The estimate as a notebook announces it: the total to the nearest five minutes, shared out in
        five-minute steps in proportion to the parts (largest remainders), every part at least five."""
        parts = {key: value for key, value in (("reading", self.reading), ("activities", self.activities),
                                               ("exercises", self.exercises), ("discussion", self.discussion))
                 if value > 0}
        units = max(len(parts), round(sum(parts.values()) / STEP))
        shares = {key: value / sum(parts.values()) * units for key, value in parts.items()}
        steps = {key: max(1, math.floor(share)) for key, share in shares.items()}
        by_remainder = sorted(parts, key=lambda key: shares[key] - math.floor(shares[key]), reverse=True)
        while sum(steps.values()) < units:
            steps[by_remainder.pop(0) if by_remainder else max(steps, key=steps.get)] += 1
        while sum(steps.values()) > units:
            steps[max(steps, key=steps.get)] -= 1
        return {key: n * STEP for key, n in steps.items()}


def item_seconds(exercise: Exercise) -> float:
    """Reading and answering every item once, feedback included."""
    decide = DECIDE_SECONDS.get(exercise.spec.type, DEFAULT_DECIDE_SECONDS)
    total = 0.0
    for item in exercise.items:
        labels = item.labels or item.options
        read = words(item.text) + words(exercise.reference_text(item))
        menu = 0.0
        if len(labels) <= MAX_BUTTONS:
            read += sum(words(str(label)) for label in labels)
        else:
            menu = SCANNED_MENU_SECONDS
        total += read / READING_WPM * 60 + decide + menu
    return total + words(f"{exercise.spec.title} {exercise.spec.prompt} {exercise.spec.hint}") / READING_WPM * 60


def _cells(notebook: dict[str, Any], kind: str) -> list[str]:
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in notebook["cells"] if c["cell_type"] == kind]


def discussion_questions(markdown: list[str]) -> int:
    """Numbered questions in the lesson's discussion cells, plus written predictions."""
    questions = 0
    for cell in markdown:
        for part in DISCUSSION_HEADING.split(cell)[1:]:
            questions += len(NUMBERED.findall(part or ""))
    return questions


def shown_context_words(code: list[str], annotation: Annotation) -> int:
    """Words of the evidence cards (each once) and renderings a lesson's code cells show."""
    context = annotation.context
    shown: dict[str, str] = {}
    for cell in code:
        for call in CARDS_CALL.finditer(cell):
            args = call.group(1)
            kind, group = KIND_ARG.search(args), GROUP_ARG.search(args)
            ids = [] if kind or group else QUOTED.findall(args)
            for card in context.cards:
                if ((kind and card.kind == kind.group(1)) or (group and group.group(1) in card.shown_in)
                        or card.id in ids or (not kind and not group and not ids)):
                    shown[card.id] = f"{card.source} {card.title} {card.quote} {card.facts}"
    total = sum(words(text) for text in shown.values())
    if any("show_renderings(" in cell for cell in code):
        total += sum(words(r.text) for r in context.renderings)
    return total


def prose(notebook: dict[str, Any], annotation: Annotation, exercises: dict[str, Exercise]) -> list[str]:
    """The lesson's text cells, each `show_passage("key")` cell's passage joined to the text cell above it (so
    a passage's questions count under the heading that introduces them)."""
    from .fallbacks import focus_for, passage

    focus = focus_for(exercises)
    cells: list[str] = []
    for cell in notebook.get("cells", []):
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            cells.append(text)
        elif cell["cell_type"] == "code":
            for key in PASSAGE_CALL.findall(text):
                shown = passage(annotation, key, focus)[0] if key in FALLBACK_KEYS else ""
                if cells:
                    cells[-1] += "\n\n" + shown
                else:
                    cells.append(shown)
    return cells


def estimate(path: Path, exercises: dict[str, Exercise], annotation: Annotation) -> LessonTime:
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    markdown, code = prose(notebook, annotation, exercises), _cells(notebook, "code")
    reading_words = sum(words(cell) for cell in markdown)
    if any("show_viewer(" in cell for cell in code):
        reading_words += words(annotation.text)
    reading_words += shown_context_words(code, annotation)
    shown = [m.group(1) for cell in code for m in SHOW_CALL.finditer(cell)]
    exercise_seconds = sum(item_seconds(exercises[e]) for e in shown if e in exercises)
    predictions = sum(len(PREDICTION.findall(cell)) for cell in markdown)
    discussion = discussion_questions(markdown) * DISCUSSION_MINUTES + predictions * PREDICTION_MINUTES
    announced = notebook.get("metadata", {}).get("sourcelab", {}).get("minutes", {})
    return LessonTime(Path(path).name, reading_words / READING_WPM, exercise_seconds / 60, discussion,
                      {k: int(v) for k, v in announced.items()})




def write_announced(path: Path, minutes: dict[str, int]) -> None:
    """Put `minutes` into a notebook's metadata and its first line (the line test_notebooks checks)."""
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    notebook.setdefault("metadata", {}).setdefault("sourcelab", {})["minutes"] = minutes
    first = next(c for c in notebook["cells"] if c["cell_type"] == "markdown")
    text = "".join(first["source"]) if isinstance(first["source"], list) else first["source"]
    if not TIME_LINE.search(text):
        raise DataError([Problem(str(path), None, None, "the first cell has no 'About N minutes: …' line to update",
                                 "write ANNOUNCE on a line of its own in the first cell, and run this again")])
    first["source"] = TIME_LINE.sub(announce(minutes), text, count=1).splitlines(keepends=True)  # as nbformat stores it
    write_text_atomic(Path(path), json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def write_readme_time(readme: Path, stem: str, total: int) -> bool:
    """Set the lesson's time in the README's lesson table; False when the README has no row for it."""
    text = readme.read_text(encoding="utf-8")
    updated, found = re.subn(README_ROW.format(stem=re.escape(stem)), rf"\g<1>{total} min\g<2>", text, flags=re.M)
    if found and updated != text:
        write_text_atomic(readme, updated)
    return bool(found)
