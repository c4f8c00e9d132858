"""Figures drawn from the data once, then read back: a lesson that shows a chart need not load matplotlib.

A lesson's chart costs about a second to draw, most of it importing matplotlib, and its picture changes only
when the data, the kit's code or matplotlib changes. So its PNG is kept in a folder (the settings' cache_dir:
SOURCELAB_CACHE, else the user's cache folder) under a key made of all three and of the chart's arguments, and
drawn again only when one of them changed: an instructor's edit to the data shows at once, as before.
A folder that cannot be read or written only means drawing every time, as before. The class report keeps its
SVG charts the same way, keyed by the numbers each shows: run again over the same submissions, it draws nothing.
"""
from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path

from .atomic import write_bytes_atomic
from .model import Annotation

PNG_START, PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"  # a file cut short by a crash ends otherwise
SVG_START, SVG_END = b"<?xml", b"</svg>"
WHOLE = {"png": (PNG_START, PNG_END), "svg": (SVG_START, SVG_END)}  # how a kept file starts and ends when whole

_FINGERPRINTS: dict[int, tuple[Annotation, str]] = {}  # keeps the annotation alive, so its id is not reused


def annotation_fingerprint(annotation: Annotation) -> str:
    """A hash of everything the annotation holds (its repr lists every field, all plain data)."""
    entry = _FINGERPRINTS.get(id(annotation))
    if entry is None or entry[0] is not annotation:
        if len(_FINGERPRINTS) >= 8:
            _FINGERPRINTS.pop(next(iter(_FINGERPRINTS)))
        entry = _FINGERPRINTS[id(annotation)] = (annotation, hashlib.sha256(repr(annotation).encode()).hexdigest())
    return entry[1]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the kit's code and of which matplotlib is installed (found, not imported: that is the cost)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        info = Path(spec.origin).stat()
        digest.update(f"{spec.origin} {info.st_mtime_ns} {info.st_size}".encode())
    return digest.hexdigest()


def cached_png(folder: Path | None, annotation: Annotation, key: tuple[Hashable, ...],
               draw: Callable[[], bytes]) -> bytes:
    """The PNG that `draw()` makes of `annotation` with the arguments in `key`: read from `folder` when it was
    drawn before from the same data with the same code, else drawn now and kept there."""
    return cached_image(folder, repr((key, annotation_fingerprint(annotation))), draw, "png")


def cached_image(folder: Path | None, data: str, draw: Callable[[], bytes], kind: str = "png") -> bytes:
    """The image (`kind`: png or svg) that `draw()` makes of `data` (everything the picture shows, as text): read
    from `folder` when drawn before from the same data with the same code, else drawn now and kept there."""
    if folder is None:
        return draw()
    start, end = WHOLE[kind]
    name = hashlib.sha256(repr((data, code_fingerprint())).encode()).hexdigest()
    path = Path(folder) / "figures" / f"{name}.{kind}"
    try:
        kept = path.read_bytes()
        if kept.startswith(start) and kept.rstrip().endswith(end):
            return kept
    except OSError:  # not drawn yet, or the folder cannot be read
        pass
    image = draw()
    try:
        write_bytes_atomic(path, image, durable=False)
    except OSError:  # a read-only or full disk: the figure is shown all the same
        pass
    return image
