"""Students' answers on disk: saved the moment they are given, restored when a lesson is reopened.

One folder per student and one file per exercise. Every save reads what is on disk and merges with it
under a lock, item by item, keeping both histories: two tabs (or an old kernel beside a restarted one)
that answer the same exercise never lose each other's answers. Writes are atomic. A file that cannot be
read is kept aside as `<name>.corrupt-<timestamp>` and reported; a folder that cannot be written leaves
the work in memory and says so. Nothing here imports widgets.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .atomic import write_json_atomic
from .errors import SavedFileError, StudentNameError, UsageError
from .locking import locked
from .cells import ID_PATTERN as EXERCISE_ID  # the pattern `check` enforces on exercise ids: never a path

SCHEMA = "sourcelab-progress/1"
STUDENT_FILE = "student.json"
MAX_NAME = 100  # characters; a longer name is refused rather than cut, so two names never become one
MAX_PROGRESS_BYTES = 10_000_000  # a real progress file is a few kilobytes, even with a long history


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def normalise_name(name: str) -> str:
    """The name as the kit compares it: Unicode NFC (é typed either way is one é), trimmed, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def _readable(name: str, width: int) -> str:
    return re.sub(r"[^\w-]+", "_", name, flags=re.UNICODE).strip("_")[:width]


def student_slug(name: str) -> str:
    """The student's folder name: a readable part plus a short hash of the whole normalised name.

    "a.b", "a b" and "a/b" read alike but hash differently, so they never share a folder; "José" typed with
    a combining accent normalises to the same name, so it does.
    """
    normal = normalise_name(name)
    readable = _readable(normal, 40)
    if not readable:
        raise StudentNameError("enter a name or student id with at least one letter or digit")
    if len(normal) > MAX_NAME:
        raise StudentNameError(f"use at most {MAX_NAME} characters for your name or student id")
    return f"{readable}-{hashlib.sha256(normal.encode('utf-8')).hexdigest()[:10]}"


def legacy_slug(name: str) -> str:
    """The folder name older versions of the kit used (it could collide); read from, never written to."""
    return _readable(name.strip(), 60)


def _event_key(event: dict[str, Any]) -> str:
    """What makes two history entries the same answer: its id, or (older files) everything it says."""
    return str(event.get("id") or json.dumps([event.get(k) for k in ("item", "value", "at", "correct")],
                                             sort_keys=True, default=str))


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
            raise SavedFileError(f"not a {SCHEMA} file")
        answers, history = data.get("answers"), data.get("history", [])
        attempts = data.get("attempts", 1)
        if (not isinstance(data.get("exercise"), str) or not isinstance(answers, dict)
                or not isinstance(history, list) or not all(isinstance(e, dict) for e in history)
                or not isinstance(attempts, int) or attempts < 1):
            raise SavedFileError("fields are missing or of the wrong kind")
        return cls(data["exercise"], str(data.get("lesson", "")), answers, attempts, bool(data.get("revealed")),
                   history, str(data.get("updated", "")))

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, **asdict(self)}

    def adopt(self, other: ExerciseProgress) -> None:
        """Take over another record's content (after a merge), keeping this object for its holders."""
        self.answers, self.attempts, self.revealed = dict(other.answers), other.attempts, other.revealed
        self.history, self.updated = list(other.history), other.updated


def merge(disk: ExerciseProgress | None, mine: ExerciseProgress) -> ExerciseProgress:
    """Both records as one: every history entry of both (once), and for each item the latest answer.

    The answers are replayed from the merged history, so the item answered last, in either window,
    wins; an answer cleared by "Try again" stays cleared until it is given again.
    """
    if disk is None:
        return mine
    seen: set[str] = set()
    events: list[tuple[str, int, dict[str, Any]]] = []
    for source, record in enumerate((disk, mine)):
        for event in record.history:
            key = _event_key(event)
            if key not in seen:
                seen.add(key)
                events.append((str(event.get("at", "")), source, event))
    events.sort(key=lambda e: (e[0], e[1]))  # stable: within one record and one moment, its own order
    answers: dict[str, Any] = {}
    answered = set()
    for _at, _source, event in events:
        item = event.get("item")
        if not isinstance(item, str):
            continue
        answered.add(item)
        if event.get("value") is None:
            answers.pop(item, None)
        else:
            answers[item] = event["value"]
    for record in (disk, mine):  # answers with no history (hand-made or very old files) are kept too
        for item, value in record.answers.items():
            if item not in answered:
                answers.setdefault(item, value)
    return ExerciseProgress(mine.exercise, mine.lesson or disk.lesson, answers, max(disk.attempts, mine.attempts),
                            disk.revealed or mine.revealed, [e for _a, _s, e in events], mine.updated)


