"""A student's report card: one page with their own work across the lessons, to hand in or to keep.

Built from the same document an export writes, so it says exactly what the teacher will receive: per lesson,
each exercise's score (or "recorded" where the copy cannot mark), and every text the student wrote, as written.
A self-contained HTML page; every text in it is escaped.
"""
from __future__ import annotations

from html import escape
from typing import Any

from ..exercises import Exercise

CARD_CSS = """body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:1.5em auto;padding:0 1em;color:#111;
line-height:1.5}h1,h2{font-family:sans-serif}table{border-collapse:collapse;font-family:sans-serif;font-size:.9em}
th,td{border:1px solid #999;padding:.2em .6em;text-align:left}blockquote{border-left:4px solid #555;margin:.4em 0;
padding:.1em .8em;background:#f6f6f6}small{color:#444;font-family:sans-serif}"""


def report_card_html(document: dict[str, Any], exercises: dict[str, Exercise], lesson_titles: dict[str, str]) -> str:
    """The page for one student's submission document (see submission.build_submission)."""
    done = document.get("exercises", {})
    lessons: dict[str, list[Exercise]] = {}
    for exercise in exercises.values():
        lessons.setdefault(exercise.spec.lesson, []).append(exercise)
    parts = [f"<h1>Source Lab: my work</h1><p><small>{escape(str(document.get('student', '')))}, made "
             f"{escape(str(document.get('exported_at', '')))}. Scores are the kit's own marking of your answers "
             "as they are now; your teacher's grade may differ.</small></p>"]
    total = maximum = 0.0
    for lesson, members in lessons.items():
        rows, texts = [], []
        for exercise in members:
            entry = done.get(exercise.id)
            if not exercise.graded:
                answers = entry.get("answers", {}) if entry else {}
                for item in exercise.items:
                    text = answers.get(item.id)
                    if isinstance(text, str) and text.strip():
                        texts.append(f"<p><b>{escape(exercise.spec.title)}</b>: {escape(item.text)}</p>"
                                     f"<blockquote>{escape(text.strip())}</blockquote>")
                continue
            if entry is None:
                rows.append(f"<tr><td>{escape(exercise.spec.title)}</td><td>not done yet</td></tr>")
                continue
            score, top = entry.get("score"), entry.get("max_score", len(exercise.items))
            if score is None:
                shown = f"{len(entry.get('answers', {}))} of {top} answered (recorded: your teacher marks them)"
            else:
                shown = f"{score:g} of {top}"
                total, maximum = total + float(score), maximum + float(top)
            rows.append(f"<tr><td>{escape(exercise.spec.title)}</td><td>{escape(shown)}</td></tr>")
        title = lesson_titles.get(lesson, lesson)
        table = f"<table><tr><th>Exercise</th><th>Score</th></tr>{''.join(rows)}</table>" if rows else ""
        parts.append(f"<h2>{escape(title)}</h2>{table}{''.join(texts)}")
    if maximum:
        parts.insert(1, f"<p><b>Marked exercises: {total:g} of {maximum:g} ({100 * total / maximum:.0f}%).</b></p>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Source Lab: my work</title>'
            f"<style>{CARD_CSS}</style></head><body>{''.join(parts)}</body></html>")
