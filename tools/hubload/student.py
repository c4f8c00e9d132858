"""One student's period, as their browser would live it, through the hub and their own server's API.

1. login: GET /hub/login, POST the form (name, password, _xsrf); JupyterHub starts the student's server.
2. spawn: follow /hub/spawn-pending/NAME until it sends the browser on to /user/NAME/, through the server's OAuth
   round trip (/hub/api/oauth2/authorize -> /user/NAME/oauth_callback), which sets the server's cookie.
3. lesson 1 (LESSON): fetched with the contents API, a kernel started with the sessions API (as JupyterLab does:
   the kernel runs in the notebook's folder), every code cell run in order over the kernel's websocket.
4. answers: code run in that kernel uses the widgets Run All put on the page (they are in IPython's Out): it types
   the name in the name box and presses Save my name, chooses answers in an exercise, and presses
   Export my answers. That is the kit's own recording path, not a shortcut around it.

Time to first widget: from the first request of the login (1.) until the kernel running lesson 1 sends the first
message that puts a widget view on the page (a display message with the widget-view MIME type), as received by
this client over the websocket. Spawn time: from posting the login form until the student's server has answered
the start page.
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from urllib.parse import urlparse

import requests

from .kernel import KernelSocket

LESSON = "source-lab/01_who_is_speaking_part1.ipynb"
EXERCISE = "quote-type"  # the lesson's exercise answered by the load test
ANSWERED_ITEMS = 3
XSRF_FIELD = re.compile(r'name="_xsrf"\s+value="([^"]+)"')


@dataclass(frozen=True)
class Limits:
    """Per-step timeouts (seconds): a step that takes longer fails the student, it never hangs the run."""

    request: float = 60
    spawn: float = 240
    kernel: float = 120
    cell: float = 180


@dataclass
class StudentResult:
    name: str
    step: str = "login"  # the step reached; where it failed, if it did
    error: str = ""
    spawn_s: float | None = None
    first_widget_s: float | None = None
    lesson_s: float | None = None  # login to the end of the lesson's last cell
    widget_models: int = 0
    widget_views: int = 0
    oauth_callback: bool = False  # the server's OAuth callback was passed through
    keyboard_settings: bool = False  # the server's JupyterLab has the kit's shortcut settings
    answers_saved: int = 0
    export: str = ""  # the submission file the kit wrote (a path on the student's server)
    answers_dir: str = ""  # where the kit in the student's kernel saves answers
    cache_dir: str = ""  # ... and keeps the figures it draws

    @property
    def ok(self) -> bool:
        return not self.error


def display_name(name: str) -> str:
    """What the student types in the name box: "student07" -> "Student 07"."""
    return re.sub(r"^([a-z]+)(\d+)$", lambda m: f"{m[1].title()} {m[2]}", name)


ANSWER_CODE = """
import json as _json
from sourcelab.config import load_settings as _settings
from sourcelab.widgets.saving import ExportButton as _Export, StudentBox as _Box
_views = list(Out.values())
_box = next(v for v in _views if isinstance(v, _Box))
_box.name.value = {name!r}
_box.save_button.click()
_exercise = next(v for v in _views if getattr(getattr(getattr(v, "exercise", None), "spec", None), "id", "") == {exercise!r})
_saved = 0
for _item in _exercise.exercise.items[:{count}]:
    _exercise.choose(_item.id, _item.options[0])
    _saved += "Saved for" in _exercise.status.value
_export = next(v for v in _views if isinstance(v, _Export))
_export.button.click()
_path = _export.status.value.split("Exported to ", 1)[-1].split(". Hand", 1)[0]
print("LOADTEST " + _json.dumps({{"saved": _saved, "export": _path, "answers_dir": str(_box.answers_dir),
                                 "cache_dir": str(_settings().cache_dir), "status": _export.status.value}}))
