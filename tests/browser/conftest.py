"""Browser smoke tests: JupyterLab in Debian's headless Chromium, driven by Playwright.

Nothing here downloads a browser: Playwright is pointed at the system Chromium
(Debian package ``chromium``).  Without it (or without the ``playwright``
package) the tests are skipped, except under ``CI=true`` where they fail.

Fixtures
    lab_root    folder JupyterLab serves; the repo root.  Override it in a nearer
                conftest.py to serve another folder.
    lab_server  one JupyterLab server for the session (see ``LabServer``).
    browser     one headless Chromium for the session.
    lab         a fresh page for one test, with the helpers of ``LabPage``.
    page_on     the same for a page on another server (test_app.py's Voila).

The server's kernels save students' answers (``SOURCELAB_ANSWERS``) in the server's own temp
folder, so a browser test starts with no saved answers and never touches my-answers/.

Screenshots go to tests/browser/artifacts/ (or $SOURCELAB_BROWSER_ARTIFACTS);
a failing test leaves ``FAILED-<test>.png`` and its browser console there.
"""

from __future__ import annotations

import contextlib
import importlib.util
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("SOURCELAB_BROWSER_ARTIFACTS", Path(__file__).parent / "artifacts"))

CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--no-proxy-server",  # everything is on 127.0.0.1; never go through a proxy from the environment
]

SERVER_START_TIMEOUT = 60  # s until /api/status answers
SERVER_STOP_TIMEOUT = 10  # s for each shutdown step
PAGE_TIMEOUT_MS = 15_000  # default for every Playwright wait
OPEN_TIMEOUT_MS = 30_000  # page load + kernel start
RUN_TIMEOUT_MS = 45_000  # running all cells

# An opener that ignores http_proxy & co: the server is on 127.0.0.1.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --------------------------------------------------------------------- skipping


def _missing(reason: str):
    """Skip, or fail under CI=true: CI must run the browser tests."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _missing("Chromium not found: install Debian package chromium to run browser tests")
    if importlib.util.find_spec("playwright") is None:
        _missing("playwright (Python) not installed: run `make setup` (pip install -e '.[test]')")
    return path


# ----------------------------------------------------------------------- server


def digest(path: Path) -> str:
    """A notebook file's fingerprint: running a lesson in the browser must leave its file unchanged."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class LabServer:
    """A running ``jupyter lab``: ``url(path)`` builds an authenticated address."""

    root: Path
    port: int
    token: str
    log: Path
    proc: subprocess.Popen = field(repr=False)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(self.url(path), method=method)
        with _LOCAL.open(req, timeout=5) as resp:
            body = resp.read()
        return json.loads(body) if body else {}

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log, lines)


def start_lab(root: Path, workdir: Path, extra_args: Sequence[str] = ()) -> LabServer:
    """Start ``python -m jupyter lab`` on ``root``; every piece of user state lives in ``workdir``.

    Uses the same Python as pytest, so the kernel and the installed extensions
    (ipywidgets) are the project's.  The environment's app settings
    (.venv/share/jupyter/lab/settings/overrides.json, written by the Makefile)
    still apply: that is what students get.
    """
    root = Path(root).resolve()
    names = ("runtime", "config", "data", "ipython", "user-settings", "workspaces", "checkpoints", "answers")
    dirs = {name: workdir / name for name in names}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    # Autosave off: running the notebook in the browser must never write outputs into the repo.
    docmanager = dirs["user-settings"] / "@jupyterlab" / "docmanager-extension"
    docmanager.mkdir(parents=True, exist_ok=True)
    (docmanager / "plugin.jupyterlab-settings").write_text('{"autosave": false}\n', encoding="utf-8")

    env = dict(os.environ)
    for var in ("JUPYTER_TOKEN", "JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_SETTINGS_DIR",
                "JUPYTERLAB_WORKSPACES_DIR", "JUPYTER_PREFER_ENV_PATH"):
        env.pop(var, None)
    env.update(
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_CONFIG_DIR=str(dirs["config"]),  # no ~/.jupyter config
        JUPYTER_DATA_DIR=str(dirs["data"]),  # no user kernelspecs or extensions
        IPYTHONDIR=str(dirs["ipython"]),  # no user IPython start-up files in the kernel
        SOURCELAB_ANSWERS=str(dirs["answers"]),  # answers clicked in the browser: fresh, and never in my-answers/
        JUPYTER_PLATFORM_DIRS="1",
        PYTHONUNBUFFERED="1",
    )

    last_error = ""
    for _attempt in range(3):  # a fresh port if another process grabbed ours meanwhile
        port, token = free_port(), secrets.token_hex(24)
        log = workdir / f"jupyterlab-{port}.log"
        cmd = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",  # fail, don't silently move to another port
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={dirs['user-settings']}",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
            # Opening a notebook creates a checkpoint: keep it out of the repo (absolute dir = one temp dir).
            f"--FileCheckpoints.checkpoint_dir={dirs['checkpoints']}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: run commands, read kernel state
            "--ServerApp.terminals_enabled=False",
            "--LabApp.extension_manager=readonly",  # as `make lab`: no package index is contacted
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # CI and the dev machines run as root
        cmd.extend(extra_args)
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in the terminal reaches pytest, which then stops us cleanly
            )
        server = LabServer(root=root, port=port, token=token, log=log, proc=proc)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                server.api("api/status")
                return server
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.25)
        if proc.poll() is None:
            stop_lab(server)
            raise RuntimeError(
                f"JupyterLab did not answer {server.base}/api/status within {SERVER_START_TIMEOUT} s.\n"
                f"Command: {' '.join(cmd[:4])} ...\nLog {log} (last lines):\n{server.log_tail()}"
            )
        last_error = f"JupyterLab exited with code {proc.returncode}.\nLog {log} (last lines):\n{server.log_tail()}"
        if "address already in use" not in last_error.lower():
            break
    raise RuntimeError(last_error)


