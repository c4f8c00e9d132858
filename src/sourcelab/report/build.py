"""One class report: the collected submissions, their tables, charts, a JSON summary and an HTML page."""
from __future__ import annotations

import base64
import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from ..exercises import Exercise
from ..exercises.released import from_copy, key_fingerprint
from ..exercises.sentence_choice import CLASSIFY
from ..model import Annotation
from ..progress import now
from ..figures import svg
from .collect import Collected, collect_submissions
from .students import (first_answer_accuracy, gradebook_csv, guessing_summary, student_table, tries_table,
                       written_table)
from .tables import ClassTables, build_tables

if TYPE_CHECKING:
    from matplotlib.figure import Figure

T = TypeVar("T")

REPORT_CSS = """body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#111}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0 1.2em}th,td{border:1px solid #999;padding:.2em .5em;
text-align:left;vertical-align:top}img{max-width:100%;border:1px solid #ddd}.prompt{border-left:4px solid #E69F00;
padding:.2em .8em;margin:.6em 0}.skipped{border-left:4px dotted #D55E00;padding-left:.8em}small{color:#444}"""


def table_html(frame: pd.DataFrame) -> str:
    """A table of one row per student as HTML, every cell escaped. Written out directly: pandas' to_html takes
    a quarter of a second for a thousand students, this a hundredth."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f'<table class="dataframe"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


MAX_TRIES_ROWS = 1000  # beyond this the page lists the count; the notebook shows the full table


def without_gc_pauses(build: Callable[..., T]) -> Callable[..., T]:
    """Run `build` with Python's cycle collector paused. Building a report makes millions of small objects while
    the class's submissions stay alive, and each collection walks all of them again: a third of the report's
    time. Nothing here leaves garbage cycles that must go before it ends; the collector runs again after."""
    @functools.wraps(build)
    def paused(*args: Any, **kwargs: Any) -> T:
        if not gc.isenabled():
            return build(*args, **kwargs)
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            gc.enable()
    return paused


@dataclass
class ClassReport:
    collected: Collected
    tables: ClassTables
    exercises: dict[str, Exercise]
    annotation: Annotation
    source: str = ""  # where the submissions came from, said in the notebook and the page
    cache_dir: Path | None = None  # where chart images are kept, by what they show (figure_cache.py); None: none
    _charts: dict[tuple[str, ...], Any] = field(default_factory=dict, init=False, repr=False)  # drawn, by chart

    def most_missed(self, count: int = 3) -> pd.DataFrame:
        """The sentences the class labels wrong most often, with what they chose instead."""
        classify = next((e for e in self.exercises.values() if e.spec.type == CLASSIFY), None)
        if classify is None or self.tables.confusion.empty:
            return pd.DataFrame()
        rows = self.tables.per_item[self.tables.per_item["exercise"] == classify.id]
        rows = rows[rows["answered"] > 0].sort_values("accuracy %").head(count)
        out = []
        for item, accuracy in zip(rows["item"], rows["accuracy %"]):
            counts = self.tables.confusion.loc[item].drop("reference")
            reference = self.tables.confusion.loc[item, "reference"]
            wrong = counts.drop(reference, errors="ignore")
            sentence = self.annotation.sentence(item)
            out.append({"sentence": item, "accuracy %": accuracy, "reference": reference,
                        "most chosen instead": wrong.idxmax() if wrong.sum() else "",
                        "text": sentence.text, "why": sentence.explanation, "debatable": sentence.debatable})
        return pd.DataFrame(out)

    @property
    def graded(self) -> dict[str, Exercise]:
        """The exercises that give scores; free text is never scored (see `written`)."""
        return {k: e for k, e in self.exercises.items() if e.graded}

    @cached_property
    @without_gc_pauses
    def students(self) -> pd.DataFrame:
        """One row per student: score per exercise and lesson, total, percent, attempts, answers shown, times."""
        return student_table(self.collected.submissions, self.graded, self.tables.items)

    @cached_property
    def written(self) -> pd.DataFrame:
        """What each student wrote in the free-text exercises, with what it answers; for the teacher to read."""
        return written_table(self.collected.submissions, {k: e for k, e in self.exercises.items() if not e.graded})

    @cached_property
    @without_gc_pauses
    def tries(self) -> pd.DataFrame:
        """One row per student and answered item: answers given, and how many came before the right one."""
        return tries_table(self.collected.submissions, self.graded, self.tables.grade)

    @property
    def guessing(self) -> pd.DataFrame:
        """Per student: items right at first, right only after wrong tries, and never right."""
        return guessing_summary(self.tries)

    def found_by_trying(self) -> pd.DataFrame:
        """Per student and item, the items right only after wrong answers: how many were tried first."""
        tries = self.tries
        return tries[tries["tries before right"] > 0].sort_values(["student", "exercise", "item"]).reset_index(drop=True)

    def gradebook_csv(self) -> str:
        return gradebook_csv(self.students, self.graded)

    def save_gradebook(self, path: str | Path) -> Path:
        """The gradebook as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read names right)."""
        from ..atomic import write_text_atomic

        write_text_atomic(Path(path), "\ufeff" + self.gradebook_csv(), newline="")
        return Path(path)

    def figures(self, first_answers: bool = False) -> list[tuple[str, Figure]]:
        """The report's charts; with `first_answers`, accuracy per item counts each student's first answer only
        (the other charts are the same either way). Each is drawn once per report."""
        return [(title, self._figure(key)) for key, title in self._chart_keys(first_answers)]

    def chart_images(self, first_answers: bool = False) -> list[tuple[str, bytes]]:
        """The charts as SVG images (a third of the time of PNGs, and sharp at any zoom), each made once per
        report: the notebook shows them and the HTML page embeds the same. With a cache folder, a chart whose
        data was drawn before (the same submissions, the report run again) is read back, not drawn."""
        return [(title, self._image(key)) for key, title in self._chart_keys(first_answers)]

    def _chart_keys(self, first_answers: bool) -> list[tuple[tuple[str, ...], str]]:
        lessons = dict.fromkeys(e.spec.lesson for e in self.graded.values())  # free text has no right answers
        which = "first answers" if first_answers else "right answers"
        keys = [(("accuracy", lesson, which), f"{which.capitalize()} per item, lesson {lesson}") for lesson in lessons]
        if not self.tables.confusion.empty:
            keys.append((("confusion",), "How the class labelled each sentence"))
        if len(self.tables.scores):
            keys.append((("scores",), "Distribution of total scores"))
        return keys

    def _figure(self, key: tuple[str, ...]) -> Figure:
        if key not in self._charts:
            self._charts[key] = self._draw(key)
        return self._charts[key]

    def _image(self, key: tuple[str, ...]) -> bytes:
        if ("svg", *key) not in self._charts:
            from ..figure_cache import cached_image

            def draw() -> bytes:
                return without_gc_pauses(svg)(self._figure(key))

            self._charts[("svg", *key)] = cached_image(self.cache_dir, self._chart_data(key), draw, "svg")
        return self._charts[("svg", *key)]

    def _chart_data(self, key: tuple[str, ...]) -> str:
        """Everything the chart `key` shows, as text: the cache key of its image."""
        if key[0] == "confusion":
            return repr((key, self.tables.confusion.to_csv()))
        if key[0] == "scores":
            return repr((key, self.tables.scores["percent"].tolist()))
        per_item, exercises = self._accuracy_inputs(key)
        shown = per_item[per_item["exercise"].isin([i for i, _ in exercises])]
        return repr((key, exercises, shown.to_csv()))

    def _accuracy_inputs(self, key: tuple[str, ...]) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
        """What the accuracy chart `key` (accuracy, lesson, which answers) is drawn from: the per-item table and
        the lesson's graded exercises, (id, title) each. Drawing and the cache key both read it here."""
        _kind, lesson, which = key
        per_item = self._first_answer_accuracy if which == "first answers" else self.tables.per_item
        return per_item, [(e.id, e.spec.title) for e in self.graded.values() if e.spec.lesson == lesson]

    @without_gc_pauses
    def _draw(self, key: tuple[str, ...]) -> Figure:
        from .charts import accuracy_chart, confusion_chart, score_histogram

        if key[0] == "confusion":
            return confusion_chart(self.tables.confusion)
        if key[0] == "scores":
            return score_histogram(self.tables.scores)
        return accuracy_chart(*self._accuracy_inputs(key))

    @cached_property
    def _first_answer_accuracy(self) -> pd.DataFrame:
        return first_answer_accuracy(self.tries, self.tables.per_item)

    def summary(self) -> dict[str, Any]:
        scores = self.tables.scores["percent"]
        return {
            "students": len(self.collected.submissions),
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.collected.skipped],
            "near_matches": [{"names": list(names)} for names in self.collected.near_matches],
            "exercises": [{"id": e, "mean_score": float(r["mean score"]), "max_score": int(r["items"]),
                           "mean_percent": float(r["mean %"]), "students_answering": int(r["students answering"])}
                          for e, r in self.tables.per_exercise.iterrows()],
            "items": [{"exercise": str(r["exercise"]), "item": str(r["item"]), "answered": int(r["answered"]),
                       "accuracy_percent": None if pd.isna(r["accuracy %"]) else float(r["accuracy %"])}
                      for _, r in self.tables.per_item.iterrows()],
            "most_missed": [{k: v for k, v in row.items() if k in ("sentence", "accuracy %", "reference",
                                                                    "most chosen instead")}
                            for row in self.most_missed().to_dict("records")],
            "score_percent": {"mean": round(float(scores.mean()), 1) if len(scores) else None,
                              "median": round(float(scores.median()), 1) if len(scores) else None,
                              "min": float(scores.min()) if len(scores) else None,
                              "max": float(scores.max()) if len(scores) else None},
        }

    @without_gc_pauses
    def html(self) -> str:
        """A self-contained page: charts embedded as SVG images, every text escaped."""
        parts = [f"<h1>Source Lab class report</h1><p><small>{escape(self.source)} Made {escape(now())} from "
                 f"{len(self.collected.submissions)} submission(s); "
                 f"{len(self.collected.skipped)} file(s) skipped (listed at the end).</small></p>"]
        parts.append("<h2>Exercises</h2>" + self.tables.per_exercise.to_html(escape=True))
        missed = self.most_missed()
        if not missed.empty:
            parts.append("<h2>For discussion: the sentences most often mislabelled</h2>")
            for row in missed.to_dict("records"):
                debatable = (f"<br><b>Debatable:</b> {escape(row['debatable'])}" if row["debatable"] else "")
                parts.append(f'<div class="prompt"><b>{escape(row["sentence"])}</b> ({row["accuracy %"]:.0f}% right; '
                             f"key: {escape(row['reference'])}, most chosen instead: "
                             f"{escape(row['most chosen instead'])})<br><i>{escape(row['text'])}</i><br>"
                             f"{escape(row['why'])}{debatable}<br><b>Ask the class:</b> which words made you choose "
                             f"“{escape(row['most chosen instead'])}”? What would the writer have to add for that "
                             "label to be right?</div>")
        for title, image in self.chart_images():
            data = base64.b64encode(image).decode("ascii")  # as an image: nothing in it can run
            parts.append(f"<h2>{escape(title)}</h2><img alt=\"{escape(title)}\" src=\"data:image/svg+xml;base64,{data}\">")
        if not self.tables.confusion.empty:
            parts.append("<h2>Label confusion per sentence (counts)</h2>" + self.tables.confusion.to_html(escape=True))
        if not self.tables.wrong_marks.empty:
            parts.append("<h2>Most common wrong marks for sources and cues</h2>"
                         + self.tables.wrong_marks.to_html(escape=True, index=False))
        parts.append("<h2>Right answers per item</h2>" + self.tables.per_item.to_html(escape=True, index=False))
        parts.append("<h2>Grades per student</h2><p>Scores are regraded against today's answer key. <i>Attempts</i> "
                     "counts how often a student started an exercise again (Try again); <i>answers shown</i>, the "
                     "exercises where they pressed Show answers.</p>"
                     + table_html(self.students))
        parts.append("<h2>Tries before the right answer</h2><p>From every answer each student gave, in order: an item "
                     "right only after wrong tries was found, not known.</p>"
                     + table_html(self.guessing))
        if len(self.written):
            parts.append("<h2>What students wrote</h2><p>Free-text answers are never marked right or wrong; read "
                         "them here, as written.</p>" + table_html(self.written))
        found = self.found_by_trying()
        parts.append(f"<h3>Items right only after wrong tries ({len(found)})</h3>"
                     + (table_html(found) if len(found) <= MAX_TRIES_ROWS else
                        f"<p>{len(found):,} rows: too many for this page. The class report notebook lists them "
                        "(<code>report.found_by_trying()</code>).</p>"))
        if self.collected.near_matches:
            looks = "".join(f"<li>{' / '.join(escape(n) for n in names)}</li>" for names in self.collected.near_matches)
            parts.append("<h2>Names that look alike</h2><p>These are counted as different students, because their "
                         "names differ. If they are one student who typed the name two ways, keep the file you want "
                         f"and remove the other.</p><ul>{looks}</ul>")
        skipped = "".join(f"<li>{escape(s.file)}: {escape(s.reason)}</li>" for s in self.collected.skipped)
        parts.append(f'<h2>Skipped files</h2><div class="skipped"><ul>{skipped or "<li>none</li>"}</ul></div>')
        return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Source Lab class report</title>'
                f"<style>{REPORT_CSS}</style></head><body>{''.join(parts)}</body></html>")


    @property
    def skipped(self) -> pd.DataFrame:
        """Every folder entry not read, with the reason; then names that look alike, to check by hand."""
        rows = [{"file": s.file, "reason": s.reason} for s in self.collected.skipped]
        rows += [{"file": " / ".join(names), "reason": "counted as different students, though the names look alike: "
                  "check by hand"} for names in self.collected.near_matches]
        return pd.DataFrame(rows, columns=["file", "reason"])

    def save_html(self, path: str | Path) -> Path:
        from ..atomic import write_text_atomic

        write_text_atomic(Path(path), self.html())
        return Path(path)


@without_gc_pauses
def make_report(submissions_dir: Path, exercises: dict[str, Exercise], annotation: Annotation,
                source: str = "", cache_dir: Path | None = None) -> ClassReport:
    collected = collect_submissions(submissions_dir, annotation.article_id, key=key_fingerprint(exercises))
    collected.submissions = [from_copy(d, exercises) if d.get("key_fingerprint") else d
                             for d in collected.submissions]  # answers made in an assessment copy
    graded = {k: e for k, e in exercises.items() if e.graded}
    return ClassReport(collected, build_tables(collected.submissions, graded), exercises, annotation,
                       source or f"Submissions from {submissions_dir}.", cache_dir)
