"""Writing a file so that a crash, a full disk or a killed kernel never leaves half of it behind."""
from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _temporary(path: Path) -> tuple[int, Path]:
    """A new file beside `path`, created with mode 0666 less the umask, as any other file the user saves
    (tempfile.mkstemp would make it 0600: a report copied to a shared folder would be unreadable)."""
    while True:
        temporary = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"  # progress.py cleans these up
        try:
            return os.open(temporary, CREATE, 0o666), temporary
        except FileExistsError:  # pragma: no cover - 48 random bits: practically never
            continue


def _write_atomic(path: Path, content: str | bytes, newline: str | None = None, durable: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _temporary(path)
    try:
        text = isinstance(content, str)
        with os.fdopen(handle, "w" if text else "wb", encoding="utf-8" if text else None,
                       newline=newline if text else None) as stream:
            stream.write(content)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, newline: str | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path` (`newline` as in
    open(): "" writes line ends exactly as given, as a CSV file needs)."""
    _write_atomic(path, text, newline)


def write_bytes_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """The same for bytes. `durable=False` skips the flush to disk, for a cache: readers still see the whole
    file or none, and a file a power cut empties is made again."""
    _write_atomic(path, data, durable=durable)


def write_json_atomic(path: Path, document: Any) -> None:
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
