"""A class on the hub at once: N students log in, run lesson 1, answer, export; then the class report over them.

`run_load_test` starts the hub (hub.py), runs every student (student.py) in a thread of its own, all starting at
the same moment unless `ramp` spreads them, samples memory while they work (procmem.py), checks where every
answer landed, gathers the exports as a teacher would and runs `python -m sourcelab report` over them, and ends
everything it started, on success, failure, timeout or Ctrl-C. tools/loadtest.py prints the figures;
tests/test_hub.py runs three students and asserts them.
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from sourcelab.progress import student_slug

from .hub import RUN_ENV, Hub, start_hub, stop_hub
from .procmem import MemoryPeaks, run_processes
from .student import EXERCISE, Limits, Student, StudentResult, display_name

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_EVERY = 2.0  # s between memory samples
REPORT_TIMEOUT = 300  # s for `python -m sourcelab report`


@dataclass
class LoadResult:
    students: list[StudentResult]
    seconds: float
    memory: MemoryPeaks
    report: dict = field(default_factory=dict)  # `sourcelab report --json` summary
    isolation: dict[str, str] = field(default_factory=dict)  # student -> what was wrong with where answers went
    leftover_processes: int = 0  # killed by hand after the hub stopped (0: the hub stopped everything itself)
    work: str = ""  # the run's folder (removed unless kept)
    ramp: float = 0.0  # the logins were spread over this many seconds
    prestart_s: float | None = None  # the servers were started before the logins, taking this long
    tester_cpu: float = 0.0  # CPU seconds of this process: the students' browsers, which a real class runs elsewhere
    run_id: str = ""  # every process of the run had SOURCELAB_LOADTEST_RUN=<run_id> in its environment

    @property
    def failures(self) -> list[StudentResult]:
        return [s for s in self.students if not s.ok or s.name in self.isolation]


def _sampler(hub: Hub, peaks: MemoryPeaks, stop: threading.Event) -> None:
    while not stop.wait(SAMPLE_EVERY):
        peaks.sample(run_processes(RUN_ENV, hub.run_id))


def check_isolation(hub: Hub, students: list[StudentResult], kit_answers_before: set[str]) -> dict[str, str]:
    """Each student's answers are in their own home and nowhere else, figures are cached in their own home, and
    the shared kit's my-answers is untouched."""
    homes = hub.work / "homes"
    problems: dict[str, str] = {}
    for student in students:
        if not student.ok:
            continue
        home = hub.home(student.name)
        slug = student_slug(display_name(student.name))
        own = home / "my-answers"
        found = sorted(str(p) for p in homes.glob(f"*/**/{slug}") if p.is_dir())
        expected = [str(own / slug)]
        if Path(student.answers_dir) != own:
            problems[student.name] = f"the kit saves to {student.answers_dir}, not {own}"
        elif found != expected:
            problems[student.name] = f"answer folders {found}, expected only {expected}"
        elif Path(student.cache_dir) != home / ".cache" / "sourcelab":
            problems[student.name] = f"the kit keeps figures in {student.cache_dir}, not in the student's home"
        elif not list((own / slug).glob(f"{EXERCISE}*.json")):
            problems[student.name] = f"no saved answers for {EXERCISE} in {own / slug}"
        elif Path(student.export).parent != own / "submissions":
            problems[student.name] = f"export written to {student.export}, not under {own / 'submissions'}"
    after = _listing(ROOT / "my-answers")
    if after != kit_answers_before:
        for student in students:
            problems.setdefault(student.name, f"the shared kit's my-answers changed: {sorted(after - kit_answers_before)}")
    return problems


def _listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.is_dir() else set()


def class_report(students: list[StudentResult], work: Path) -> dict:
    """Collect each student's export (as a teacher copies the handed-in files) and build the class report."""
    folder = work / "class-submissions"
    folder.mkdir(exist_ok=True)
    for student in students:
        if student.ok and student.export:
            shutil.copy(student.export, folder / f"{student.name}.json")
    reply = subprocess.run([sys.executable, "-m", "sourcelab", "report", str(folder), "--out",
                            str(work / "class-report.html"), "--json"], capture_output=True, text=True,
                           timeout=REPORT_TIMEOUT, cwd=work)
    if reply.returncode != 0:
        raise RuntimeError(f"sourcelab report failed: {reply.stderr.strip()[-500:]}")
    return json.loads(reply.stdout)


def run_load_test(students: int, work: Path | None = None, ramp: float = 0.0, prestart: bool = False,
                  timeout: float = 900, limits: Limits = Limits(), keep: bool = False,
                  progress=lambda message: None) -> LoadResult:
    """Run the class; every step bounded. `work`: the run's folder (default: a new temporary one).

    `ramp`: spread the logins over this many seconds (0: all at the same moment). `prestart`: start every
    server first, as an admin does before the bell, so the students' clocks start at a running server.
    """
    own_work = work is None
    work = Path(tempfile.mkdtemp(prefix="sourcelab-loadtest-")) if work is None else work
    names = [f"student{i:02d}" for i in range(1, students + 1)]
    kit_answers = _listing(ROOT / "my-answers")
    started = time.monotonic()
    own_cpu = _cpu_seconds()
    peaks = MemoryPeaks({}, {}, {})
    hub = None
    result = None
    pool = ThreadPoolExecutor(max_workers=students)
    try:
        progress(f"starting the hub in {work}")
        hub = start_hub(work, students)
        hub.create_students(names)
        prestart_s = None
        if prestart:
            progress(f"starting {students} servers before the students log in")
            prestart_s = hub.start_servers(names, limits.spawn)
        progress(f"{students} students log in" + (f" over {ramp:.0f} s" if ramp else " at once"))
        stop = threading.Event()
        sampler = threading.Thread(target=_sampler, args=(hub, peaks, stop), daemon=True)
        sampler.start()
        runs = {name: pool.submit(_delayed, ramp * i / students, Student(hub.url, name, hub.password, limits))
                for i, name in enumerate(names)}
        done, pending = wait(runs.values(), timeout=max(1.0, timeout - (time.monotonic() - started)))
        peaks.sample(run_processes(RUN_ENV, hub.run_id))  # every kernel still holds its lesson
        stop.set()
        if pending:
            stop_hub(hub)  # the students still waiting fail at once, and write nothing while the rest is checked
        results = [runs[name].result() if runs[name] in done
                   else StudentResult(name, step="timeout", error=f"not done within {timeout:.0f} s") for name in names]
        progress("checking where the answers went; building the class report")
        result = LoadResult(results, 0.0, peaks, work=str(work), ramp=ramp, prestart_s=prestart_s, run_id=hub.run_id)
        result.isolation = check_isolation(hub, results, kit_answers)
        result.report = class_report(results, work)
    finally:
        # The hub first: students still waiting on their servers (a timeout, Ctrl-C) then fail at once and their
        # threads end; waiting for them before stopping the hub could take every step's timeout.
        if hub is not None:
            leftovers = stop_hub(hub)
            if result is not None:
                result.leftover_processes = leftovers
        pool.shutdown(wait=False, cancel_futures=True)
        if own_work and not keep:
            shutil.rmtree(work, ignore_errors=True)
    result.seconds = time.monotonic() - started
    result.tester_cpu = _cpu_seconds() - own_cpu
    return result


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _delayed(delay: float, student: Student) -> StudentResult:
    if delay:
        time.sleep(delay)
    return student.run()
