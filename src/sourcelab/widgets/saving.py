"""Saving and restoring a student's work around the exercise views, and the name box and export button."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..errors import SourceLabError, StudentNameError
from ..exercises import ItemResult
from ..progress import Recording, read_student, write_student
from ..render import status_html
from ..style import BUTTON_GREEN
from .exercise_view import ExerciseView
from .looks import box_traits, make


class Recorder:
    """Connects one exercise view to its `Recording`: every answer is saved at once, and the status line
    says where (or why not). The rules about whose answers they are live in progress.Recording."""

    def __init__(self, view: ExerciseView, answers_dir: Path) -> None:
        self.view = view
        self.recording = Recording(Path(answers_dir), view.exercise.id, view.exercise.spec.lesson)
        view.listeners.append(self)

    def restore(self) -> None:
        opened = self.recording.open()
        if opened is None:
            self.view.status.value = status_html("Your answers are not saved yet: enter your name in the box at "
                                                 "the top of the lesson.", warning=True)
            return
        student, saved, notices = opened
        if saved is not None:
            skipped = self.view.restore(saved.answers, saved.attempts, saved.revealed)
            if skipped:
                notices.append(f"{len(skipped)} saved answer(s) no longer fit this exercise (it was changed) and "
                               f"were left out: {', '.join(skipped)}.")
            message = f"Welcome back, {student}: your answers from {saved.updated[:16] or 'before'} are restored."
        else:
            message = f"Your answers are saved for {student} as you go."
        self.view.status.value = status_html(" ".join([*notices, message]), warning=bool(notices))

    def __call__(self, view: ExerciseView, item_id: str | None, value: Any, result: ItemResult | None) -> None:
        saved = self.recording.record(item_id, value, None if result is None else result.correct, view.attempts,
                                      view.revealed)
        progress = self.recording.progress
        if saved.show:
            view.sync(progress.answers, progress.attempts, progress.revealed)
        if saved.student is None:
            view.status.value = status_html("Not saved: enter your name in the box at the top of the lesson, "
                                            "and your next answer saves everything.", warning=True)
        elif not saved.written:
            view.status.value = status_html(" ".join(saved.notices) or "Kept in memory only: saving is not "
                                            "possible.", warning=True)
        elif saved.notices:
            view.status.value = status_html(" ".join([*saved.notices, f"Saved for {saved.student}."]), warning=True)
        else:
            view.status.value = status_html(f"Saved for {saved.student} at {progress.updated[11:16]} UTC.")


class StudentBox(widgets.VBox):
    """Ask for a name once; afterwards say whose answers are being saved, and let the name be changed."""

    def __init__(self, answers_dir: Path) -> None:
        self.answers_dir = Path(answers_dir)
        # continuous_update off: the name reaches the kernel whole when the box loses focus, before the button's
        # press does. Sent keystroke by keystroke, the last keys wait behind the first (ipywidgets sends one update
        # at a time) and a quick Tab + Enter saved "K" for "Kim".
        self.name = make(widgets.Text, placeholder="your name or student id", description="Name:",
                         continuous_update=False, classes=("sl-student-name",))
        self.save_button = make(widgets.Button, description="Save my name", icon="check", button_style="primary",
                                layout={"width": "auto"}, classes=("sl-student-save",))
        self.status = make(widgets.HTML, self._current())
        self.save_button.on_click(self.save)
        super().__init__([make(widgets.HBox, [self.name, self.save_button]), self.status],
                         **box_traits("sl-student-box"))

    def show_current(self, thanks: str = "") -> None:
        self.status.value = self._current(thanks)

    def _current(self, thanks: str = "") -> str:
        current = read_student(self.answers_dir)
        if current:
            return status_html(f"{thanks}Answers are saved for {current} in {self.answers_dir}. Not you? "
                               "Type your name and press Save my name.")
        return status_html("Type your name (or the id your teacher gave you) and press Save my name, "
                           "so your answers are kept when you close this notebook.", warning=True)

    def save(self, _button: object = None) -> None:
        try:
            saved = write_student(self.answers_dir, self.name.value)
        except StudentNameError as exc:
            self.status.value = status_html(f"{exc}.", warning=True)
            return
        except OSError as exc:
            self.status.value = status_html(f"Your name cannot be saved in {self.answers_dir} ({exc.strerror or exc}). "
                                        "The exercises still work, but answers will not be kept. Ask your teacher.",
                                        warning=True)
            return
        self.name.value = ""
        self.show_current(thanks=f"Thank you, {saved}. ")


class ExportButton(widgets.VBox):
    """One click writes the submission file and says where it is."""

    def __init__(self, export: Callable[[], Path], description: str = "Export my answers",
                 tooltip: str = "Write one file with all your answers, to hand in to your teacher",
                 done: str = "Exported to {path}. Hand this file to your teacher (for example by uploading it where "
                             "your class collects work).", css_class: str = "sl-export") -> None:
        self._export = export  # () -> Path; raises SourceLabError or OSError with a message for the student
        self.done = done
        self.button = make(widgets.Button, description=description, icon="download", button_style="success",
                           tooltip=tooltip, layout={"width": "auto"},  # the label in full
                           style={"button_color": BUTTON_GREEN},  # white on it is readable (4.5:1)
                           classes=(css_class,))
        self.status = make(widgets.HTML)
        self.button.on_click(self.export)
        super().__init__([self.button, self.status], **box_traits("sl-export-box"))

    def export(self, _button: object = None) -> None:
        try:
            path = self._export()
        except (SourceLabError, OSError) as exc:
            self.status.value = status_html(f"Not exported: {exc}", warning=True)
            return
        self.status.value = status_html(self.done.format(path=path))
