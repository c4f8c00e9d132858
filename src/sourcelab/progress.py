"""Students' answers on disk: saved the moment they are given, restored when a lesson is reopened.

One folder per student and one file per exercise, so two lessons (or two exercises) open at once
never write the same file. Every write is atomic. A file that cannot be read is kept aside as
`<name>.corrupt-<timestamp>` and reported; a folder that cannot be written leaves the work in memory
and says so. Nothing here imports widgets.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .atomic import write_json_atomic

SCHEMA = "sourcelab-progress/1"
STUDENT_FILE = "student.json"
MAX_NAME = 60


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def student_slug(name: str) -> str:
    """A folder name for a student: letters, digits, '-' and '_' only."""
    slug = re.sub(r"[^\w-]+", "_", name.strip(), flags=re.UNICODE).strip("_")[:MAX_NAME]
    if not slug:
        raise ValueError("enter a name or student id with at least one letter or digit")
    return slug


@dataclass
class ExerciseProgress:
    exercise: str
    lesson: str
    answers: dict[str, Any] = field(default_factory=dict)
    attempts: int = 1
    revealed: bool = False
    history: list[dict[str, Any]] = field(default_factory=list)  # every answer given, in order
    updated: str = ""

    @classmethod
    def from_json(cls, data: Any) -> ExerciseProgress:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} file")
        answers, history = data.get("answers"), data.get("history", [])
        attempts = data.get("attempts", 1)
        if (not isinstance(data.get("exercise"), str) or not isinstance(answers, dict)
                or not isinstance(history, list) or not isinstance(attempts, int) or attempts < 1):
            raise ValueError("fields are missing or of the wrong kind")
        return cls(data["exercise"], str(data.get("lesson", "")), answers, attempts, bool(data.get("revealed")),
                   history, str(data.get("updated", "")))

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **asdict(self)}


@dataclass
class ProgressStore:
    """One student's answers under `folder/<student>/`. `notices` collects what the student should be told."""

    folder: Path
    student: str
    notices: list[str] = field(default_factory=list)
    in_memory: dict[str, ExerciseProgress] = field(default_factory=dict)
    writable: bool = True

    @property
    def student_dir(self) -> Path:
        return Path(self.folder) / student_slug(self.student)

    def path(self, exercise_id: str) -> Path:
        return self.student_dir / f"{exercise_id}.json"

    def load(self, exercise_id: str) -> ExerciseProgress | None:
        if exercise_id in self.in_memory:
            return self.in_memory[exercise_id]
        path = self.path(exercise_id)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.notices.append(f"Your saved answers in {path} cannot be read ({exc.strerror}); starting afresh.")
            return None
        try:
            progress = ExerciseProgress.from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            self._set_aside(path, str(exc))
            return None
        return progress if progress.exercise == exercise_id else None

    def _set_aside(self, path: Path, reason: str) -> None:
        kept = path.with_name(f"{path.name}.corrupt-{datetime.now().strftime('%Y%m%dT%H%M%S')}")
        try:
            path.replace(kept)
            where = f"It was kept as {kept.name}"
        except OSError:
            where = "It could not be moved aside"
        self.notices.append(f"Your saved answers for {path.stem} were damaged ({reason}). {where}, so nothing is "
                            "lost; you start this exercise afresh. Show the file to your teacher if you need it back.")

    def save(self, progress: ExerciseProgress) -> bool:
        """Write at once; on failure keep the answers in memory, say so once, and return False."""
        progress.updated = now()
        self.in_memory[progress.exercise] = progress
        if not self.writable:
            return False
        try:
            write_json_atomic(self.path(progress.exercise), progress.to_json())
            return True
        except OSError as exc:
            self.writable = False
            self.notices.append(f"Your answers cannot be saved in {self.student_dir} ({exc.strerror or exc}). You "
                                "can keep working: the exercises still check your answers, but they will be lost "
                                "when the notebook closes. Ask your teacher where answers can be saved (the "
                                "SOURCELAB_ANSWERS setting).")
            return False

    def all(self) -> list[ExerciseProgress]:
        """Every exercise this student has answered, from disk and memory."""
        found = {p.stem: p for p in sorted(self.student_dir.glob("*.json"))} if self.student_dir.is_dir() else {}
        out = {exercise: self.load(exercise) for exercise in found}
        out.update(self.in_memory)
        return [p for p in out.values() if p is not None]

    def take_notices(self) -> list[str]:
        taken, self.notices = self.notices, []
        return taken


def read_student(folder: Path) -> str | None:
    """The name entered once on this machine, or None."""
    try:
        data = json.loads((Path(folder) / STUDENT_FILE).read_text(encoding="utf-8"))
        name = data.get("student") if isinstance(data, dict) else None
        return name if isinstance(name, str) and name.strip() else None
    except (OSError, ValueError):
        return None


def write_student(folder: Path, name: str) -> str:
    """Remember the student's name (raises ValueError for an empty one, OSError if it cannot be saved)."""
    student_slug(name)
    name = name.strip()[:MAX_NAME]
    write_json_atomic(Path(folder) / STUDENT_FILE, {"student": name, "since": now()})
    return name