def stop_lab(server: LabServer) -> None:
    """Ask the server to shut down (it stops its kernels), then SIGTERM, then SIGKILL."""
    proc = server.proc
    if proc.poll() is None:
        with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
            server.api("api/shutdown", method="POST")
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                proc.wait(timeout=SERVER_STOP_TIMEOUT)
                break
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, sig)  # its own session: take stray children with it
        proc.wait(timeout=SERVER_STOP_TIMEOUT)


@pytest.fixture(scope="session")
def lab_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="package")  # stopped right after the browser tests, before nbval starts kernels
def lab_server(chromium_path, lab_root, tmp_path_factory):
    server = start_lab(lab_root, tmp_path_factory.mktemp("jupyterlab"))
    try:
        yield server
    finally:
        stop_lab(server)


# ---------------------------------------------------------------------- browser


@pytest.fixture(scope="package")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# JavaScript run in the page.  window.jupyterapp exists thanks to --LabApp.expose_app_in_browser.
_JS_FIND_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path) return w;
  }
  return null;
}
"""

_JS_KERNEL_IDLE = f"""
(path) => {{
  const panel = ({_JS_FIND_PANEL})(path);
  if (!panel || !panel.context.isReady || !panel.sessionContext.isReady) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle' || kernel.connectionStatus !== 'connected') return false;
  // No cell waiting or running: a prompt shows "[*]" then.
  return !Array.from(panel.node.querySelectorAll('.jp-InputArea-prompt'))
    .some(p => p.textContent.includes('*'));
}}
"""

_JS_RUN_ALL = f"""
async ([path, timeoutMs]) => {{
  const app = window.jupyterapp;
  const panel = ({_JS_FIND_PANEL})(path);
  app.shell.activateById(panel.id);
  // notebook:run-all-cells resolves once every cell has finished executing.
  const run = app.commands.execute('notebook:run-all-cells');
  const timer = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('Run All Cells did not finish within ' + timeoutMs + ' ms')), timeoutMs));
  await Promise.race([run, timer]);
  const errors = [];
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (const out of cell.outputs.toJSON()) {{
      if (out.output_type === 'error') errors.push({{cell: i, ename: out.ename, evalue: out.evalue}});
    }}
  }}
  return errors;
}}
"""


_JS_SCROLL_TO_CELL = f"""
async ([path, text]) => {{
  const panel = ({_JS_FIND_PANEL})(path);
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    if (cells.get(i).sharedModel.getSource().includes(text)) {{
      await panel.content.scrollToItem(i, 'start');  // attaches the cell even in windowed ("full") mode
      return i;
    }}
  }}
  return -1;
}}
"""


class LabPage:
    """One Playwright page on the lab server, with the few steps the tests need."""

    def __init__(self, page, server: LabServer, name: str):
        self.page = page
        self.server = server
        self.name = name
        self.console: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console.append(f"pageerror: {exc}"))

    def _on_console(self, msg) -> None:
        if msg.type in ("error", "warning"):
            self.console.append(f"{msg.type}: {msg.text}")

    def _wait_idle(self, timeout_ms: int, what: str) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(_JS_KERNEL_IDLE, arg=self.path, timeout=timeout_ms, polling=200)
        except PlaywrightTimeout:
            raise AssertionError(
                f"{what}: {self.path} had no idle kernel after {timeout_ms / 1000:.0f} s "
                f"(no kernelspec in the notebook? kernel dead?). Browser console: {self.console[-5:]}\n"
                f"Server log (last lines):\n{self.server.log_tail(15)}"
            ) from None

    def open_notebook(self, path: str, timeout_ms: int = OPEN_TIMEOUT_MS) -> None:
        """Open ``path`` (relative to the server root) and wait until its kernel is idle."""
        self.path = path
        self.page.goto(self.server.url(f"lab/tree/{path}"), wait_until="domcontentloaded", timeout=timeout_ms)
        self._wait_idle(timeout_ms, "opening")

    def run_all_cells(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Run All Cells, wait until no cell shows [*] and the kernel is idle; fail on any error output."""
        errors = self.page.evaluate(_JS_RUN_ALL, [self.path, timeout_ms])
        self._wait_idle(timeout_ms, "after Run All Cells")
        assert not errors, f"cells raised errors in {self.path}: {errors}"

    def run_lesson(self, notebook: str) -> tuple[Path, str]:
        """Open a lesson and Run All Cells; returns its file and that file's fingerprint before the run, so a
        test can check at the end that running the lesson left the file unchanged."""
        path = self.server.root / notebook
        assert path.is_file(), f"{notebook} is missing under {self.server.root}: the browser test has nothing to open"
        before = digest(path)
        self.open_notebook(notebook)
        self.run_all_cells()  # fails, naming the cell, if any cell raised
        return path, before

    def scroll_to_cell(self, text: str) -> int:
        """Scroll the open notebook to the first cell whose source contains ``text``; return its index."""
        index = self.page.evaluate(_JS_SCROLL_TO_CELL, [self.path, text])
        assert index >= 0, f"no cell of {self.path} contains {text!r}"
        return index

    def screenshot(self, name: str | None = None, element=None) -> Path:
        """Save a PNG for humans under ARTIFACTS (the window, or just ``element``, a Locator)."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name or self.name}.png"
        (element or self.page).screenshot(path=str(path))
        return path


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@contextlib.contextmanager
def page_on(browser, server, request):
    """A fresh browser context and page on ``server`` (anything with ``root``, ``url`` and ``log_tail``) for
    one test; if the test failed, its screenshot and browser console are left in ARTIFACTS."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    helper = LabPage(context.new_page(), server, safe)
    try:
        yield helper
    finally:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            with contextlib.suppress(Exception):
                shot = helper.screenshot(f"FAILED-{safe}")
                (ARTIFACTS / f"FAILED-{safe}.console.txt").write_text("\n".join(helper.console) + "\n", encoding="utf-8")
                print(f"screenshot: {shot}\nserver log tail:\n{server.log_tail(20)}")
        context.close()


