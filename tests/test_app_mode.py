"""App mode (`make app`) without a browser: how the Makefile starts Voila, what config/jupyter tells it, and
where a kernel started in notebooks/ (as Voila starts it) saves answers. tests/browser/test_app.py drives it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

APP_CONFIG = ROOT / "config" / "jupyter"
TEMPLATE = APP_CONFIG / "voila" / "templates" / "sourcelab"


def test_make_app_starts_voila_on_the_lessons_with_the_kits_settings_and_article() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^app: setup$", makefile, re.M)
    assert "APP_CONFIG := $(CURDIR)/config/jupyter" in makefile
    assert 'APP_ENV := JUPYTER_PATH="$(APP_CONFIG)" JUPYTER_CONFIG_PATH="$(APP_CONFIG)"' in makefile
    assert "\t$(ARTICLE_ENV) $(APP_ENV) $(BIN)/voila notebooks\n" in makefile  # ARTICLE=PACK as for `make lab`


def test_voila_listens_on_loopback_hides_code_and_uses_the_offline_template() -> None:
    config = json.loads((APP_CONFIG / "voila.json").read_text(encoding="utf-8"))
    assert config["Voila"]["ip"] == "127.0.0.1"
    assert config["VoilaConfiguration"]["template"] == TEMPLATE.name
    assert config["VoilaConfiguration"]["strip_sources"] is True
    assert json.loads((TEMPLATE / "conf.json").read_text(encoding="utf-8")) == {"base_template": "lab"}


def test_the_app_template_names_no_address_outside_the_computer() -> None:
    """The browser test catches what Voila adds; this catches an address written into the kit's own template."""
    files = sorted(p for p in TEMPLATE.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"conf.json", "index.html.j2", "page.html", "tree.html"}
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[\w.-]+\.[a-z]{2,}", text, re.I), f"{path.name} names an outside address"


def test_a_kernel_started_in_notebooks_saves_in_the_kits_my_answers(tmp_path: Path) -> None:
    """Voila runs each lesson's kernel with notebooks/ as its working folder. The kit is found beside an
    editable install, and otherwise from that working folder: answers go to the kit's my-answers/ both ways."""
    shutil.copytree(ROOT / "src" / "sourcelab", tmp_path / "sourcelab")  # a copy that is not beside the kit
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOURCELAB_")}
    probe = "import sourcelab, sourcelab.config as c; print(sourcelab.__file__); print(c.load_settings().answers_dir)"
    for pythonpath in (None, str(tmp_path)):
        run_env = env | ({"PYTHONPATH": pythonpath} if pythonpath else {})
        out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT / "notebooks", env=run_env,
                             capture_output=True, text=True, check=True).stdout.splitlines()
        package, answers = Path(out[0]), Path(out[1])
        assert package.is_relative_to(Path(pythonpath or ROOT / "src")), package
        assert answers == ROOT / "my-answers"
