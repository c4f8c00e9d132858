"""Lessons read as lessons: clean, with objectives and key points kept in metadata and shown in the text."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from .conftest import DATA, ROOT

pytestmark = pytest.mark.shipped  # these test the exercise files as they are, not the tests' own

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_start_notebook() -> None:
    assert ROOT / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


ALL_NOTEBOOKS = sorted([*(ROOT / "notebooks").rglob("*.ipynb"), *(ROOT / "solutions").rglob("*.ipynb")])


@pytest.mark.parametrize("path", [p for p in ALL_NOTEBOOKS if ".ipynb_checkpoints" not in p.parts],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_objectives_and_keypoints_match_the_text(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata["sourcelab"]
    assert meta["title"] and meta["minutes"]["reading"] > 0
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown[0].startswith(f"# {meta['title']}")
    assert len(meta["objectives"]) >= 3
    for objective in meta["objectives"]:
        assert f"- {objective}" in markdown[0]
    keypoints = next(m for m in markdown if m.startswith("## Key points"))
    for keypoint in meta["keypoints"]:
        assert f"- {keypoint}" in keypoints


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_announced_time_is_the_same_in_metadata_first_line_and_readme(path: Path) -> None:
    """One time per lesson, said three times: `python -m sourcelab timing --write` keeps them in step."""
    from sourcelab.timing import LESSON_PARTS, announce

    minutes = nbformat.read(path, as_version=4).metadata["sourcelab"]["minutes"]
    assert set(minutes) <= set(LESSON_PARTS) and all(isinstance(m, int) and m > 0 for m in minutes.values()), minutes
    first_cell = next(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    assert announce(minutes) in first_cell.split("\n\n")[1]  # the line under the title
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{path.stem}` | {sum(minutes.values())} min |" in readme


def test_the_announce_line_names_every_part() -> None:
    from sourcelab.timing import announce

    assert announce({"reading": 15, "exercises": 20, "discussion": 10}) == (
        "About 45 minutes: 15 reading, 20 for the exercises and 10 discussing.")
    assert announce({"reading": 10, "activities": 5, "discussion": 5}) == (
        "About 20 minutes: 10 reading, 5 exploring and 5 discussing.")


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith("00_")], ids=lambda p: p.name)
def test_lessons_save_work_and_end_with_the_export_button(path: Path) -> None:
    code = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    assert "student_box()" in code[:3], "the name box comes before the first exercise"
    assert code[-1] == "export_button()"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_one_or_two_lines(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.strip().splitlines()) <= 2, cell.source


def test_every_exercise_has_a_solution_that_asserts_full_marks() -> None:
    from sourcelab.loading import load_exercises

    by_lesson: dict[str, list[str]] = {}
    graded: dict[str, int] = {}
    for exercise in load_exercises().values():
        by_lesson.setdefault(exercise.spec.lesson, []).append(exercise.id)
        graded[exercise.spec.lesson] = graded.get(exercise.spec.lesson, 0) + exercise.graded
    for lesson, ids in by_lesson.items():
        solution = ROOT / "solutions" / f"{lesson}.ipynb"
        assert solution.exists(), f"{lesson} has exercises but no solutions/{lesson}.ipynb"
        code = "\n".join(c.source for c in nbformat.read(solution, as_version=4).cells if c.cell_type == "code")
        for exercise_id in ids:
            assert f'solve("{exercise_id}")' in code, exercise_id
        assert code.count("assert result.full_marks") >= graded[lesson]  # one per graded solve (free text has
        # no marks: its solution shows the examples written in)
        assert (ROOT / "notebooks" / f"{lesson}.ipynb").exists(), f"solutions for a missing lesson {lesson}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_students_see_student_prose(path: Path) -> None:
    """Instructor notes, answers and debatable-call discussions live in docs/instructor-guide.md."""
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
    for marker in ("Instructor note", "instructor-guide", "solutions/", "do not hand"):
        assert marker.lower() not in text.lower(), f"{path.name} speaks to the instructor: {marker!r}"


PASSAGE_FOLDERS = [DATA, *sorted(p for p in (DATA / "packs").glob("*") if (p / "passages.yaml").exists())]


@pytest.mark.parametrize("folder", PASSAGE_FOLDERS, ids=lambda p: p.name)
def test_students_see_student_prose_in_passages_too(folder: Path) -> None:
    """Passages are shown to students in every lesson, so they follow the same rule as the lessons' own text."""
    from sourcelab.loading import load_annotation

    for key, text in load_annotation(folder).passages.items():
        for marker in ("Instructor note", "instructor-guide", "instructor guide", "solutions/", "do not hand"):
            assert marker.lower() not in text.lower(), f"{folder.name} passage {key} speaks to the instructor"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_empty_list_item_collapses_a_list_into_one_line(path: Path) -> None:
    """Markdown reads "1. " with nothing after it as text, so "1. 2. 3." would show on one line: every item of a
    list students fill in says what goes there."""
    import re

    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            assert not re.search(r"(?m)^\s*\d+\.\s*$", cell.source), cell.source[:120]
