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
import os
import re
from pathlib import Path

import pytest

# The server, the browser and the page's JavaScript live in labdriver.py, shared with tools/bench.py.
from .labdriver import (JS_KERNEL_IDLE, JS_RUN_ALL, JS_SCROLL_TO_CELL, OPEN_TIMEOUT_MS, PAGE_TIMEOUT_MS, RUN_TIMEOUT_MS,
                        LabServer, digest, end_sessions, find_chromium, launch_chromium, start_lab, stop_lab)
# Imported from here by test_app.py and test_accessibility.py (the latter under the name the helper had here).
from .labdriver import SERVER_START_TIMEOUT, SERVER_STOP_TIMEOUT, _LOCAL, free_port  # noqa: F401
from .labdriver import JS_FIND_PANEL as _JS_FIND_PANEL  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("SOURCELAB_BROWSER_ARTIFACTS", Path(__file__).parent / "artifacts"))


# --------------------------------------------------------------------- skipping


def _missing(reason: str):
    """Skip, or fail under CI=true: CI must run the browser tests."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        _missing("Chromium not found: install Debian package chromium to run browser tests")
    if importlib.util.find_spec("playwright") is None:
        _missing("playwright (Python) not installed: run `make setup` (pip install -e '.[test]')")
    return path


# ----------------------------------------------------------------------- server


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
        chromium = launch_chromium(pw, chromium_path)
        try:
            yield chromium
        finally:
            chromium.close()


# ------------------------------------------------------------------------- page


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
            self.page.wait_for_function(JS_KERNEL_IDLE, arg=self.path, timeout=timeout_ms, polling=200)
        except PlaywrightTimeout:
            raise AssertionError(
                f"{what}: {self.path} had no idle kernel after {timeout_ms / 1000:.0f} s "
                f"(no kernelspec in the notebook? kernel dead?). Browser console: {self.console[-5:]}\n"
                f"Server log (last lines):\n{self.server.log_tail(15)}"
            ) from None

    def open_notebook(self, path: str, timeout_ms: int = OPEN_TIMEOUT_MS) -> None:
        """Open ``path`` (relative to the server root) and wait until its kernel is idle."""
        self.path = path
        self.page.goto(self.server.notebook_url(path), wait_until="domcontentloaded", timeout=timeout_ms)
        self._wait_idle(timeout_ms, "opening")

    def run_all_cells(self, timeout_ms: int = RUN_TIMEOUT_MS) -> None:
        """Run All Cells, wait until no cell shows [*] and the kernel is idle; fail on any error output."""
        errors = self.page.evaluate(JS_RUN_ALL, [self.path, timeout_ms])
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
        index = self.page.evaluate(JS_SCROLL_TO_CELL, [self.path, text])
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
    end_sessions(lab_server)  # stop the kernels this test started: nothing keeps running beside `make test`


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
