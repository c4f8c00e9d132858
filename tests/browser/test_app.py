"""App mode (`make app`): the lessons in Voila, code hidden, nothing fetched from outside the computer.

Voila is started the way the Makefile's ``app`` target starts it: from the kit's folder, serving notebooks/,
with JUPYTER_PATH and JUPYTER_CONFIG_PATH at config/jupyter, so that it reads config/jupyter/voila.json
(127.0.0.1 only, the list of lessons first, the page template ``sourcelab``) and the template beside it. Only
the port (a free one) and ``--no-browser`` are the test's own; answers are saved in a temporary folder.

The page records every request it makes: one to any host but 127.0.0.1/localhost fails the test (Voila's own
lab template would ask cdn.jsdelivr.net for Font Awesome). Font Awesome must still render: its font file comes
from Voila on 127.0.0.1 with status 200 and the icon on *Save my name* is drawn in that font.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from sourcelab.loading import load_exercises
from sourcelab.progress import ProgressStore, read_student

from .conftest import (REPO_ROOT, SERVER_START_TIMEOUT, SERVER_STOP_TIMEOUT, _LOCAL, LabServer, free_port,
                       page_on)
from .test_lesson1 import GRADE_TIMEOUT_MS, _chooser, _feedback

APP_CONFIG = REPO_ROOT / "config" / "jupyter"  # the Makefile's APP_CONFIG
LESSONS = REPO_ROOT / "notebooks"
LESSON = "01_who_is_speaking_part1.ipynb"
EXERCISE = "quote-type"
STUDENT = "Ana App-Mode"
LOOPBACK = {"127.0.0.1", "localhost"}
APP_OPEN_TIMEOUT_MS = 90_000  # Voila runs every cell before the page is complete
FONT_AWESOME_ICON_JS = """(el) => {
  const before = getComputedStyle(el, '::before');
  const faces = Array.from(document.fonts).filter(f => /Font ?Awesome/i.test(f.family));
  return {family: before.fontFamily, content: before.content,
          loaded: faces.filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)};
}"""


@dataclass
class AppServer(LabServer):
    """A running ``voila notebooks``: no token (Voila on 127.0.0.1 runs the lessons and nothing else)."""

    answers: Path  # SOURCELAB_ANSWERS of its kernels

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"


def start_app(workdir: Path) -> AppServer:
    dirs = {name: workdir / name for name in ("runtime", "config", "data", "ipython", "answers")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(
        JUPYTER_PATH=str(APP_CONFIG), JUPYTER_CONFIG_PATH=str(APP_CONFIG),  # as `make app`
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), JUPYTER_CONFIG_DIR=str(dirs["config"]),
        JUPYTER_DATA_DIR=str(dirs["data"]), IPYTHONDIR=str(dirs["ipython"]),  # no user templates or start-up files
        SOURCELAB_ANSWERS=str(dirs["answers"]), JUPYTER_PLATFORM_DIRS="1", PYTHONUNBUFFERED="1",
    )
    port = free_port()
    log = workdir / f"voila-{port}.log"
    cmd = [sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.port_retries=0", "notebooks"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    server = AppServer(root=LESSONS, port=port, token="", log=log, proc=proc, answers=dirs["answers"])
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with _LOCAL.open(server.url(), timeout=5) as resp:
                if resp.status == 200:
                    return server
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.25)
    stop_app(server)
    raise RuntimeError(f"Voila did not answer {server.base} within {SERVER_START_TIMEOUT} s "
                       f"(exit code {proc.returncode}).\nLog {log}:\n{server.log_tail()}")


def stop_app(server: AppServer) -> None:
    """SIGTERM (Voila then shuts its kernels down), then SIGKILL to its whole session."""
    proc = server.proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=SERVER_STOP_TIMEOUT)


@pytest.fixture(scope="module")
def app_server(chromium_path, tmp_path_factory):
    server = start_app(tmp_path_factory.mktemp("voila"))
    try:
        yield server
    finally:
        stop_app(server)


@pytest.fixture
def app(browser, app_server, request):
    with page_on(browser, app_server, request) as helper:
        yield helper


class Requests:
    """Every request a page makes, and the responses to its font files."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        self.fonts: list[tuple[str, int]] = []
        page.on("request", lambda req: self.urls.append(req.url))
        page.on("response", self._on_response)

    def _on_response(self, resp) -> None:
        if resp.request.resource_type == "font":
            self.fonts.append((resp.url, resp.status))

    def outside(self) -> list[str]:
        """Requests to any host but this computer (data: and blob: URLs stay in the page)."""
        return [u for u in self.urls if urllib.parse.urlsplit(u).scheme not in ("data", "blob")
                and urllib.parse.urlsplit(u).hostname not in LOOPBACK]


