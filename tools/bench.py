"""Benchmarks for Source Lab: print ratios measured in one run (`make bench`).

Benchmarks report, they do not fail: a missed goal still exits 0. Exit 1 only
when something cannot be measured (a notebook fails to execute, an import breaks).
Every ratio compares medians of runs interleaved with their baseline's, after a warm-up.
To add a benchmark, decorate a function `(args) -> list[Figure]` with @benchmark.

Students' saved answers are never read or written: kernels, servers and the report
run with SOURCELAB_ANSWERS pointing at a fresh temporary folder, and SOURCELAB_CACHE at
another, so each lesson's first (warm-up) run draws its charts as a student's first run does:
the headless table notes that run's ratio, the figures are the runs after it.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent

# Every goal in one place: figure name (a pattern for figures named after the notebooks found) -> highest
# acceptable ratio to its baseline, or, for figures without a baseline, highest acceptable milliseconds per
# call. The first pattern that matches a name gives its goal.
GOALS: dict[str, float] = {
    "import sourcelab": 1.2,
    # The instructor's notebook may take longer than a lesson (one person runs it, once per class) but should still
    # be usable in a few seconds: 3x an empty notebook. Importing pandas and matplotlib alone is ~1.2x here, and it
    # draws 14 charts (~2x): meeting 3.0 needs fewer charts at Run All or charts drawn without matplotlib.
    "headless notebooks/instructor/class_report.ipynb": 3.0,
    "headless notebooks/*.ipynb": 2.0,  # every lesson: a lesson is usable in seconds
    "browser notebooks/*.ipynb": 1.5,
    "grade classify-sentences + render feedback": 20.0,
    "report process over 1,000 submissions": 1.5,
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


def goal_for(name: str) -> float | None:
    return next((goal for pattern, goal in GOALS.items() if fnmatch.fnmatchcase(name, pattern)), None)


def figure(name: str, seconds: float, baseline_seconds: float | None = None) -> Figure:
    ratio = seconds / baseline_seconds if baseline_seconds else None
    return Figure(name, seconds, baseline_seconds, ratio, goal_for(name))


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

# Widget views each notebook puts on the page when run with no saved answers, counted from its last headless
# run: the browser benchmark waits for this many.
EXPECTED_VIEWS: dict[Path, int] = {}


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


def widget_views(nb: nbformat.NotebookNode) -> int:
    """How many widget views an executed notebook shows: every widget output, and inside it every child of
    every box, counted once per place it appears (Layout and Style models have no view of their own)."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})

    def views(model_id: str) -> int:
        model = state.get(model_id)
        if model is None:
            return 0
        children = model["state"].get("children", [])
        return 1 + sum(views(child.removeprefix("IPY_MODEL_")) for child in children)

    mime = "application/vnd.jupyter.widget-view+json"
    return sum(views(output["data"][mime]["model_id"]) for cell in nb.cells if cell.cell_type == "code"
               for output in cell.get("outputs", []) if mime in output.get("data", {}))


