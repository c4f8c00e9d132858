"""Saving and restoring a student's work around the exercise views, and the name box and export button."""
from __future__ import annotations

import secrets
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..exercises import ItemResult
from ..progress import ExerciseProgress, ProgressStore, now, read_student, write_student
from ..style import style_tag
from .exercise_view import ExerciseView


def _status(text: str, warning: bool = False) -> str:
    kind = "sl-feedback-partial" if warning else "sl-feedback-right"
    mark = "⚠" if warning else "💾"
    return f'{style_tag()}<div class="sl-feedback {kind}" role="status">{mark} {escape(text)}</div>'


class Recorder:
    """Listens to one exercise view: every answer goes to disk at once (or stays in memory, with a warning).

    The record always belongs to one student (`owner`). Answers given before any name was entered are
    adopted by the first name saved; when the name changes, the view switches to that student's own saved
    answers, and the previous student's stay where they were saved.
    """

    def __init__(self, view: ExerciseView, answers_dir: Path) -> None:
        self.view = view
        self.answers_dir = Path(answers_dir)
        self.store: ProgressStore | None = None
        self.owner: str | None = None  # whose answers self.progress holds; None: no name yet
        self.progress = ExerciseProgress(view.exercise.id, view.exercise.spec.lesson)
        self.writer = secrets.token_hex(4)  # tells this window's history entries from another window's
        self.events = 0
        view.listeners.append(self)

    def _store(self) -> ProgressStore | None:
        student = read_student(self.answers_dir)  # read each time: the name may be entered after Run All
        if student is None:
            return None
        if self.store is None or self.store.student != student:
            self.store = ProgressStore(self.answers_dir, student)
        return self.store

    def restore(self) -> None:
        store = self._store()
        if store is None:
            self.view.status.value = _status("Your answers are not saved yet: enter your name in the box at the "
                                             "top of the lesson.", warning=True)
            return
        self.owner = store.student
        saved = store.load(self.view.exercise.id)
        notices = store.take_notices()
        if saved is not None:
            self.progress = saved
            skipped = self.view.restore(saved.answers, saved.attempts, saved.revealed)
            if skipped:
                notices.append(f"{len(skipped)} saved answer(s) no longer fit this exercise (it was changed) and "
                               f"were left out: {', '.join(skipped)}.")
            message = f"Welcome back, {store.student}: your answers from {saved.updated[:16] or 'before'} are restored."
        else:
            message = f"Your answers are saved for {store.student} as you go."
        self.view.status.value = _status(" ".join([*notices, message]), warning=bool(notices))

    def _event(self, item_id: str, value: Any, result: ItemResult | None) -> dict[str, Any]:
        self.events += 1
        return {"id": f"{self.writer}-{self.events}", "item": item_id, "value": value, "at": now(),
                "correct": None if result is None else result.correct}

    @staticmethod
    def _apply(progress: ExerciseProgress, event: dict[str, Any]) -> None:
        if event["value"] is None:
            progress.answers.pop(event["item"], None)
        else:
            progress.answers[event["item"]] = event["value"]
        progress.history.append(event)

    def _switch_to(self, store: ProgressStore) -> str:
        """The name changed since this record was started: continue from the new student's own answers."""
        previous = self.owner
        saved = store.load(self.view.exercise.id)
        self.progress = saved or ExerciseProgress(self.view.exercise.id, self.view.exercise.spec.lesson)
        self.owner = store.student
        return (f"Now saving for {store.student}: the answers shown are {store.student}'s own"
                f"{'' if saved else ' (none yet)'}; {previous}'s answers stay saved under {previous}.")

    def __call__(self, view: ExerciseView, item_id: str | None, value: Any, result: ItemResult | None) -> None:
        event = self._event(item_id, value, result) if item_id is not None else None
        store = self._store()
        notices: list[str] = []
        if store is not None and self.owner is not None and self.owner != store.student:
            notices.append(self._switch_to(store))
            if event is not None:
                self._apply(self.progress, event)
            view.sync(self.progress.answers, max(self.progress.attempts, 1), self.progress.revealed)
        else:
            if event is not None:
                self._apply(self.progress, event)
            self.progress.attempts, self.progress.revealed = view.attempts, view.revealed
        if store is None:
            view.status.value = _status("Not saved: enter your name in the box at the top of the lesson, and "
                                        "your next answer saves everything.", warning=True)
            return
        self.owner = store.student
        saved = store.save(self.progress)
        notices += store.take_notices()
        if saved and store.merged_from_elsewhere:
            view.sync(self.progress.answers, self.progress.attempts, self.progress.revealed)
            notices.append("Answers you gave in another window were kept as well and are shown here.")
        if not saved:
            view.status.value = _status(" ".join(notices) or "Kept in memory only: saving is not possible.", True)
        elif notices:
            view.status.value = _status(" ".join([*notices, f"Saved for {store.student}."]), True)
        else:
            view.status.value = _status(f"Saved for {store.student} at {self.progress.updated[11:16]} UTC.")


class StudentBox(widgets.VBox):
    """Ask for a name once; afterwards say whose answers are being saved, and let the name be changed."""

    def __init__(self, answers_dir: Path) -> None:
        self.answers_dir = Path(answers_dir)
        self.name = widgets.Text(placeholder="your name or student id", description="Name:")
        self.save_button = widgets.Button(description="Save my name", icon="check", button_style="primary")
        self.status = widgets.HTML()
        self.name.add_class("sl-student-name")
        self.save_button.add_class("sl-student-save")
        self.save_button.on_click(self.save)
        super().__init__([widgets.HBox([self.name, self.save_button]), self.status])
        self.add_class("sl-student-box")
        self.show_current()

    def show_current(self, thanks: str = "") -> None:
        current = read_student(self.answers_dir)
        if current:
            self.status.value = _status(f"{thanks}Answers are saved for {current} in {self.answers_dir}. Not you? "
                                        "Type your name and press Save my name.")
        else:
            self.status.value = _status("Type your name (or the id your teacher gave you) and press Save my name, "
                                        "so your answers are kept when you close this notebook.", warning=True)

    def save(self, _button: object = None) -> None:
        try:
            saved = write_student(self.answers_dir, self.name.value)
        except ValueError as exc:
            self.status.value = _status(f"{exc}.", warning=True)
            return
        except OSError as exc:
            self.status.value = _status(f"Your name cannot be saved in {self.answers_dir} ({exc.strerror or exc}). "
                                        "The exercises still work, but answers will not be kept. Ask your teacher.",
                                        warning=True)
            return
        self.name.value = ""
        self.show_current(thanks=f"Thank you, {saved}. ")


class ExportButton(widgets.VBox):
    """One click writes the submission file and says where it is."""

    def __init__(self, export: Any) -> None:
        self._export = export  # () -> Path; raises ValueError or OSError with a message for the student
        self.button = widgets.Button(description="Export my answers", icon="download", button_style="success",
                                     tooltip="Write one file with all your answers, to hand in to your teacher")
        self.button.add_class("sl-export")
        self.status = widgets.HTML()
        self.button.on_click(self.export)
        super().__init__([self.button, self.status])

    def export(self, _button: object = None) -> None:
        try:
            path = self._export()
        except (ValueError, OSError) as exc:
            self.status.value = _status(f"Not exported: {exc}", warning=True)
            return
        self.status.value = _status(f"Exported to {path}. Hand this file to your teacher (for example by "
                                    "uploading it where your class collects work).")