def code_lines(notebook: Path) -> list[str]:
    """The lines of the notebook's code cells worth looking for on the page (not blank, not a lone bracket)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = [line.strip() for c in cells if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()]
    return [line for line in lines if len(line) >= 8]


def assert_font_awesome_renders(page, icon, fonts: list[tuple[str, int]]) -> None:
    """``icon`` (an <i class="fa ...">) is drawn with Font Awesome, whose font came from this computer."""
    from playwright.sync_api import expect

    expect(icon).to_be_visible()
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    drawn = icon.evaluate(FONT_AWESOME_ICON_JS)
    assert "Font Awesome" in drawn["family"] and drawn["content"] not in ("none", "normal", ""), drawn
    assert drawn["loaded"], f"no Font Awesome font face was loaded: {drawn}"
    local = [(url, status) for url, status in fonts if urllib.parse.urlsplit(url).hostname in LOOPBACK]
    assert any(status == 200 for _url, status in local), f"no font file came from 127.0.0.1 with status 200: {fonts}"


@pytest.mark.browser
def test_app_mode_lists_the_lessons_hides_code_fetches_nothing_outside_and_saves_answers(app, app_server):
    from playwright.sync_api import expect

    page = app.page
    requests = Requests(page)
    assert f"http://127.0.0.1:{app_server.port}" in app_server.log.read_text(encoding="utf-8"), \
        "Voila should listen on 127.0.0.1 only (config/jupyter/voila.json)"

    # The first page: the lessons in teaching order, as links; the instructor's folder is not among them.
    page.goto(app_server.url(), wait_until="load", timeout=APP_OPEN_TIMEOUT_MS)  # a first request on a busy machine
    lessons = sorted(p.stem for p in LESSONS.glob("*.ipynb"))
    links = page.locator(".voila-notebooks a")
    expect(links).to_have_text(lessons)
    assert_font_awesome_renders(page, links.first.locator("i.fa"), requests.fonts)
    app.screenshot("app-lessons")

    # A student clicks the lesson; it opens in this tab, every cell run, no code shown.
    with page.expect_navigation(wait_until="load", timeout=APP_OPEN_TIMEOUT_MS):
        page.locator(".voila-notebooks a", has_text=Path(LESSON).stem).click()
    assert page.url.startswith(app_server.url(f"voila/render/{LESSON}")), page.url
    save = page.locator("button.sl-student-save").first
    expect(save).to_be_visible(timeout=APP_OPEN_TIMEOUT_MS)
    text = page.locator("body").inner_text()
    assert "There was an error when executing cell" not in text and "Traceback" not in text, app_server.log_tail()
    shown = [line for line in code_lines(LESSONS / LESSON) if line in text]
    assert not shown, f"code of {LESSON} is shown on the page: {shown}"
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .jp-CodeMirrorEditor").count() == 0
    assert_font_awesome_renders(page, save.locator("i.fa"), requests.fonts)
    expect(page.locator(".sl-wordtext .sl-w").first).to_be_visible()  # anywidget's module, from the kernel

    # The student saves a name and answers one item by clicking: the answer is on disk at once.
    page.locator(".sl-student-name input").first.fill(STUDENT)
    save.click()
    expect(page.locator(".sl-student-box").first).to_contain_text(f"Thank you, {STUDENT}", timeout=GRADE_TIMEOUT_MS)
    assert read_student(app_server.answers) == STUDENT

    quote = load_exercises()[EXERCISE]
    item = quote.items[0].id
    answer = quote.reference_answers()[item]
    view = page.locator(f".sl-exercise-view.sl-exercise-{EXERCISE}").first
    chooser = _chooser(view, item)
    button = chooser.locator("button", has_text=re.compile(rf"^\s*{re.escape(answer)}\s*$"))
    button.scroll_into_view_if_needed()
    button.click()
    expect(_feedback(chooser)).to_have_class(re.compile(r"\bsl-feedback-right\b"), timeout=GRADE_TIMEOUT_MS)
    saved_file = ProgressStore(app_server.answers, STUDENT).path(EXERCISE)
    assert saved_file.is_file(), f"no answers file at {saved_file}"
    assert json.loads(saved_file.read_text(encoding="utf-8"))["answers"].get(item) == answer
    app.screenshot("app-lesson1-answered")

    # Export my answers: the file it names exists and holds the answer.
    export = page.locator("button.sl-export").first
    export.scroll_into_view_if_needed()
    export.click()
    status = page.locator(".sl-feedback", has_text="Exported to")
    expect(status).to_be_visible(timeout=GRADE_TIMEOUT_MS)
    exported = Path(re.search(r"Exported to (\S+?\.json)", status.inner_text()).group(1))
    assert exported.is_file() and exported.is_relative_to(app_server.answers), exported
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["student"] == STUDENT
    assert document["exercises"][EXERCISE]["answers"][item] == answer

    outside = requests.outside()
    assert not outside, f"app mode fetched from outside this computer: {outside}"
