"""Shared fixtures: the kit's own data folder, and throw-away copies of it to break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sourcelab import load_annotation
from sourcelab.model import Annotation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def annotation() -> Annotation:
    return load_annotation(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a data file (fails loudly if the fixture drifted)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
