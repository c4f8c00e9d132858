"""Set-up files stay in step: pyproject vs environment.yml, Makefile targets, README, CI, JupyterLab settings."""
from __future__ import annotations

import json
import re
import tomllib

import yaml

from .conftest import ROOT

NAME = re.compile(r"^([A-Za-z0-9_.-]+)\s*(.*)$")


def requirements(specs: list[str]) -> dict[str, str]:
    out = {}
    for spec in specs:
        name, rest = NAME.match(spec.strip()).groups()
        out[name.lower().replace("_", "-")] = rest.replace(" ", "")
    return out


def test_environment_yml_lists_the_same_dependencies_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]
    assert requirements(conda) == requirements(project["dependencies"])
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e ."]
    assert env["channels"] == ["conda-forge"]
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib", "nbval", "pysbd"} <= set(requirements(conda))


def test_makefile_offers_the_commands_the_readme_promises() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "app", "test", "bench", "setup"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "notebooks/00_start_here.ipynb" in makefile
    assert "--ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(START)" in makefile  # kit root, start notebook open
    assert "--LabApp.extension_manager=readonly" in makefile  # nothing reaches the network at run time
    assert "--nbval-lax tests notebooks solutions" in makefile
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("make lab") < readme.index("For students") and "make test" in readme
    assert readme.index("make app") < readme.index("For students") and "## App mode" in readme
    for heading in ("For students", "For instructors", "Requirements", "Troubleshooting"):
        assert f"## {heading}" in readme


def test_ci_runs_make_test_and_installs_chromium() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "apt-get install" in ci and "chromium" in ci
    assert "nodejs npm" in ci  # make test installs axe-core with npm for the accessibility audit


def test_make_test_installs_axe_core_from_the_lock_only_when_it_changed() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "test: setup browser-js" in makefile and "npm ci" in makefile
    assert "$(AXE_STAMP): $(BROWSER_JS)/package-lock.json" in makefile
    lock = json.loads((ROOT / "tests" / "browser" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["integrity"].startswith("sha512-")
    assert "node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_jupyterlab_settings_silence_news_and_update_checks() -> None:
    settings = json.loads((ROOT / "config" / "jupyterlab" / "overrides.json").read_text(encoding="utf-8"))
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"checkForUpdates": False, "fetchNews": "false"}


def test_test_runs_save_answers_in_their_own_temporary_folder() -> None:
    """The root conftest.py points the kit at a fresh folder for the run (and removes it afterwards)."""
    import tempfile
    from pathlib import Path

    from sourcelab.config import load_settings

    answers = load_settings().answers_dir
    assert answers.is_dir() and answers.name.startswith("sourcelab-test-answers-")
    assert answers.parent == Path(tempfile.gettempdir()) and answers != ROOT / "my-answers"


def test_lab_settings_keep_one_key_shortcuts_out_of_cell_outputs() -> None:
    """JupyterLab would take the arrow keys (and letters) from a focused menu in an output to move or edit cells."""
    from sourcelab import lab_settings

    settings = lab_settings.settings(ROOT / "config" / "jupyterlab" / "overrides.json", lab_settings.schemas_dir())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    entries = settings["@jupyterlab/shortcuts-extension:shortcuts"]["shortcuts"]
    for command, keys in (("notebook:move-cursor-down", ["ArrowDown"]), ("notebook:move-cursor-up", ["ArrowUp"]),
                          ("notebook:insert-cell-above", ["A"]), ("notebook:delete-cell", ["D", "D"])):
        mine = [e for e in entries if e["command"] == command and e["keys"] == keys]
        assert any(e.get("disabled") for e in mine), command
        assert any(e["selector"].endswith(":not(.jp-OutputArea-output *)") and not e.get("disabled") for e in mine)


def test_make_test_installs_the_hubs_proxy_from_its_lock_and_jupyterhub_from_the_hub_extra() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "test: setup browser-js hub-setup" in makefile and "loadtest: setup hub-setup" in makefile
    assert "$(PROXY_STAMP): $(HUB_JS)/package-lock.json" in makefile and '-e ".[test,hub]"' in makefile
    lock = json.loads((ROOT / "deploy" / "jupyterhub" / "package-lock.json").read_text(encoding="utf-8"))
    proxy = lock["packages"]["node_modules/configurable-http-proxy"]
    assert proxy["version"] == "5.3.0" and proxy["integrity"].startswith("sha512-")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["hub"] == ["jupyterhub==6.1.1"]
