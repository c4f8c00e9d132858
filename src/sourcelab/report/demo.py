"""Synthetic submissions with the mistakes real classes make, so the report can be previewed and measured.

Each student has an ability; each item a base rate of error and the wrong answers students typically give
(narration sentences read as attributed, partial quotes read as direct, source and cue swapped...).
"""
from __future__ import annotations

import json
import math
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..exercises import Exercise
from ..exercises.sentence_choice import CLASSIFY, QUOTE_TYPE
from ..exercises.source_cue import SOURCE_CUE
from ..errors import UsageError
from ..submission import exercise_entry, submission_document

# item -> (base error rate, other answers with weights); items not listed use DEFAULT_ERROR. For a debatable
# item the other reading (s1 mixed, s6 both) scores too: the report shows how the class split.
TYPICAL = {
    CLASSIFY: {"s1": (0.5, {"mixed": 4, "narration": 1}), "s2": (0.3, {"mixed": 3, "narration": 1}),
               "s11": (0.3, {"mixed": 3, "narration": 1}), "s12": (0.25, {"mixed": 3, "narration": 1}),
               "s13": (0.35, {"attributed": 3, "mixed": 2}), "s14": (0.3, {"attributed": 2, "mixed": 2})},
    QUOTE_TYPE: {"s5": (0.35, {"both": 1}), "s6": (0.3, {"both": 2, "indirect": 1}), "s7": (0.2, {"direct": 2, "indirect": 1}),
                 "s9": (0.25, {"direct": 1, "indirect": 1}), "s10": (0.2, {"both": 1})},
}
DEFAULT_ERROR = 0.08
MAX_DEMO_COUNT = 10_000  # more than any class, and a bounded amount of disk


def _logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _error(base: float, ability: float) -> float:
    return _logistic(math.log(base / (1 - base)) - ability)


def _choose(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _answer(rng: random.Random, exercise: Exercise, item_id: str, right: Any, ability: float) -> Any:
    kind = exercise.spec.type
    if kind in TYPICAL:
        base, wrong = TYPICAL[kind].get(item_id, (DEFAULT_ERROR, {}))
        if rng.random() >= _error(base, ability):
            return right
        options = [o for o in exercise.item(item_id).options if o != right]
        return _choose(rng, wrong) if wrong else rng.choice(options)
    if kind != SOURCE_CUE:  # any other choice: a wrong option now and then
        options = [o for o in exercise.item(item_id).options if o != right]
        if not options or rng.random() >= _error(0.2, ability):
            return right
        return rng.choice(options)
    if rng.random() >= _error(0.25, ability):  # source-and-cue: the typical slips of marking words
        return right
    words = len(exercise.words(item_id))
    mistake = rng.choice(["swap", "no cue", "cue runs on", "source too long"])
    if mistake == "swap":
        return {"source": right["cue"], "cue": right["source"]}
    if mistake == "no cue":
        return {"source": right["source"], "cue": []}
    if mistake == "cue runs on":
        last = max(right["cue"])
        return {"source": right["source"], "cue": right["cue"] + [i for i in (last + 1, last + 2) if i < words]}
    first = min(right["source"])
    return {"source": sorted({*right["source"], *(i for i in (first + 1, first + 2) if i < words)}),
            "cue": right["cue"]}


def _history(rng: random.Random, exercise: Exercise, answers: dict[str, Any], reference: dict[str, Any],
             ability: float, clock: list[datetime], number: int) -> list[dict[str, Any]]:
    """The answers as given, in order: sometimes a wrong try (or two, for a guesser) before the final one."""
    events = []
    guesser = ability < -0.5 and rng.random() < 0.5  # clicks through the options until one is right
    for item_id, final in answers.items():
        tries = []
        if final == reference[item_id] and rng.random() < (0.6 if guesser else 0.12):
            tries = [_answer(rng, exercise, item_id, reference[item_id], -3.0) for _ in range(2 if guesser else 1)]
        for value in [*(t for t in tries if t != final), final]:
            clock[0] += timedelta(seconds=rng.randint(5, 90))
            events.append({"id": f"demo{number}-{len(events) + 1}", "item": item_id, "value": value,
                           "at": clock[0].isoformat(timespec="seconds"), "correct": None})
    return events


def demo_submission(rng: random.Random, number: int, exercises: dict[str, Exercise], article_id: str,
                    start: datetime) -> dict[str, Any]:
    ability = rng.gauss(0.3, 1.0)
    finished = len(exercises) if rng.random() < 0.85 else rng.randint(1, len(exercises))
    clock = [start + timedelta(minutes=rng.randint(0, 5 * 24 * 60))]
    entries = {}
    for exercise in list(exercises.values())[:finished]:
        reference = exercise.reference_answers()
        answers = {item: _answer(rng, exercise, item, right, ability) for item, right in reference.items()
                   if rng.random() < 0.97}  # now and then an item is skipped
        history = _history(rng, exercise, answers, reference, ability, clock, number)
        entries[exercise.id] = exercise_entry(exercise, answers, attempts=1 + min(int(rng.expovariate(1.5)), 4),
                                              revealed=rng.random() < 0.2, history=history,
                                              updated=history[-1]["at"] if history else "")
    stamp = clock[0] + timedelta(minutes=rng.randint(1, 2 * 24 * 60))
    return submission_document(f"Demo student {number:05d}", entries, article_id,
                               exported_at=stamp.isoformat(timespec="seconds"), demo=True)


def write_demo_submissions(folder: Path, count: int, exercises: dict[str, Exercise], article_id: str,
                           seed: int = 0) -> list[Path]:
    """Write `count` submissions (the same ones for the same seed) and return their paths."""
    if not 1 <= count <= MAX_DEMO_COUNT:
        raise UsageError(f"--count must be between 1 and {MAX_DEMO_COUNT:,}")
    rng = random.Random(seed)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"demo-{number:05d}.json"
        document = demo_submission(rng, number, exercises, article_id, start)
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")  # generated: no fsync needed
        paths.append(path)
    return paths