@dataclass
class ProgressStore:
    """One student's answers under `folder/<student folder>/`. `notices` collects what the student should be told."""

    folder: Path
    student: str
    notices: list[str] = field(default_factory=list)
    in_memory: dict[str, ExerciseProgress] = field(default_factory=dict)
    writable: bool = True
    merged_from_elsewhere: bool = False  # the last save brought in answers given in another window
    swept: bool = False

    @property
    def student_dir(self) -> Path:
        return Path(self.folder) / student_slug(self.student)

    def path(self, exercise_id: str) -> Path:
        if not EXERCISE_ID.match(exercise_id):
            raise UsageError(f"{exercise_id!r} is not an exercise id (letters, digits, '_' and '-' only)")
        return self.student_dir / f"{exercise_id}.json"

    def _legacy_path(self, exercise_id: str) -> Path | None:
        legacy = legacy_slug(self.student)
        path = Path(self.folder) / legacy / f"{exercise_id}.json"
        return path if legacy and legacy != student_slug(self.student) and path.is_file() else None

    def _read(self, path: Path, exercise_id: str) -> ExerciseProgress | None:
        """The record in `path`, None if there is none; a damaged file is set aside (and reported)."""
        try:
            if not path.is_file() or path.is_symlink():
                return None
            if path.stat().st_size > MAX_PROGRESS_BYTES:
                self._set_aside(path, f"larger than {MAX_PROGRESS_BYTES:,} bytes")
                return None
            raw = path.read_bytes()
        except OSError as exc:
            self.notices.append(f"Your saved answers in {path} cannot be read ({exc.strerror or exc}); starting "
                                "afresh.")
            return None
        try:
            progress = ExerciseProgress.from_json(json.loads(raw.decode("utf-8")))
        except (SavedFileError, ValueError, UnicodeDecodeError, RecursionError) as exc:
            self._set_aside(path, "nested too deeply" if isinstance(exc, RecursionError) else str(exc))
            return None
        return progress if progress.exercise == exercise_id else None

    @staticmethod
    def _clean_leftovers(path: Path) -> None:
        """Temporary files a killed writer left behind. Called under the lock: no writer of this file is busy."""
        for leftover in path.parent.glob(f".{path.name}.*.tmp"):
            leftover.unlink(missing_ok=True)

    def _sweep(self) -> None:
        """Once per store: temporary files of any exercise that no writer has touched for a minute."""
        if self.swept:
            return
        self.swept = True
        sweep_stale_temporaries(self.student_dir)

    def load(self, exercise_id: str) -> ExerciseProgress | None:
        if exercise_id in self.in_memory:
            return self.in_memory[exercise_id]
        path = self.path(exercise_id)
        self._sweep()
        with locked(path) as held:
            if held:
                self._clean_leftovers(path)
            progress = self._read(path, exercise_id)
        if progress is None and (legacy := self._legacy_path(exercise_id)) is not None:
            progress = self._read(legacy, exercise_id)  # saved by an older version of the kit: read, not moved
        return progress

    def _set_aside(self, path: Path, reason: str) -> None:
        kept = path.with_name(f"{path.name}.corrupt-{datetime.now().strftime('%Y%m%dT%H%M%S%f')}")
        try:
            path.replace(kept)
            where = f"It was kept as {kept.name}"
        except OSError:
            where = "It could not be moved aside"
        self.notices.append(f"Your saved answers for {path.stem} were damaged ({reason}). {where}, so nothing is "
                            "lost; you start this exercise afresh. Show the file to your teacher if you need it back.")

    def save(self, progress: ExerciseProgress) -> bool:
        """Merge with what is on disk and write, at once; on failure keep the answers in memory, say so once,
        and return False. `progress` is updated to the merged record."""
        progress.updated = now()
        self.in_memory[progress.exercise] = progress
        self.merged_from_elsewhere = False
        if not self.writable:
            return False
        path = self.path(progress.exercise)
        self._sweep()
        try:
            with locked(path) as held:
                if held:
                    self._clean_leftovers(path)
                disk = self._read(path, progress.exercise)
                if disk is None and (legacy := self._legacy_path(progress.exercise)) is not None:
                    disk = self._read(legacy, progress.exercise)
                merged = merge(disk, progress)
                write_json_atomic(path, merged.to_json())
        except OSError as exc:
            self.writable = False
            self.notices.append(f"Your answers cannot be saved in {self.student_dir} ({exc.strerror or exc}). You "
                                "can keep working: the exercises still check your answers, but they will be lost "
                                "when the notebook closes. Ask your teacher where answers can be saved (the "
                                "SOURCELAB_ANSWERS setting).")
            return False
        self.merged_from_elsewhere = merged.answers != progress.answers
        progress.adopt(merged)
        return True

    def all(self) -> list[ExerciseProgress]:
        """Every exercise this student has answered, from disk and memory."""
        names = set()
        for folder in (self.student_dir, Path(self.folder) / legacy_slug(self.student)):
            if folder.is_dir():
                names.update(p.stem for p in folder.glob("*.json") if EXERCISE_ID.match(p.stem))
        out = {exercise: self.load(exercise) for exercise in sorted(names)}
        out.update(self.in_memory)
        return [p for p in out.values() if p is not None]

    def take_notices(self) -> list[str]:
        taken, self.notices = self.notices, []
        return taken


