"""Lessons read as lessons: clean, with objectives and key points kept in metadata and shown in the text."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_start_notebook() -> None:
    assert ROOT / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_objectives_and_keypoints_match_the_text(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata["sourcelab"]
    assert meta["title"] and meta["minutes"]["teaching"] > 0 and meta["minutes"]["exercises"] >= 0
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert markdown[0].startswith(f"# {meta['title']}")
    assert len(meta["objectives"]) >= 3
    for objective in meta["objectives"]:
        assert f"- {objective}" in markdown[0]
    for keypoint in meta["keypoints"]:
        assert f"- {keypoint}" in markdown[-1]
    total = meta["minutes"]["teaching"] + meta["minutes"]["exercises"]
    assert f"About {total} minutes" in markdown[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_one_or_two_lines(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.strip().splitlines()) <= 2, cell.source