def display_name(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def find_notebooks(folder: Path) -> list[Path]:
    return sorted(p.resolve() for p in folder.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts)


def notebook_paths(args: argparse.Namespace) -> tuple[Path, list[Path]]:
    folder = Path(args.notebooks).resolve()
    return folder, find_notebooks(folder) if folder.is_dir() else []


def run_notebook(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    seconds = time_notebook(nb, path.parent, display_name(path))
    EXPECTED_VIEWS[path] = widget_views(nb)
    return seconds


@benchmark
def bench_notebooks(args: argparse.Namespace) -> list[Figure]:
    folder, paths = notebook_paths(args)
    if not paths:
        note(f"notebooks: no notebooks in {display_name(folder)}, nothing to run")
        return []
    repeat = args.repeat or 3
    note(f"notebooks: {len(paths)} notebook(s) + empty baseline, 1 warm-up + {repeat} runs each")
    # Warm-up: the first kernel start of a run is the slowest, and each notebook's first run draws its charts.
    time_notebook(nbformat.v4.new_notebook(), folder, "empty notebook")
    first = {path: run_notebook(path) for path in paths}
    empty_s: list[float] = []
    times: dict[Path, list[float]] = {p: [] for p in paths}
    for _ in range(repeat):  # interleaved, so drift affects baseline and notebooks alike
        empty_s.append(time_notebook(nbformat.v4.new_notebook(), folder, "empty notebook"))
        for path in paths:
            times[path].append(run_notebook(path))
    baseline = statistics.median(empty_s)
    figures = [figure(f"headless {display_name(p)}", statistics.median(t), baseline) for p, t in times.items()]
    for f, path in zip(figures, paths):
        f.note = f"first run {first[path] / baseline:.2f} (charts drawn, one run)"
    return figures


# (b2) Run All in JupyterLab, in headless Chromium ------------------------------------------------

ONE_WIDGET = "import ipywidgets as widgets\nwidgets.Button(description=\"Ready\")"

# Starts Run All and resolves once every cell has run and the panel shows `expected` widget views: each
# rendered view is one Lumino widget inside an output (a box's children included). Times in the page; `ranMs`
# is when the last cell had finished running (the kernel's part), `ms` when the last view was on the page.
JS_RUN_ALL_UNTIL_RENDERED = """
async ([path, expected, timeoutMs]) => {
  const app = window.jupyterapp;
  const panel = (%s)(path);
  app.shell.activateById(panel.id);
  const views = () => panel.node.querySelectorAll('.jp-OutputArea-output .lm-Widget').length;
  const start = performance.now();
  let ran = false, ranMs = null;
  const run = app.commands.execute('notebook:run-all-cells');
  return await new Promise(resolve => {
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(ms) { observer.disconnect(); clearTimeout(timer); resolve({ms, ranMs, views: views(), ran}); }
    function check() { if (ran && views() >= expected) finish(performance.now() - start); }
    observer.observe(panel.node, {childList: true, subtree: true});
    run.then(() => { ran = true; ranMs = performance.now() - start; check(); }, () => finish(null));
  });
}
"""


@benchmark
def bench_browser(args: argparse.Namespace) -> list[Figure]:
    """Per lesson: Run All in JupyterLab until every widget is on the page, over the same for one button."""
    import importlib.util

    sys.path.insert(0, str(ROOT))
    from tests.browser.labdriver import (JS_FIND_PANEL, JS_KERNEL_IDLE, end_sessions, find_chromium,
                                         launch_chromium, start_lab, stop_lab)

    chromium = find_chromium()
    if chromium is None or importlib.util.find_spec("playwright") is None:
        note("browser: skipped, no Chromium (Debian package chromium) or no playwright (make setup)")
        return []
    folder, paths = notebook_paths(args)
    lessons = [p for p in paths if p.parent == folder]  # what students open; instructor/ is timed headless
    if not lessons:
        return []
    for path in lessons:
        if path not in EXPECTED_VIEWS:  # --only browser: count the widgets from one headless run
            run_notebook(path)
    repeat = args.repeat or 3
    note(f"browser: {len(lessons)} lesson(s) + one-widget baseline, 1 warm-up + {repeat} runs each")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sourcelab-bench-lab-") as tmp:
        work = Path(tmp)
        one = work / "one_widget.ipynb"
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ONE_WIDGET)],
                                                metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                         "display_name": "Python 3"}}), one)
        root = Path(os.path.commonpath([ROOT, work]))  # one server reaches the lessons and the baseline
        (work / "lab").mkdir()
        server = start_lab(root, work / "lab")
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright, chromium)
                try:
                    def run_all(path: Path, expected: int) -> tuple[float, float]:
                        relative = path.relative_to(root).as_posix()
                        context = browser.new_context(viewport={"width": 1400, "height": 1000})
                        console: list[str] = []
                        try:
                            page = context.new_page()
                            page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}")
                                    if msg.type in ("error", "warning") else None)
                            page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
                            page.goto(server.notebook_url(relative), wait_until="domcontentloaded",
                                      timeout=60_000)
                            page.wait_for_function(JS_KERNEL_IDLE, arg=relative, timeout=60_000, polling=100)
                            result = page.evaluate(JS_RUN_ALL_UNTIL_RENDERED % JS_FIND_PANEL,
                                                   [relative, expected, 120_000])
                        except Exception as error:  # Playwright timeout, page crash
                            raise BenchError(f"browser: {display_name(path)} could not be run:\n{error}") from error
                        finally:
                            context.close()
                            end_sessions(server)
                        if result["ms"] is None:
                            raise BenchError(f"browser: {display_name(path)} showed {result['views']} of "
                                             f"{expected} widget views within 120 s (all cells run: {result['ran']}); "
                                             f"browser console: {console[-5:]}")
                        return result["ms"] / 1000, result["ranMs"] / 1000

                    run_all(one, 1)  # warm-up: the browser's cache, the server's first kernel
                    for path in lessons:
                        run_all(path, EXPECTED_VIEWS[path])
                    base_s: list[float] = []
                    times: dict[Path, list[tuple[float, float]]] = {p: [] for p in lessons}
                    for _ in range(repeat):
                        base_s.append(run_all(one, 1)[0])
                        for path in lessons:
                            times[path].append(run_all(path, EXPECTED_VIEWS[path]))
                finally:
                    browser.close()
        finally:
            stop_lab(server)
    baseline = statistics.median(base_s)
    figures = [figure(f"browser {display_name(p)}", statistics.median(t[0] for t in runs), baseline)
               for p, runs in times.items()]
    for f, path in zip(figures, lessons):  # the split says whether the kernel or the page is the slow part
        ran = statistics.median(t[1] for t in times[path])
        f.note = f"{EXPECTED_VIEWS[path]} widget views; every cell had run at {ran:.3f} s ({ran / baseline:.1f}x)"
    return figures


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

