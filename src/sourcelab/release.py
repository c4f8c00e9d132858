"""A student copy of the kit: `python -m sourcelab release OUT_DIR --mode assessment|practice`.

Both copies run with the README's two commands and leave out what is for the instructor: solutions, the
guides, the class report notebook, the benchmarks and the kit's own tests.

- **practice**: the selected article's data and exercises as they are, every exercise in practice mode.
- **assessment**: no answer key in any form. data/ holds the article and what the lessons display
  (released_data), exercises/ holds what the student sees of each exercise (exercises/released), every one in
  assessment mode. A passage of the lessons that names a graded item is left out, with a note saying so.
  The copy records the article id and a fingerprint of the key, so the instructor's report can refuse
  submissions made against another key.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._version import __version__
from .atomic import write_text_atomic
from .course import Course, load_course
from .errors import UsageError
from .exercises.released import RELEASED_EXERCISES, key_fingerprint, write_released
from .exercises.spec import ASSESSMENT, MODES, PRACTICE
from .fallbacks import focus_for, passage
from .passages import KEYS
from .released_data import RELEASED_DATA, released_data

KIT_FILES = ("pyproject.toml", "environment.yml", "postBuild", "conftest.py", ".gitignore")
KIT_FOLDERS = ("src", "config")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")
LEFT_OUT = ("*In this graded copy this part of the lesson is left out, because it would show answers to the "
            "exercises. Your teacher will go through it with you after you hand in your work.*")
COPY_TEST = '''"""This copy runs: the article and every exercise load, and every exercise shows its items."""
from sourcelab import show_exercise
from sourcelab.course import load_course


def test_every_exercise_loads_and_shows() -> None:
    course = load_course()
    assert course.annotation.sentences and course.exercises
    for exercise_id in course.exercises:
        assert show_exercise(exercise_id, record=False).children
'''
STUDENT_README = """# Source Lab: {title}

A Jupyter kit on source evaluation: who is speaking in a news article, and how do you know?
This copy was made by your teacher on {made} ({mode} mode).

## Start

On a computer with Python 3.10 or newer and `make`, in this folder:

```bash
make lab     # sets everything up the first time (a few minutes), then opens the first lesson
make test    # checks that every lesson runs
```

Then follow the lessons in `notebooks/`, in order: in each one choose **Run → Run All Cells**.
If your teacher says so, use `make app` instead of `make lab`: it opens the lessons as web pages without
code, which run by themselves; click a lesson to open it.

## Hand in your work

At the end of each lesson press **Export my answers**: it writes one file and tells you where. Hand that
file to your teacher as they ask. {mode_note}

Nothing you do is sent anywhere: the kit works offline, and your answers stay in `my-answers/`.
"""
MODE_NOTES = {ASSESSMENT: "In this copy your answers are recorded, not marked: you see *Answer recorded* under "
                          "each one, and your teacher marks them.",
              PRACTICE: "Each answer gets feedback at once, with a hint and a *Try again* button."}


@dataclass(frozen=True)
class Released:
    folder: Path
    mode: str
    article_id: str
    key_fingerprint: str
    left_out: tuple[str, ...]  # passages left out of an assessment copy because they name a graded item


def graded_markers(course: Course) -> list[str]:
    """What a passage may not name in a graded copy: the sentences that exercise items are about."""
    return sorted({i.sentence for e in course.exercises.values() for i in e.items if i.sentence})


def assessment_passages(course: Course) -> tuple[dict[str, str], list[str]]:
    """Every passage the lessons show, as the copy may show it: one that names a graded sentence is replaced."""
    focus = focus_for(course.exercises)
    markers = graded_markers(course)
    shown, left_out = {}, []
    for key in KEYS:
        text = passage(course.annotation, key, focus)[0]
        if any(re.search(rf"(?<![\w-]){re.escape(m)}(?![\w-])", text) for m in markers):
            shown[key], left_out = LEFT_OUT, left_out + [key]
        else:
            shown[key] = text
    return shown, left_out


def _makefile(source: Path) -> str:
    """The kit's Makefile with `make test` running the copy's own checks (no solutions folder in a copy)."""
    text = source.read_text(encoding="utf-8")
    return re.sub(r"(\$\(BIN\)/python -m pytest --nbval-lax tests notebooks) solutions", r"\1", text)


def _practice_yaml(text: str) -> str:
    """An exercise file with every exercise in practice mode."""
    text = re.sub(r"(?m)^( *)mode: *\S+ *\n", "", text)
    return re.sub(r"(?m)^exercises:", f"mode: {PRACTICE}\nexercises:", text, count=1)


def release(out: str | Path, mode: str, course: Course | None = None, kit: Path | None = None) -> Released:
    """Write a student copy of the selected article's kit into `out` (which must not exist or be empty)."""
    if mode not in MODES:
        raise UsageError(f"--mode must be one of: {', '.join(MODES)}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out} already exists and is not empty: give a new folder")
    course = course or load_course()
    kit = kit or course.settings.readme.parent
    out.mkdir(parents=True, exist_ok=True)
    for name in KIT_FILES:
        if (kit / name).exists():
            shutil.copy2(kit / name, out / name)
    for name in KIT_FOLDERS:
        shutil.copytree(kit / name, out / name, ignore=SKIP)
    write_text_atomic(out / "Makefile", _makefile(kit / "Makefile"))
    (out / "notebooks").mkdir()
    for lesson in sorted(course.settings.notebooks_dir.glob("*.ipynb")):  # the lessons, not instructor/
        shutil.copy2(lesson, out / "notebooks" / lesson.name)
    (out / "tests").mkdir()
    write_text_atomic(out / "tests" / "test_student_copy.py", COPY_TEST)
    fingerprint = key_fingerprint(course.exercises)
    annotation = course.annotation
    left_out: list[str] = []
    if mode == PRACTICE:
        shutil.copytree(course.settings.data_dir, out / "data",
                        ignore=shutil.ignore_patterns("packs", "__pycache__", ".ipynb_checkpoints"))
        shutil.rmtree(out / "data" / "exercises", ignore_errors=True)  # a pack's own exercises go to exercises/
        (out / "exercises").mkdir()
        for path in sorted(course.settings.exercises_dir.glob("*.y*ml")):
            write_text_atomic(out / "exercises" / path.name, _practice_yaml(path.read_text(encoding="utf-8")))
    else:
        passages, left_out = assessment_passages(course)
        (out / "data").mkdir()
        write_text_atomic(out / "data" / "article.txt", annotation.text)
        write_text_atomic(out / "data" / RELEASED_DATA, released_data(annotation, passages, fingerprint))
        (out / "exercises").mkdir()
        write_text_atomic(out / "exercises" / RELEASED_EXERCISES, write_released(course.exercises, ASSESSMENT))
    made = _now_day()
    title = str(annotation.metadata.get("title") or "")
    write_text_atomic(out / "README.md", STUDENT_README.format(
        title="who is speaking?" if title in ("", "unknown") else title, made=made, mode=mode,
        mode_note=MODE_NOTES[mode]))
    record: dict[str, Any] = {"kit_version": __version__, "mode": mode, "article_id": annotation.article_id,
                              "key_fingerprint": fingerprint, "made": made, "passages_left_out": left_out}
    write_text_atomic(out / "RELEASE.json", json.dumps(record, indent=1) + "\n")
    return Released(out, mode, annotation.article_id, fingerprint, tuple(left_out))


def _now_day() -> str:
    from datetime import date

    return date.today().isoformat()
