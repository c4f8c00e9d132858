"""Benchmarks for Source Lab: print ratios measured in one run (`make bench`).

Benchmarks report, they do not fail: a missed goal still exits 0. Exit 1 only
when something cannot be measured (a notebook fails to execute, an import breaks).
To add a benchmark, decorate a function `(args) -> list[Figure]` with @benchmark.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent

# Every goal in one place: figure name -> highest acceptable ratio to its baseline, or, for figures
# without a baseline, highest acceptable milliseconds per call.
GOALS: dict[str, float] = {
    "import sourcelab": 1.2,
    "notebooks/00_start_here.ipynb": 1.5,
    "grade classify-sentences + render feedback": 20.0,
    "report over 1,000 submissions": 2000.0,
    "report over 10,000 submissions": 15000.0,
    "report time 10,000 / 1,000 (linear: 10)": 10.0,
}


class BenchError(Exception):
    """Something could not be measured; main() prints it and exits 1."""


@dataclass
class Figure:
    name: str
    seconds: float
    baseline_seconds: float | None  # None: an absolute figure, judged in milliseconds per call
    ratio: float | None
    goal: float | None
    note: str = ""  # a second measurement that has no goal of its own, e.g. peak memory

    @property
    def value(self) -> float:
        return self.ratio if self.ratio is not None else self.seconds * 1000

    @property
    def status(self) -> str:
        if self.goal is None:
            return ""
        return "ok" if self.value <= self.goal else "over goal"


def figure(name: str, seconds: float, baseline_seconds: float | None = None) -> Figure:
    ratio = seconds / baseline_seconds if baseline_seconds else None
    return Figure(name, seconds, baseline_seconds, ratio, GOALS.get(name))


Benchmark = Callable[[argparse.Namespace], list[Figure]]
BENCHMARKS: list[Benchmark] = []


def benchmark(func: Benchmark) -> Benchmark:
    BENCHMARKS.append(func)
    return func


def note(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # stderr, so --json output stays clean


# (a) import time ---------------------------------------------------------------------------

def time_import(statement: str) -> float:
    """Seconds taken by `statement` in a fresh interpreter, start-up excluded."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    child = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if child.returncode != 0:
        raise BenchError(f"`{statement}` failed:\n{child.stderr.strip()}")
    return float(child.stdout.strip().splitlines()[-1])


@benchmark
def bench_import(args: argparse.Namespace) -> list[Figure]:
    ours, baseline = "import sourcelab", "import pandas, matplotlib, ipywidgets"
    repeat = args.repeat or 7
    note(f"import: 1 warm-up + {repeat} alternating runs")
    time_import(ours)  # warm-up: fills the bytecode and OS file caches
    time_import(baseline)
    ours_s, base_s = [], []
    for _ in range(repeat):
        ours_s.append(time_import(ours))
        base_s.append(time_import(baseline))
    return [figure(ours, statistics.median(ours_s), statistics.median(base_s))]


# (b) headless notebook execution ------------------------------------------------------------

def time_notebook(nb: nbformat.NotebookNode, folder: Path, label: str) -> float:
    """Seconds to execute `nb` with nbclient, kernel start included, cwd = `folder`."""
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])  # no TCP warning
    start = time.perf_counter()
    try:
        client.execute()
    except Exception as error:  # CellExecutionError, timeout, dead kernel...
        raise BenchError(f"{label} failed to execute:\n{error}") from error
    return time.perf_counter() - start


