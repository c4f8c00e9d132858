"""An exclusive lock around read-merge-write, so two kernels saving one student's exercise never lose answers.

The lock is an operating-system lock on a small `<file>.lock` beside the file: the system releases it
when the process dies, even by `kill -9`, so a crashed kernel never blocks the next one. Where no lock is
available (an unusual platform, or a folder that cannot hold the lock file), work goes on unlocked: the
write itself stays atomic.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


@contextmanager
def locked(path: Path) -> Iterator[bool]:
    """Hold the lock for `path` (waiting for another holder); yields whether a lock is actually held."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield False
        return
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(handle, msvcrt.LK_LOCK, 1)
        yield fcntl is not None or msvcrt is not None
    finally:
        os.close(handle)  # closing releases the lock
