"""Answers are never lost: kill a kernel that is saving answers, again and again, then count what is missing.

    python tools/killtest.py [--kills N] [--two-writers R] [--seed S]   (make killtest: 1,000 kills)

A child process opens an exercise through the kit's own path (`sourcelab.show_exercise`, the widget view and its
Recorder) and answers items as fast as it can, printing the id of every answer the kit reported as saved.
The parent kills it with SIGKILL at a random moment and starts the next one on the same answers folder.
At the end a fresh store restores the exercise, and the figures are printed:

    kills, saves reported, answers lost (goal 0), unreadable files (goal 0), leftover temporary files (goal 0)

`--two-writers R` then runs R rounds of two processes answering different items of one exercise for the
same student at the same time, and counts the answers reported saved that are missing afterwards.
Measured, not asserted: the test suite runs a small count and checks the goals.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXERCISE = "position-matrix"  # 45 choice items: many different answers to save
STUDENT = "Kill Test"

CHILD = r"""
import random, sys
try:
    from sourcelab import show_exercise
except ImportError:  # versions before 0.2 called it show
    from sourcelab import show as show_exercise
from sourcelab.progress import write_student
folder, seed, items = sys.argv[1], int(sys.argv[2]), sys.argv[3]
view = show_exercise({exercise!r}, answers_dir=folder)
recorder = next(l for l in view.listeners if type(l).__name__ == "Recorder")
record = getattr(recorder, "recording", recorder)  # older versions kept the record in the Recorder itself
chosen = [i for i in view.exercise.items if items == "all" or i.id in items.split(",")]
rng = random.Random(seed)
print("READY", flush=True)
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 10**9
for _ in range(rounds):
    for item in (rng.sample(chosen, len(chosen)) if items == "all" else chosen):
        value = rng.choice(item.options)
        view.choose(item.id, value)
        if "Saved for" in view.status.value:
            event = f"{{getattr(record, 'writer', 'v0')}}-{{getattr(record, 'events', len(record.progress.history))}}"
            print("SAVED", event, item.id, value, flush=True)
""".format(exercise=EXERCISE)


def _student_dir(folder: Path) -> Path:
    from sourcelab.progress import student_slug

    return folder / student_slug(STUDENT)


def _check(folder: Path, reported: set[str]) -> dict[str, int]:
    """Restore as a reopened lesson would, then count what was lost, unreadable and left behind."""
    from sourcelab.progress import ProgressStore

    store = ProgressStore(folder, STUDENT)
    progress = store.load(EXERCISE)
    notices = store.take_notices()
    unreadable = sum("were damaged" in n or "cannot be read" in n for n in notices)
    present = {e.get("id") for e in progress.history} if progress else set()
    leftovers = len(list(_student_dir(folder).glob(".*.tmp")))
    return {"lost": len(reported - present), "unreadable": unreadable, "leftovers": leftovers}


def kill_test(kills: int, seed: int) -> dict[str, int]:
    from sourcelab.progress import write_student

    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="sourcelab-killtest-"))
    write_student(folder, STUDENT)
    reported: set[str] = set()
    for kill in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(rng.randrange(10**9)), "all"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert child.stdout is not None
        if child.stdout.readline().strip() != "READY":
            raise SystemExit(f"child did not start: {child.stderr.read() if child.stderr else ''}")
        time.sleep(rng.uniform(0.0, 1.0))  # a random moment: mid-save, between saves, mid-rename
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        for line in output.splitlines():
            if line.startswith("SAVED "):
                reported.add(line.split()[1])
    figures = {"kills": kills, "saves reported": len(reported)}
    figures.update(_check(folder, reported))
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def two_writers(rounds: int, seed: int, per_writer: int = 8) -> dict[str, int]:
    """Two processes, same student, same exercise, different items, at the same time."""
    from sourcelab.course import load_course
    from sourcelab.progress import ProgressStore, write_student

    items = [i.id for i in load_course().exercise(EXERCISE).items]
    reported, lost, final_missing = 0, 0, 0
    for run in range(rounds):
        folder = Path(tempfile.mkdtemp(prefix="sourcelab-twowriters-"))
        try:
            write_student(folder, STUDENT)
            halves = [items[:per_writer], items[per_writer:2 * per_writer]]
            children = [subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(seed + run * 2 + n),
                                          ",".join(half), "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True)
                        for n, half in enumerate(halves)]
            saved: dict[str, str] = {}
            for child in children:
                output, errors = child.communicate(timeout=300)
                if child.returncode != 0:
                    raise SystemExit(f"writer failed: {errors}")
                for line in output.splitlines():
                    if line.startswith("SAVED "):
                        _, _event, item, value = line.split(maxsplit=3)
                        saved[item] = value
            progress = ProgressStore(folder, STUDENT).load(EXERCISE)
            answers = progress.answers if progress else {}
            reported += len(saved)
            lost += sum(1 for item, value in saved.items() if answers.get(item) != value)
            final_missing += sum(1 for half in halves for item in half if item not in answers)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return {"runs": rounds, "answers reported saved": reported, "lost": lost, "items missing": final_missing}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--two-writers", type=int, default=3, metavar="ROUNDS")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    started = time.perf_counter()
    figures = {"kill test": kill_test(args.kills, args.seed) if args.kills else {},
               "two writers": two_writers(args.two_writers, args.seed) if args.two_writers else {}}
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(figures))
        return 0
    for part in ("kill test", "two writers"):
        if figures[part]:
            print(f"{part}: " + ", ".join(f"{key} {value:,}" for key, value in figures[part].items()))
    print(f"goals: answers lost 0, unreadable files 0, leftover temporary files 0 ({figures['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