"""


def _checked(reply: requests.Response) -> requests.Response:
    """The reply, or an error naming each step of its redirect chain and what the failing page said."""
    if reply.status_code >= 400:
        chain = " -> ".join(f"{r.status_code} {urlparse(r.url).path}" for r in (*reply.history, reply))
        raise RuntimeError(f"{chain}: {' '.join(reply.text.split())[:200]}")
    return reply


class Student:
    """A browser's worth of state for one student: a cookie jar and the hub's address."""

    def __init__(self, hub_url: str, name: str, password: str, limits: Limits) -> None:
        self.hub, self.name, self.password, self.limits = hub_url, name, password, limits
        self.http = requests.Session()
        self.http.trust_env = False  # 127.0.0.1 only: never through a proxy from the environment
        self.server = f"{hub_url}/user/{name}"
        self.result = StudentResult(name)

    def run(self) -> StudentResult:
        started = time.monotonic()
        try:
            self._login_and_spawn(started)
            self.result.step = "settings"
            self._check_keyboard_settings()
            self.result.step = "lesson"
            self._run_lesson(started)
        except Exception as error:  # every failure is counted and reported, none stops the other students
            self.result.error = f"{type(error).__name__}: {error}"[:500]
        finally:
            self.http.close()
        return self.result

    def _get(self, url: str, **kwargs) -> requests.Response:
        return _checked(self.http.get(url, timeout=self.limits.request, **kwargs))

    def _login_and_spawn(self, started: float) -> None:
        form = self._get(f"{self.hub}/hub/login")
        token = XSRF_FIELD.search(form.text)
        if not token:
            raise RuntimeError("the login page has no _xsrf field")
        posted = time.monotonic()
        reply = _checked(self.http.post(f"{self.hub}/hub/login?next=", timeout=self.limits.request,
                                        data={"username": self.name, "password": self.password, "_xsrf": token[1]}))
        if urlparse(reply.url).path.startswith("/hub/login"):
            raise RuntimeError("login refused")
        self.result.step = "spawn"
        deadline = posted + self.limits.spawn
        while not urlparse(reply.url).path.startswith(f"/user/{self.name}/"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"server not ready within {self.limits.spawn:.0f} s (last page {reply.url})")
            time.sleep(0.5)
            reply = self._get(f"{self.hub}/hub/spawn-pending/{self.name}")
        self.result.spawn_s = time.monotonic() - posted
        self.result.oauth_callback = any("/oauth_callback" in r.url for r in reply.history)

    def _xsrf(self) -> str:
        return self.http.cookies.get("_xsrf", path=f"/user/{self.name}/") or ""

    def _check_keyboard_settings(self) -> None:
        """The arrow-key fix (python -m sourcelab.lab_settings) is in the shared environment's JupyterLab."""
        reply = self._get(f"{self.server}/lab/api/settings/@jupyterlab/shortcuts-extension:shortcuts")
        self.result.keyboard_settings = ":not(.jp-OutputArea-output *)" in reply.text
        if not self.result.keyboard_settings:
            raise RuntimeError("the hub's JupyterLab lacks the kit's keyboard settings: run python -m "
                               "sourcelab.lab_settings in the shared environment (docs/deploy.md)")

    def _start_kernel(self) -> str:
        name = LESSON.rsplit("/", 1)[-1]
        reply = self.http.post(f"{self.server}/api/sessions", timeout=self.limits.kernel,
                               headers={"X-XSRFToken": self._xsrf()},
                               json={"path": LESSON, "name": name, "type": "notebook", "kernel": {"name": "python3"}})
        reply.raise_for_status()
        return reply.json()["kernel"]["id"]

    def _run_lesson(self, started: float) -> None:
        notebook = self._get(f"{self.server}/api/contents/{LESSON}", params={"content": 1, "type": "notebook"}).json()
        cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                 for c in notebook["content"]["cells"] if c["cell_type"] == "code"]
        kernel_id = self._start_kernel()
        ws_url = self.server.replace("http://", "ws://", 1) + f"/api/kernels/{kernel_id}/channels"
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies
                           if f"/user/{self.name}/".startswith(c.path) or c.path == "/")
        socket = KernelSocket(ws_url, cookie, timeout=self.limits.kernel)
        try:
            for code in cells:
                socket.execute(code, self.limits.cell)
            tally = socket.tally
            self.result.lesson_s = time.monotonic() - started
            self.result.widget_models, self.result.widget_views = tally.widget_models, tally.widget_views
            if tally.first_view is None:
                raise RuntimeError("lesson 1 ran without showing a widget")
            self.result.first_widget_s = tally.first_view - started
            self.result.step = "answers"
            socket.execute(ANSWER_CODE.format(name=display_name(self.name), exercise=EXERCISE,
                                              count=ANSWERED_ITEMS), self.limits.cell)
            report = next(line for text in tally.stdout for line in text.splitlines() if line.startswith("LOADTEST "))
            answers = json.loads(report.removeprefix("LOADTEST "))
            self.result.answers_saved, self.result.export = answers["saved"], answers["export"]
            self.result.answers_dir, self.result.cache_dir = answers["answers_dir"], answers["cache_dir"]
            if answers["saved"] != ANSWERED_ITEMS or "Not exported" in answers["status"]:
                raise RuntimeError(f"answers not recorded as expected: {answers}")
            self.result.step = "done"
        finally:
            socket.close()