def run_process(command: list[str], label: str) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of a whole process, interpreter start-up included."""
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise BenchError(f"{label} failed:\n{child.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024  # Linux reports kilobytes


def run_report(folder: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of `python -m sourcelab report` as an instructor runs it."""
    return run_process([sys.executable, "-m", "sourcelab", "report", str(folder), "--out", str(out)],
                       f"report over {folder}")


REPORT_BASELINE = "import pandas, matplotlib.pyplot"


@benchmark
def bench_report(args: argparse.Namespace) -> list[Figure]:
    from sourcelab.course import load_course
    from sourcelab.report.demo import write_demo_submissions

    course = load_course()
    figures, seconds = [], {}
    repeat = args.repeat or 3
    with tempfile.TemporaryDirectory(prefix="sourcelab-bench-") as tmp:
        for count in (1_000, 10_000):
            folder = Path(tmp) / f"n{count}"
            note(f"report: writing {count:,} demo submissions")
            write_demo_submissions(folder, count, course.exercises, course.annotation.article_id, seed=count)
        out = Path(tmp) / "report.html"
        baseline = [sys.executable, "-c", REPORT_BASELINE]
        note(f"report: 1,000 submissions and `python -c \"{REPORT_BASELINE}\"`, 1 warm-up + {repeat} runs each")
        first = run_report(Path(tmp) / "n1000", out)[0]  # warm-up, and the first run: the charts are drawn
        run_process(baseline, REPORT_BASELINE)
        runs, base_s = [], []
        for _ in range(repeat):
            runs.append(run_report(Path(tmp) / "n1000", out))
            base_s.append(run_process(baseline, REPORT_BASELINE)[0])
        seconds[1_000] = statistics.median(r[0] for r in runs)
        figures.append(figure("report process over 1,000 submissions", seconds[1_000], statistics.median(base_s)))
        figures[-1].note = (f"peak memory {max(r[1] for r in runs):.0f} MiB; first run {first:.2f} s "
                            f"({first / statistics.median(base_s):.2f}, charts drawn; later runs read them back)")
        note("report: 10,000 submissions")
        runs = [run_report(Path(tmp) / "n10000", out) for _ in range(args.repeat or 1)]
        seconds[10_000] = statistics.median(r[0] for r in runs)
        figures.append(figure("report over 10,000 submissions", seconds[10_000]))
        figures[-1].note = f"peak memory {max(r[1] for r in runs):.0f} MiB"
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


def bench_name(bench: Benchmark) -> str:
    return bench.__name__.removeprefix("bench_")


def bench_names() -> list[str]:
    return [bench_name(b) for b in BENCHMARKS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measurement (default: 7 for imports, 3 for notebooks, the browser and "
                             "the report)")
    parser.add_argument("--notebooks", default=str(ROOT / "notebooks"),
                        help="folder searched recursively for notebooks (default: notebooks/)")
    parser.add_argument("--only", metavar="NAMES", default="",
                        help="comma-separated benchmarks to run, of: " + ", ".join(bench_names()))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat must be at least 1")
    chosen = [name for name in args.only.split(",") if name]
    if unknown := set(chosen) - set(bench_names()):
        parser.error(f"--only: no benchmark called {', '.join(sorted(unknown))}")
    figures: list[Figure] = []
    with (tempfile.TemporaryDirectory(prefix="sourcelab-bench-answers-") as answers,
          tempfile.TemporaryDirectory(prefix="sourcelab-bench-cache-") as cache):
        os.environ["SOURCELAB_ANSWERS"] = answers  # kernels, servers and the report inherit both
        os.environ["SOURCELAB_CACHE"] = cache
        try:
            for bench in BENCHMARKS:
                if not chosen or bench_name(bench) in chosen:
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
