"""A JupyterHub and its proxy on 127.0.0.1, in a temporary folder, and the means to end all they started.

Ports are picked free at start; every process of the run (hub, proxy, students' servers, kernels) carries
SOURCELAB_LOADTEST_RUN=<run id> in its environment, so `stop` finds each one in /proc even if the hub died.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.browser.labdriver import _tail, free_port

from .procmem import run_processes

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
CONFIG = Path(__file__).resolve().parent / "loadtest_config.py"
RUN_ENV = "SOURCELAB_LOADTEST_RUN"
HUB_START_TIMEOUT = 60  # s until the hub answers
STOP_TIMEOUT = 20  # s for the hub to stop the servers itself, plus STOP_PER_STUDENT for each server
STOP_PER_STUDENT = 1.5  # measured: 50 servers stopping at once on 2 cores take longer than 20 s
PASSWORD_BYTES = 12


def find_proxy() -> Path | None:
    """configurable-http-proxy: from deploy/jupyterhub/node_modules (`npm ci`), else on PATH."""
    local = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return local
    found = shutil.which("configurable-http-proxy")
    return Path(found) if found else None


@dataclass
class Hub:
    """A running hub: its public address, the load tester's admin token, the shared student password."""

    work: Path
    port: int
    api_token: str
    password: str
    run_id: str
    log: Path
    proc: subprocess.Popen = field(repr=False)
    students: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, name: str) -> Path:
        return self.work / "homes" / name

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """The hub's REST API with the load tester's service token (creating students, stopping servers)."""
        with requests.Session() as session:
            session.trust_env = False  # everything is on 127.0.0.1: never through a proxy from the environment
            return session.request(method, f"{self.url}/hub/api/{path.lstrip('/')}", timeout=30,
                                   headers={"Authorization": f"token {self.api_token}"}, **kwargs)

    def create_students(self, names: list[str]) -> None:
        reply = self.api("POST", "users", json={"usernames": names})
        if reply.status_code not in (201, 409):
            raise RuntimeError(f"creating students failed: {reply.status_code} {reply.text[:300]}")

    def start_servers(self, names: list[str], timeout: float) -> float:
        """Start every student's server before they log in, as an admin's "Start All" does; return the seconds
        until all answer. A start request the busy hub does not answer in time still starts the server: it is
        polled like the others. Raises TimeoutError if they are not all ready within `timeout`."""
        started = time.monotonic()

        def start(name: str) -> None:
            with contextlib.suppress(requests.Timeout):  # the hub answers a start only after up to 10 s
                reply = self.api("POST", f"users/{name}/server")
                if reply.status_code not in (201, 202, 400):  # 400: already running
                    raise RuntimeError(f"starting {name}'s server failed: {reply.status_code} {reply.text[:300]}")

        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            list(pool.map(start, names))
        waiting = set(names)
        while waiting:
            if time.monotonic() - started > timeout:
                raise TimeoutError(f"{len(waiting)} server(s) not ready within {timeout:.0f} s")
            time.sleep(1.0)
            with contextlib.suppress(requests.Timeout):
                for user in self.api("GET", "users", params={"state": "ready"}).json():
                    waiting.discard(user["name"])
        return time.monotonic() - started

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log, lines)


def start_hub(work: Path, students: int) -> Hub:
    """Write the run's settings, start `jupyterhub` with tools/hubload/loadtest_config.py, wait until it answers."""
    proxy = find_proxy()
    if proxy is None:
        raise RuntimeError("configurable-http-proxy not found: run `make hub-setup` (npm ci in deploy/jupyterhub)")
    work.mkdir(parents=True, exist_ok=True)
    (work / "homes").mkdir(exist_ok=True)
    run_id = secrets.token_hex(8)
    settings = {"work": str(work), "deploy_dir": str(DEPLOY), "proxy": str(proxy), "students": students,
                "port": free_port(), "hub_port": free_port(), "proxy_api_port": free_port(),
                "proxy_token": secrets.token_hex(32), "api_token": secrets.token_hex(32),
                "cookie_secret": secrets.token_hex(32), "password": secrets.token_urlsafe(PASSWORD_BYTES),
                "run_id": run_id}
    settings_file = work / "loadtest.json"
    settings_file.write_text(json.dumps(settings), encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "SOURCELAB_"))}
    env.update(SOURCELAB_LOADTEST=str(settings_file), **{RUN_ENV: run_id})
    log = work / "jupyterhub.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], cwd=work, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # Ctrl-C reaches the load tester, which stops the hub
    hub = Hub(work, settings["port"], settings["api_token"], settings["password"], run_id, log, proc, students)
    deadline = time.monotonic() + HUB_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with code {proc.returncode}:\n{hub.log_tail()}")
        with contextlib.suppress(requests.RequestException):
            if hub.api("GET", "").status_code == 200:
                return hub
        time.sleep(0.3)
    stop_hub(hub)
    raise RuntimeError(f"JupyterHub did not answer within {HUB_START_TIMEOUT} s:\n{hub.log_tail()}")


def stop_hub(hub: Hub) -> int:
    """SIGTERM the hub (it stops every server and the proxy), then SIGKILL whatever of the run is left.

    Returns how many processes had to be killed by hand (0 when the hub cleaned up after itself).
    """
    if hub.proc.poll() is None:
        hub.proc.send_signal(signal.SIGTERM)
        try:
            hub.proc.wait(timeout=STOP_TIMEOUT + STOP_PER_STUDENT * hub.students)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(hub.proc.pid, signal.SIGKILL)
            hub.proc.wait(timeout=STOP_TIMEOUT)
    left = [p.pid for p in run_processes(RUN_ENV, hub.run_id)]
    for pid in left:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    return len(left)
