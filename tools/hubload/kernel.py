"""Run code on a kernel of a student's server the way JupyterLab does: over the kernel's websocket.

Messages use the server's JSON websocket protocol (one JSON text frame per message; a message with binary buffers
comes as one binary frame, whose first part is the JSON). Widgets are counted as the kernel announces them:
a `comm_open` to target `jupyter.widget` per widget model, and a display message carrying the widget-view MIME
type when one is put on the page (`first_view` is the moment of the first of these).
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import websocket

WIDGET_TARGET = "jupyter.widget"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class CellError(RuntimeError):
    """A cell raised, or the kernel did not finish it in time."""


@dataclass
class KernelTally:
    """What the kernel sent back while running cells."""

    widget_models: int = 0  # comm_open to jupyter.widget
    widget_views: int = 0  # display_data / execute_result with a widget view
    first_view: float | None = None  # time.monotonic() of the first widget view
    stdout: list[str] = field(default_factory=list)


def _decode(frame: str | bytes) -> dict[str, Any]:
    if isinstance(frame, bytes):  # [n][offset 0]...[offset n-1] then the parts; part 0 is the JSON message
        count = int.from_bytes(frame[:4], "big")
        offsets = [int.from_bytes(frame[4 * (i + 1):4 * (i + 2)], "big") for i in range(count)]
        end = offsets[1] if count > 1 else len(frame)
        return json.loads(frame[offsets[0]:end])
    return json.loads(frame)


class KernelSocket:
    """One websocket to one kernel (cookies of the student's logged-in session)."""

    def __init__(self, url: str, cookie: str, timeout: float) -> None:
        self.session = uuid.uuid4().hex
        self.ws = websocket.create_connection(f"{url}?session_id={self.session}", cookie=cookie, timeout=timeout,
                                              http_proxy_host=None, http_no_proxy=["127.0.0.1", "localhost"])
        self.tally = KernelTally()

    def close(self) -> None:
        self.ws.close()

    def execute(self, code: str, timeout: float) -> None:
        """Run one cell; return when the kernel is idle again. Raises CellError on an error or a timeout."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "student", "session": self.session, "date": "",
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        deadline = time.monotonic() + timeout
        replied = idle = False
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise CellError(f"cell not finished within {timeout:.0f} s: {code[:60]!r}")
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                message = _decode(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                continue
            kind, content = message.get("msg_type"), message.get("content", {})
            if kind == "comm_open" and content.get("target_name") == WIDGET_TARGET:
                self.tally.widget_models += 1
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind in ("display_data", "execute_result") and WIDGET_VIEW in content.get("data", {}):
                self.tally.widget_views += 1
                if self.tally.first_view is None:
                    self.tally.first_view = time.monotonic()
            elif kind == "stream" and content.get("name") == "stdout":
                self.tally.stdout.append(content.get("text", ""))
            elif kind == "error":
                raise CellError(f"{content.get('ename')}: {content.get('evalue')} in {code[:60]!r}")
            elif kind == "execute_reply":
                replied = True
                if content.get("status") != "ok":
                    raise CellError(f"execute_reply {content.get('status')} in {code[:60]!r}")
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
