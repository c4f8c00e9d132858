"""Test runs never touch a real student's answers: every run (unit, nbval, browser) saves to a temporary
folder, made when the run starts and removed when it ends."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

ANSWERS_ENV = "SOURCELAB_ANSWERS"  # the name sourcelab.config reads (tests/test_packaging.py checks it works)
_FOLDER = pytest.StashKey[tuple[str, "str | None"]]()  # the folder, and the variable's value before the run


def pytest_configure(config: pytest.Config) -> None:
    folder = tempfile.mkdtemp(prefix="sourcelab-test-answers-")
    config.stash[_FOLDER] = (folder, os.environ.get(ANSWERS_ENV))
    os.environ[ANSWERS_ENV] = folder  # kernels and the JupyterLab server started by the tests inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    folder, before = config.stash.get(_FOLDER, (None, None))
    if folder is None:
        return
    shutil.rmtree(folder, ignore_errors=True)
    if before is None:
        os.environ.pop(ANSWERS_ENV, None)
    else:
        os.environ[ANSWERS_ENV] = before


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Notebook cells run by nbval use the exercise files as they are: mark them `shipped` like the tests that
    do (so `pytest -m shipped` runs everything an instructor's edit could affect)."""
    for item in items:
        if item.fspath and str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.shipped)
