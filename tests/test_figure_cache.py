"""Figures drawn from the data once, then read back (figure_cache.py), and lessons that show them, and their
tables, without loading matplotlib or pandas."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sourcelab import load_annotation
from sourcelab.figure_cache import PNG_END, PNG_START, cached_png

from .conftest import edit

PNG = PNG_START + b"picture" + PNG_END


def counting(png: bytes = PNG):
    calls = []

    def draw() -> bytes:
        calls.append(1)
        return png
    return draw, calls


def test_a_figure_is_drawn_once_per_data_and_arguments(tmp_path: Path, annotation) -> None:
    draw, calls = counting()
    assert cached_png(tmp_path, annotation, ("chart", 1), draw) == PNG
    assert cached_png(tmp_path, annotation, ("chart", 1), draw) == PNG and len(calls) == 1
    cached_png(tmp_path, annotation, ("chart", 2), draw)  # other arguments: another figure
    assert len(calls) == 2


def test_changed_data_is_drawn_again(tmp_path: Path, data_copy: Path, annotation) -> None:
    draw, calls = counting()
    cached_png(tmp_path, annotation, ("chart",), draw)
    edit(data_copy / "actors.csv", "zakharova,Maria Zakharova,", "zakharova,Maria W. Zakharova,")
    cached_png(tmp_path, load_annotation(data_copy), ("chart",), draw)
    assert len(calls) == 2


def test_a_damaged_or_unwritable_cache_only_means_drawing(tmp_path: Path, annotation) -> None:
    draw, calls = counting()
    cached_png(tmp_path, annotation, ("chart",), draw)
    kept = next((tmp_path / "figures").glob("*.png"))
    kept.write_bytes(PNG[:10])  # cut short, as by a crash
    assert cached_png(tmp_path, annotation, ("chart",), draw) == PNG and len(calls) == 2
    assert kept.read_bytes() == PNG  # and mended
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached_png(blocked, annotation, ("chart",), draw) == PNG and len(calls) == 3
    assert cached_png(None, annotation, ("chart",), draw) == PNG and len(calls) == 4


LESSON_CALLS = """
import json, sys
from sourcelab import show_chains, show_timeline, show_voices, turn_table, voice_table
shown = [show_chains(for_exercise="chain-order").png, show_timeline().png,
         *(child.png for child in show_voices().children if hasattr(child, "png"))]
tables = [voice_table()._repr_html_(), turn_table()._repr_html_()]
print(json.dumps({"loaded": sorted(m for m in ("pandas", "matplotlib") if m in sys.modules),
                  "images": [bytes(v).hex() for v in shown], "tables": tables}))
"""


def test_a_lesson_shows_figures_drawn_before_and_its_tables_without_matplotlib_or_pandas(tmp_path: Path) -> None:
    env = dict(os.environ, SOURCELAB_CACHE=str(tmp_path))

    def run() -> dict:
        out = subprocess.run([sys.executable, "-c", LESSON_CALLS], env=env, capture_output=True, text=True, check=True)
        return json.loads(out.stdout)

    first, again = run(), run()
    assert "matplotlib" in first["loaded"]  # drawn now
    assert again["loaded"] == []  # read back; the tables are counted without pandas
    assert again["images"] == first["images"] and all(bytes.fromhex(i).startswith(PNG_START) for i in again["images"])
    assert again["tables"] == first["tables"]