STALE_SECONDS = 60  # a write takes milliseconds; a temporary file this old was left by a killed writer


def sweep_stale_temporaries(folder: Path) -> int:
    """Remove `.*.tmp` files in `folder` older than STALE_SECONDS; returns how many went."""
    removed = 0
    try:
        leftovers = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return 0
    cutoff = time.time() - STALE_SECONDS
    for leftover in leftovers:
        try:
            if leftover.is_file() and not leftover.is_symlink() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def read_student(folder: Path) -> str | None:
    """The name entered once on this machine, or None."""
    try:
        path = Path(folder) / STUDENT_FILE
        if path.stat().st_size > 100_000:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        name = data.get("student") if isinstance(data, dict) else None
        if not isinstance(name, str):
            return None
        student_slug(name)  # a hand-edited file with an unusable name counts as no name
        return normalise_name(name)
    except (OSError, ValueError, RecursionError, StudentNameError):
        return None


def write_student(folder: Path, name: str) -> str:
    """Remember the student's name (raises StudentNameError for an unusable one, OSError if it cannot be saved)."""
    student_slug(name)  # refuses an empty or too long name with a message the student can act on
    name = normalise_name(name)
    sweep_stale_temporaries(Path(folder))
    write_json_atomic(Path(folder) / STUDENT_FILE, {"student": name, "since": now()})
    return name


@dataclass
class Saved:
    """What one recorded answer came to, for the view to show."""

    student: str | None  # whose record it went into; None: no name yet, so nothing was written
    written: bool  # on disk (False: kept in memory only)
    notices: list[str]  # what the student should be told
    show: bool  # the record now holds answers the view does not show (another student's, or merged)


@dataclass
class Recording:
    """One window's record of one exercise: the rules for whose answers these are and when they are saved.

    The record always belongs to one student (`owner`). Answers given before any name was entered are
    adopted by the first name saved; when the name changes, the record switches to that student's own saved
    answers, and the previous student's stay where they were saved. The name is read again at every answer:
    it may be entered after Run All, or changed in another lesson.
    """

    answers_dir: Path
    exercise: str
    lesson: str
    progress: ExerciseProgress = field(init=False)
    owner: str | None = None  # whose answers `progress` holds; None: no name yet
    writer: str = field(default_factory=lambda: secrets.token_hex(4))  # tells this window's events from others'
    events: int = 0
    _store: ProgressStore | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.answers_dir = Path(self.answers_dir)
        self.progress = ExerciseProgress(self.exercise, self.lesson)

    def store(self) -> ProgressStore | None:
        student = read_student(self.answers_dir)
        if student is None:
            return None
        if self._store is None or self._store.student != student:
            self._store = ProgressStore(self.answers_dir, student)
        return self._store

    def open(self) -> tuple[str, ExerciseProgress | None, list[str]] | None:
        """The saved record of the current student, to show when a lesson is opened (None: no name yet)."""
        store = self.store()
        if store is None:
            return None
        self.owner = store.student
        saved = store.load(self.exercise)
        notices = store.take_notices()
        if saved is not None:
            self.progress = saved
        return store.student, saved, notices

    def _event(self, item: str, value: Any, correct: bool | None) -> dict[str, Any]:
        self.events += 1
        return {"id": f"{self.writer}-{self.events}", "item": item, "value": value, "at": now(), "correct": correct}

    @staticmethod
    def _apply(progress: ExerciseProgress, event: dict[str, Any]) -> None:
        if event["value"] is None:
            progress.answers.pop(event["item"], None)
        else:
            progress.answers[event["item"]] = event["value"]
        progress.history.append(event)

    def _switch_to(self, store: ProgressStore) -> str:
        previous = self.owner
        saved = store.load(self.exercise)
        self.progress = saved or ExerciseProgress(self.exercise, self.lesson)
        self.owner = store.student
        return (f"Now saving for {store.student}: the answers shown are {store.student}'s own"
                f"{'' if saved else ' (none yet)'}; {previous}'s answers stay saved under {previous}.")

    def record(self, item: str | None, value: Any, correct: bool | None, attempts: int, revealed: bool) -> Saved:
        """One change in the view (an answer, or `item` None for try again / show answers), saved at once."""
        event = self._event(item, value, correct) if item is not None else None
        store = self.store()
        notices: list[str] = []
        show = False
        if store is not None and self.owner is not None and self.owner != store.student:
            notices.append(self._switch_to(store))
            self.progress.attempts = max(self.progress.attempts, 1)
            show = True
        else:
            self.progress.attempts, self.progress.revealed = attempts, revealed
        if event is not None:
            self._apply(self.progress, event)
        if store is None:
            return Saved(None, False, notices, show)
        self.owner = store.student
        written = store.save(self.progress)
        notices += store.take_notices()
        if written and store.merged_from_elsewhere:
            notices.append("Answers you gave in another window were kept as well and are shown here.")
            show = True
        return Saved(store.student, written, notices, show)
