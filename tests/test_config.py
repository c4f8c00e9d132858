"""Where the kit saves: a folder given with ~ in an environment variable is the home of whoever runs the kit.

A JupyterHub gives every student's server the same environment (deploy/jupyterhub sets
SOURCELAB_ANSWERS=~/my-answers), so only this expansion keeps one student's answers out of another's folder.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from sourcelab.config import ANSWERS_ENV, CACHE_ENV, SUBMISSIONS_ENV, kit_root, load_settings
from sourcelab.progress import write_student


@pytest.fixture
def hub_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # were ~ not expanded, the folder named "~" would be made here, not in the kit
    monkeypatch.setenv(ANSWERS_ENV, "~/my-answers")
    monkeypatch.setenv(CACHE_ENV, "~/.cache/sourcelab")
    monkeypatch.setenv(SUBMISSIONS_ENV, "~/class-submissions")


def test_a_tilde_in_the_answers_and_cache_settings_is_the_running_users_home(
        hub_environment: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "ada"))
    settings = load_settings()
    assert settings.answers_dir == tmp_path / "ada" / "my-answers"
    assert settings.cache_dir == tmp_path / "ada" / ".cache" / "sourcelab"
    assert settings.submissions_dir == tmp_path / "ada" / "class-submissions"


def test_two_students_with_the_same_setting_save_in_their_own_homes(
        hub_environment: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ada", "bo"):
        monkeypatch.setenv("HOME", str(tmp_path / name))
        write_student(load_settings().answers_dir, name.title())
    saved = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("student.json"))
    assert saved == ["ada/my-answers/student.json", "bo/my-answers/student.json"]
    assert not (tmp_path / "~").exists() and not (kit_root() / "~").exists()  # no folder literally named "~"


def test_a_plain_path_is_taken_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ANSWERS_ENV, str(tmp_path / "answers"))
    assert load_settings().answers_dir == tmp_path / "answers"
