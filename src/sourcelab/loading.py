"""The one entry point the rest of the kit uses to get the annotated article."""
from __future__ import annotations

from pathlib import Path

from .config import load_settings
from .errors import DataError
from .model import Annotation
from .validation import read_annotation


def load_annotation(data_dir: str | Path | None = None) -> Annotation:
    """The checked annotation from `data_dir` (default: the kit's data/), or DataError listing every problem."""
    folder = Path(data_dir) if data_dir is not None else load_settings().data_dir
    annotation, problems = read_annotation(folder)
    if annotation is None:
        raise DataError(problems)
    return annotation
