"""Reading a folder of submissions: every file is either accepted or listed with the reason it was not."""
from __future__ import annotations

import json
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..progress import normalise_name
from ..submission import SUBMISSION_SCHEMA

MAX_SUBMISSION_BYTES = 2_000_000  # a real submission is a few kilobytes


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass
class Collected:
    submissions: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    near_matches: list[tuple[str, ...]] = field(default_factory=list)  # names that look alike, for the teacher


def _problem(document: Any, article_id: str | None, key: str | None = None) -> str | None:
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
    made_with = document.get("key_fingerprint")
    if key is not None and made_with is not None and made_with != key:
        return (f"made in a copy released with another answer key (fingerprint {str(made_with)[:16]!r}; this kit's "
                f"key is {key!r}): the key changed after the copy was made, so its items may not match")
    return None


def _kind(path: Path) -> str | None:
    """Why a folder entry is not read as a submission, or None for a regular file worth opening.

    Links are never followed: a link could point anywhere, including files its owner may not read."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link (links are not followed)"
    if stat.S_ISDIR(info.st_mode):
        return "a folder (only files directly in this folder are read)"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if path.name.startswith("."):
        return "a hidden file"
    if path.suffix.lower() != ".json":
        return "not a .json file"
    if info.st_size == 0:
        return "empty file"
    return None


def _loose(name: str) -> str:
    """A name with case, accents, spaces and punctuation ignored: only to flag look-alikes for the teacher."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def collect_submissions(folder: Path, article_id: str | None = None,
                        max_bytes: int = MAX_SUBMISSION_BYTES, key: str | None = None) -> Collected:
    """Accept well-formed submissions (for `article_id`, when given), newest per student; list every other
    entry of the folder with the reason it was not read. Never raises on content, never follows a link.

    Two submissions are the same student only when their normalised names are equal; names that merely look
    alike ("Anna M." and "Anna M") are both kept and listed in `near_matches`."""
    collected = Collected()
    newest: dict[str, tuple[str, str, dict[str, Any]]] = {}  # normalised name -> (exported_at, file, document)
    for path in sorted(Path(folder).iterdir()):
        name = path.name
        reason = _kind(path)
        if reason is None and path.stat().st_size > max_bytes:
            reason = f"oversized ({path.stat().st_size:,} bytes; the limit is {max_bytes:,})"
        if reason is not None:
            collected.skipped.append(Skipped(name, reason))
            continue
        try:
            document = json.loads(path.read_bytes().decode("utf-8"))
        except OSError as exc:
            collected.skipped.append(Skipped(name, f"cannot be read ({exc.strerror or exc})"))
            continue
        except UnicodeDecodeError:
            collected.skipped.append(Skipped(name, "not UTF-8 text"))
            continue
        except json.JSONDecodeError as exc:
            collected.skipped.append(Skipped(name, f"malformed JSON (line {exc.lineno}: {exc.msg})"))
            continue
        except RecursionError:
            collected.skipped.append(Skipped(name, "nested too deeply to be a submission"))
            continue
        problem = _problem(document, article_id, key)
        if problem:
            collected.skipped.append(Skipped(name, problem))
            continue
        student = normalise_name(document["student"])  # not `key`: that is the answer key's fingerprint
        stamp = str(document.get("exported_at", ""))
        if student in newest:
            old_stamp, old_name, _ = newest[student]
            keep_new = (stamp, name) > (old_stamp, old_name)
            older, kept = (old_name, name) if keep_new else (name, old_name)
            collected.skipped.append(Skipped(older, f"duplicate: {student!r} handed in more than once; kept the "
                                                    f"newest, {kept}"))
            if not keep_new:
                continue
        newest[student] = (stamp, name, document)
    looks: dict[str, list[str]] = {}
    for student in newest:
        looks.setdefault(_loose(student), []).append(student)
    collected.near_matches = [tuple(sorted(names)) for names in looks.values() if len(names) > 1]
    for _stamp, _name, document in newest.values():
        collected.submissions.append(document)
    return collected