@pytest.fixture
def lab(browser, lab_server, request):
    with page_on(browser, lab_server, request) as helper:
        yield helper
    # Stop the kernels this test started: nothing keeps running beside the rest of `make test`.
    with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
        for session in lab_server.api("api/sessions"):
            lab_server.api(f"api/sessions/{session['id']}", method="DELETE")


AXE_COUNTS = pytest.StashKey[dict]()  # lesson -> violating nodes by impact, filled by test_accessibility.py


def pytest_terminal_summary(terminalreporter, config) -> None:
    """The accessibility audit's counts, at the end of the run (also in artifacts/axe-summary.json)."""
    counts = config.stash.get(AXE_COUNTS, {})
    if not counts:
        return
    terminalreporter.section("axe-core: violating nodes by impact, in the kit's output areas")
    terminalreporter.write_line(f"{'lesson':32} minor moderate serious critical")
    for lesson, by_impact in sorted(counts.items()):
        terminalreporter.write_line(f"{lesson:32} {by_impact['minor']:5} {by_impact['moderate']:8} "
                                    f"{by_impact['serious']:7} {by_impact['critical']:8}")


def pytest_collection_modifyitems(items) -> None:
    """The browser tests run the lessons as shipped: the lab server reads the configured exercise files."""
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.shipped)
