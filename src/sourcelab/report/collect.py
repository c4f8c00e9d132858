"""Reading a folder of submissions: every file is either accepted or listed with the reason it was not."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..progress import student_slug
from ..submission import SUBMISSION_SCHEMA

MAX_SUBMISSION_BYTES = 2_000_000  # a real submission is a few kilobytes


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass
class Collected:
    submissions: list[dict[str, Any]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # the file each accepted submission came from
    skipped: list[Skipped] = field(default_factory=list)


def _problem(document: Any, article_id: str | None) -> str | None:
    if not isinstance(document, dict):
        return "not a Source Lab submission (the file holds no JSON object)"
    schema = document.get("schema")
    if schema != SUBMISSION_SCHEMA:
        return (f"foreign schema {schema!r} (expected {SUBMISSION_SCHEMA!r})" if schema
                else "not a Source Lab submission (no schema)")
    student = document.get("student")
    if not isinstance(student, str) or not student.strip():
        return "no student name"
    exercises = document.get("exercises")
    if not isinstance(exercises, dict) or not all(
            isinstance(e, dict) and isinstance(e.get("answers"), dict) for e in exercises.values()):
        return "exercises are missing or malformed"
    if article_id is not None and document.get("article_id") != article_id:
        return (f"made for another article ({document.get('article_id')!r}; this kit's article is {article_id!r}): "
                "grading it against this answer key would be meaningless")
    return None


def collect_submissions(folder: Path, article_id: str | None = None,
                        max_bytes: int = MAX_SUBMISSION_BYTES) -> Collected:
    """Accept well-formed submissions (for `article_id`, when given), newest per student; skip the rest with a
    reason. Never raises on content."""
    collected = Collected()
    newest: dict[str, tuple[str, str, dict[str, Any]]] = {}  # student key -> (exported_at, file, document)
    for path in sorted(Path(folder).iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        name = path.name
        if path.suffix.lower() != ".json":
            collected.skipped.append(Skipped(name, "not a .json file"))
            continue
        size = path.stat().st_size
        if size == 0:
            collected.skipped.append(Skipped(name, "empty file"))
            continue
        if size > max_bytes:
            collected.skipped.append(Skipped(name, f"oversized ({size:,} bytes; the limit is {max_bytes:,})"))
            continue
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            collected.skipped.append(Skipped(name, "not UTF-8 text"))
            continue
        except json.JSONDecodeError as exc:
            collected.skipped.append(Skipped(name, f"malformed JSON (line {exc.lineno}: {exc.msg})"))
            continue
        problem = _problem(document, article_id)
        if problem:
            collected.skipped.append(Skipped(name, problem))
            continue
        try:
            key = student_slug(document["student"]).lower()
        except ValueError:
            collected.skipped.append(Skipped(name, "no usable student name"))
            continue
        stamp = str(document.get("exported_at", ""))
        if key in newest:
            old_stamp, old_name, _ = newest[key]
            keep_new = (stamp, name) > (old_stamp, old_name)
            older, kept = (old_name, name) if keep_new else (name, old_name)
            collected.skipped.append(Skipped(older, f"duplicate: {document['student']!r} handed in more than "
                                                    f"once; kept the newest, {kept}"))
            if not keep_new:
                continue
        newest[key] = (stamp, name, document)
    for _stamp, name, document in newest.values():
        collected.files.append(name)
        collected.submissions.append(document)
    return collected
