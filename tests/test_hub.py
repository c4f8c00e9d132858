"""A small class on the hub: three students log in through JupyterHub, run lesson 1, answer, export; class report.

The same code as `make loadtest` (tools/hubload), with 3 students instead of 30. It needs JupyterHub (the "hub"
extra, installed by `make test`) and configurable-http-proxy (npm, installed by `make test` from
deploy/jupyterhub/package-lock.json). Without them the test skips and says how to install them; under CI=true it
fails instead, like the browser tests (.ci/run installs nodejs and npm).
"""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from .browser.conftest import _missing

STUDENTS = 3
TIMEOUT = 150  # s for the whole run; it takes about 20 s on an idle 2-core machine


@pytest.fixture(scope="module")
def hub_run(tmp_path_factory: pytest.TempPathFactory):
    if importlib.util.find_spec("jupyterhub") is None:
        _missing("JupyterHub not installed: run `make hub-setup` (pip install -e '.[hub]')")
    from tools.hubload.hub import find_proxy

    if find_proxy() is None:
        how = "run `make hub-setup`" if shutil.which("npm") else "install Debian's nodejs and npm, then `make hub-setup`"
        _missing(f"configurable-http-proxy (npm) not installed: {how}")
    from tools.hubload.run import run_load_test

    work = tmp_path_factory.mktemp("hub")
    return work, run_load_test(STUDENTS, work=work, timeout=TIMEOUT)


def test_every_student_logs_in_runs_lesson_1_and_exports_without_a_failure(hub_run) -> None:
    _, result = hub_run
    assert [(s.name, s.step, s.error) for s in result.failures] == []
    for student in result.students:
        assert student.oauth_callback, student.name  # through the server's OAuth round trip, not a token
        assert student.first_widget_s is not None and student.first_widget_s <= student.lesson_s
        assert student.widget_views >= 6 and student.widget_models > student.widget_views
        assert student.answers_saved == 3
    assert result.leftover_processes == 0  # the hub stopped every server and the proxy itself


def test_each_students_answers_are_in_their_own_home_and_nowhere_else(hub_run) -> None:
    from sourcelab.progress import student_slug
    from tools.hubload.student import display_name

    work, result = hub_run
    assert result.isolation == {}
    homes = work / "homes"
    answers = sorted(p.relative_to(homes).as_posix() for p in homes.rglob("quote-type.json"))
    assert answers == sorted(f"{s.name}/my-answers/{student_slug(display_name(s.name))}/quote-type.json"
                             for s in result.students)  # one file per student, each in that student's home
    exports = sorted(p.relative_to(homes).as_posix() for p in homes.rglob("submissions/*.json"))
    assert exports == sorted(Path(s.export).relative_to(homes).as_posix() for s in result.students)
    assert all(e.startswith(f"{s.name}/my-answers/submissions/") for e, s in zip(exports, result.students))


def test_the_class_report_counts_every_student(hub_run) -> None:
    _, result = hub_run
    assert result.report["students"] == STUDENTS and result.report["skipped"] == []
    quote_type = next(e for e in result.report["exercises"] if e["id"] == "quote-type")
    assert quote_type["students_answering"] == STUDENTS


def test_the_hubs_jupyterlab_has_the_kits_keyboard_settings(hub_run) -> None:
    _, result = hub_run
    assert all(s.keyboard_settings for s in result.students)


def test_nothing_of_the_run_is_left_running(hub_run) -> None:
    from tools.hubload.hub import RUN_ENV
    from tools.hubload.procmem import run_processes

    _, result = hub_run
    assert result.run_id and [p.pid for p in run_processes(RUN_ENV, result.run_id)] == []


def test_the_class_config_for_one_machine_sets_the_kits_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """deploy/jupyterhub/jupyterhub_config.py (not run by the load test, which logs in without system accounts)
    loads, and gives students the settings the load test checked: their own answers folder, the start notebook."""
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("SOURCELAB_HUB_STATE", str(tmp_path))
    deploy = Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub"
    config = PyFileConfigLoader("jupyterhub_config.py", path=str(deploy)).load_config()
    environment = config.Spawner.environment.get_value({})  # apply() adds to JupyterHub's own (lazily)
    assert environment["SOURCELAB_ANSWERS"] == "~/my-answers"
    assert environment["SOURCELAB_CACHE"] == "~/.cache/sourcelab"
    assert config.Spawner.default_url == "/lab/tree/source-lab/00_start_here.ipynb"
    assert config.JupyterHub.authenticator_class == "pam" and config.JupyterHub.spawner_class == "localprocess"
    assert config.JupyterHub.db_url == f"sqlite:///{tmp_path / 'jupyterhub.sqlite'}"


def test_lessons_are_copied_at_the_first_login_and_never_overwritten(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "deploy" / "jupyterhub"))
    import sourcelab_hub

    written = sourcelab_hub.copy_lessons(tmp_path)
    lessons = sourcelab_hub.lessons()
    assert [p.name for p in written] == [p.name for p in lessons] and "00_start_here.ipynb" in {p.name for p in written}
    (tmp_path / "source-lab" / "00_start_here.ipynb").write_text("the student's own copy", encoding="utf-8")
    assert sourcelab_hub.copy_lessons(tmp_path) == []
    assert (tmp_path / "source-lab" / "00_start_here.ipynb").read_text(encoding="utf-8") == "the student's own copy"


def test_the_kubernetes_hook_copies_the_lessons_and_keeps_a_students_own(tmp_path: Path) -> None:
    """deploy/z2jh/config.yaml's postStart command, run as a pod would run it (the kit's folder in place of
    /opt/source-lab): it copies the lessons at the first start, keeps a student's edited copy at the next, and
    exits 0 both times (a failed postStart hook stops the pod)."""
    import subprocess

    import yaml

    root = Path(__file__).resolve().parents[1]
    values = yaml.safe_load((root / "deploy" / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    command = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    command = [part.replace("/opt/source-lab", str(root)) for part in command]
    home = tmp_path / "jovyan"
    home.mkdir()

    def start() -> subprocess.CompletedProcess:
        return subprocess.run(command, env={"HOME": str(home), "PATH": os.environ.get("PATH", "")},
                              capture_output=True, text=True, timeout=30)

    assert start().returncode == 0
    lessons = sorted(p.name for p in (root / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (home / "source-lab").iterdir()) == lessons
    own = home / "source-lab" / lessons[0]
    own.write_text("the student's own copy", encoding="utf-8")
    again = start()
    assert again.returncode == 0, again.stderr
    assert own.read_text(encoding="utf-8") == "the student's own copy"