def display_name(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def find_notebooks(folder: Path) -> list[Path]:
    return sorted(p.resolve() for p in folder.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


@benchmark
def bench_notebooks(args: argparse.Namespace) -> list[Figure]:
    folder = Path(args.notebooks).resolve()
    paths = find_notebooks(folder) if folder.is_dir() else []
    if not paths:
        note(f"notebooks: no notebooks in {display_name(folder)}, nothing to run")
        return []
    repeat = args.repeat or 3
    note(f"notebooks: {len(paths)} notebook(s) + empty baseline, 1 warm-up + {repeat} runs each")
    # Warm-up: the first kernel start of a run is the slowest.
    time_notebook(nbformat.v4.new_notebook(), folder, "empty notebook")
    empty_s: list[float] = []
    times: dict[Path, list[float]] = {p: [] for p in paths}
    for _ in range(repeat):  # interleaved, so drift affects baseline and notebooks alike
        empty_s.append(time_notebook(nbformat.v4.new_notebook(), folder, "empty notebook"))
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            times[path].append(time_notebook(nb, path.parent, display_name(path)))
    baseline = statistics.median(empty_s)
    return [figure(display_name(p), statistics.median(t), baseline) for p, t in times.items()]


# (c) grading and feedback -------------------------------------------------------------------

@benchmark
def bench_grading(args: argparse.Namespace) -> list[Figure]:
    """A student's full answer sheet graded and every item's feedback rendered, as the widget does."""
    from sourcelab.course import load_course
    from sourcelab.render import feedback_html

    exercise = load_course().exercise("classify-sentences")
    labels = ("attributed", "narration", "mixed")
    answers = {item.id: labels[i % 3] for i, item in enumerate(exercise.items)}  # right and wrong mixed
    repeat = max(args.repeat or 0, 200)
    note(f"grading: {repeat} calls")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = exercise.grade(answers)
        for item in result.items:
            feedback_html(item, reveal=True)
        times.append(time.perf_counter() - start)
    return [figure("grade classify-sentences + render feedback", statistics.median(times))]


# (d) class report ------------------------------------------------------------------------------

def run_report(folder: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of `python -m sourcelab report` as an instructor runs it."""
    import os

    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "sourcelab", "report", str(folder), "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise BenchError(f"report over {folder} failed:\n{child.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


@benchmark
def bench_report(args: argparse.Namespace) -> list[Figure]:
    import tempfile

    from sourcelab.course import load_course
    from sourcelab.report.demo import write_demo_submissions

    course = load_course()
    figures, seconds = [], {}
    with tempfile.TemporaryDirectory(prefix="sourcelab-bench-") as tmp:
        for count in (1_000, 10_000):
            folder = Path(tmp) / f"n{count}"
            note(f"report: writing {count:,} demo submissions")
            write_demo_submissions(folder, count, course.exercises, course.annotation.article_id, seed=count)
            runs = [run_report(folder, Path(tmp) / f"report-{count}.html") for _ in range(args.repeat or 1)]
            seconds[count] = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            figures.append(figure(f"report over {count:,} submissions", seconds[count]))
            figures[-1].note = f"peak memory {peak:.0f} MiB"
    figures.append(figure("report time 10,000 / 1,000 (linear: 10)", seconds[10_000], seconds[1_000]))
    return figures


# report ---------------------------------------------------------------------------------

def print_table(figures: list[Figure]) -> None:
    rows = [("benchmark", "seconds", "baseline", "ratio", "goal", "status", "note")]
    rows += [(f.name, f"{f.seconds:.4f}" if f.ratio is not None else f"{f.seconds * 1000:.3f} ms", "" if f.baseline_seconds is None else f"{f.baseline_seconds:.4f}",
              "" if f.ratio is None else f"{f.ratio:.3f}",
              "" if f.goal is None else (f"<= {f.goal}" if f.ratio is not None else f"<= {f.goal:g} ms"),
              f.status, f.note) for f in figures]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))).rstrip())


def summary(figures: list[Figure]) -> str:
    judged = [f for f in figures if f.goal is not None]
    over = [f.name for f in judged if f.status == "over goal"]
    text = f"{len(figures)} figure(s), {len(judged) - len(over)}/{len(judged)} goals met"
    return text + (f"; over goal: {', '.join(over)}" if over else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measurement (default: 7 for imports, 3 for notebooks)")
    parser.add_argument("--notebooks", default=str(ROOT / "notebooks"),
                        help="folder searched recursively for notebooks (default: notebooks/)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    figures: list[Figure] = []
    try:
        for bench in BENCHMARKS:
            figures += bench(args)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([asdict(f) | {"status": f.status} for f in figures], indent=2))
    else:
        print_table(figures)
        print(summary(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
