"""Test runs never touch a real student's answers, nor the user's cache of drawn figures: every run (unit,
nbval, browser) saves to temporary folders, made when the run starts and removed when it ends."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

ANSWERS_ENV = "SOURCELAB_ANSWERS"  # the name sourcelab.config reads (tests/test_packaging.py checks it works)
CACHE_ENV = "SOURCELAB_CACHE"  # likewise, for the figures drawn once per data (sourcelab.figure_cache)
_FOLDERS = pytest.StashKey[list[tuple[str, str, "str | None"]]]()  # variable, folder, the variable's value before


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_FOLDERS] = []
    for variable, prefix in ((ANSWERS_ENV, "sourcelab-test-answers-"), (CACHE_ENV, "sourcelab-test-cache-")):
        folder = tempfile.mkdtemp(prefix=prefix)
        config.stash[_FOLDERS].append((variable, folder, os.environ.get(variable)))
        os.environ[variable] = folder  # kernels and the JupyterLab server started by the tests inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    for variable, folder, before in config.stash.get(_FOLDERS, []):
        shutil.rmtree(folder, ignore_errors=True)
        if before is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = before


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Notebook cells run by nbval use the exercise files as they are: mark them `shipped` like the tests that
    do (so `pytest -m shipped` runs everything an instructor's edit could affect)."""
    for item in items:
        if item.fspath and str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.shipped)
