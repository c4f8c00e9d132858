"""The load test's figures as one table: what tools/loadtest.py prints and docs/deploy.md quotes."""
from __future__ import annotations

import math

from .procmem import MIB
from .run import LoadResult

GOAL_FIRST_WIDGET_P95 = 30.0  # seconds (issue 16)


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def spread(values: list[float]) -> str:
    p50, p95 = percentile(values, 50), percentile(values, 95)
    if p50 is None or p95 is None:
        return "n/a"
    return f"{p50:.1f} / {p95:.1f} / {max(values):.1f} s"


def mib(value: float) -> str:
    return f"{value / MIB:.0f} MiB"


def table(result: LoadResult) -> list[tuple[str, str]]:
    ok = [s for s in result.students if s.ok]
    n = len(result.students)
    rss, pss = list(result.memory.rss.values()), list(result.memory.pss.values())
    cpu = list(result.memory.cpu.values())
    first_widget = [s.first_widget_s for s in ok if s.first_widget_s is not None]
    p95 = percentile(first_widget, 95)
    report = result.report
    exercise = next((e for e in report.get("exercises", []) if e["students_answering"]), {})
    rows = [
        ("students (N)", str(n)),
        ("logins", (f"spread over {result.ramp:.0f} s" if result.ramp else "all at the same moment")
         + (f", servers started before (all ready in {result.prestart_s:.0f} s)" if result.prestart_s else "")),
        ("failures (goal 0)", str(len(result.failures))),
        ("spawn time p50 / p95 / max", spread([s.spawn_s for s in ok if s.spawn_s is not None])),
        ("time to first widget p50 / p95 / max", spread(first_widget)),
        ("  goal p95 <= 30 s", "met" if p95 is not None and p95 <= GOAL_FIRST_WIDGET_P95 else "NOT met"),
        ("lesson 1 done p50 / p95 / max", spread([s.lesson_s for s in ok if s.lesson_s is not None])),
        ("widget models / views per student", _same([f"{s.widget_models} / {s.widget_views}" for s in ok])),
        ("memory per student, PSS mean / max", f"{mib(sum(pss) / len(pss))} / {mib(max(pss))}" if pss else "n/a"),
        ("memory per student, RSS mean / max", f"{mib(sum(rss) / len(rss))} / {mib(max(rss))}" if rss else "n/a"),
        ("all students together, PSS", mib(sum(pss)) if pss else "n/a"),
        ("hub + proxy, PSS / RSS", f"{mib(result.memory.hub_pss)} / {mib(result.memory.hub_rss)}"),
        ("CPU per student (server + kernel) mean", f"{sum(cpu) / len(cpu):.1f} s" if cpu else "n/a"),
        ("CPU of hub + proxy", f"{result.memory.hub_cpu:.1f} s"),
        ("CPU of the load tester (the browsers)", f"{result.tester_cpu:.1f} s"),
        ("logins through OAuth callback", f"{sum(s.oauth_callback for s in ok)} of {n}"),
        ("keyboard settings in the hub's JupyterLab", f"{sum(s.keyboard_settings for s in ok)} of {n}"),
        ("answers saved through the widgets", str(sum(s.answers_saved for s in ok))),
        ("answers only in the student's own home", f"{len(ok) - len(result.isolation)} of {n}"),
        ("class report: students counted", str(report.get("students", "n/a"))),
        ("class report: files skipped", str(len(report.get("skipped", [])))),
        (f"class report: {exercise.get('id', '?')} answered by", str(exercise.get("students_answering", "n/a"))),
        ("class report: mean score", f"{report.get('score_percent', {}).get('mean', 'n/a')} %"),
        ("processes left after the hub stopped", str(result.leftover_processes)),
        ("run time", f"{result.seconds:.0f} s"),
    ]
    return rows


def _same(values: list[str]) -> str:
    distinct = sorted(set(values))
    return distinct[0] if len(distinct) == 1 else "differ: " + ", ".join(distinct)


def render(result: LoadResult) -> str:
    rows = table(result)
    width = max(len(label) for label, _ in rows)
    lines = [f"{label.ljust(width)}  {value}" for label, value in rows]
    for student in result.failures:
        reason = result.isolation.get(student.name) or f"at {student.step}: {student.error}"
        lines.append(f"FAILED {student.name} {reason}")
    return "\n".join(lines)
