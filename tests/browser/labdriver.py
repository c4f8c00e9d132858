"""JupyterLab in Debian's headless Chromium, without pytest: what the browser tests and `make bench` share.

`start_lab` starts one JupyterLab server whose user state (settings, kernels' saved answers, checkpoints)
lives in a temporary folder; `launch_chromium` opens the system Chromium through Playwright (nothing is
downloaded); the `JS_*` snippets find a notebook's panel and tell when its kernel is idle. The pytest fixtures
built on these are in conftest.py; tools/bench.py times Run All with them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
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


def find_chromium() -> str | None:
    for path in CHROMIUM_CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")





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

    def notebook_url(self, path: str) -> str:
        """The notebook at `path` (relative to the root) alone on the page: `reset` keeps JupyterLab from
        reopening the notebooks an earlier page had open, each of which would start a kernel of its own."""
        return self.url(f"lab/tree/{path}?reset")

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


def launch_chromium(playwright, path: str):
    """The system Chromium, headless, with the flags that keep it off the network."""
    return playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)


def end_sessions(server: LabServer) -> None:
    """Stop every kernel the server runs (a closed page leaves its kernel running)."""
    with contextlib.suppress(urllib.error.URLError, OSError, ValueError):
        for session in server.api("api/sessions"):
            server.api(f"api/sessions/{session['id']}", method="DELETE")


# JavaScript run in the page.  window.jupyterapp exists thanks to --LabApp.expose_app_in_browser.
JS_FIND_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path) return w;
  }
  return null;
}
"""

JS_KERNEL_IDLE = f"""
(path) => {{
  const panel = ({JS_FIND_PANEL})(path);
  if (!panel || !panel.context.isReady || !panel.sessionContext.isReady) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle' || kernel.connectionStatus !== 'connected') return false;
  // No cell waiting or running: a prompt shows "[*]" then.
  return !Array.from(panel.node.querySelectorAll('.jp-InputArea-prompt'))
    .some(p => p.textContent.includes('*'));
}}
"""

JS_RUN_ALL = f"""
async ([path, timeoutMs]) => {{
  const app = window.jupyterapp;
  const panel = ({JS_FIND_PANEL})(path);
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


JS_SCROLL_TO_CELL = f"""
async ([path, text]) => {{
  const panel = ({JS_FIND_PANEL})(path);
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
