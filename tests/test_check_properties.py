"""Property-based: whatever happens to the data files, `check` answers with lines, never a traceback."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcelab.validation import read_annotation

from .conftest import DATA
from .test_check import LINE

FILES = ["article.txt", "article.yaml", "sentences.csv", "attributions.csv", "actors.csv", "framing.csv",
         "issues.csv", "positions.csv", "references.csv", "context/cards.csv", "context/dates.csv",
         "context/findings.csv", "context/renderings.csv", "passages.yaml", "word_pairs.csv"]


@st.composite
def damage(draw):
    """One file and what happens to it: cut short, overwritten, given stray bytes, or removed."""
    name = draw(st.sampled_from(FILES))
    original = (DATA / name).read_bytes()
    kind = draw(st.sampled_from(["truncate", "overwrite", "insert", "delete", "latin1", "empty"]))
    if kind == "truncate":
        return name, original[: draw(st.integers(0, len(original)))]
    if kind == "overwrite":
        at = draw(st.integers(0, len(original)))
        junk = draw(st.binary(min_size=1, max_size=12))
        return name, original[:at] + junk + original[at + len(junk):]
    if kind == "insert":
        at = draw(st.integers(0, len(original)))
        junk = draw(st.sampled_from([b",", b"\"", b"\n", b";", b"\x00", b"\xff\xfe", b"\r", b":", b"- [", b"9"]))
        return name, original[:at] + junk + original[at:]
    if kind == "latin1":
        return name, original.decode("utf-8").encode("latin-1", errors="replace")
    return name, None if kind == "delete" else b""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(damage(), min_size=1, max_size=3))
def test_check_never_raises_and_every_line_is_precise(damages) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(DATA, folder)
        for name, content in damages:
            if content is None:
                (folder / name).unlink(missing_ok=True)
            else:
                (folder / name).write_bytes(content)
        annotation, problems = read_annotation(folder)
        assert (annotation is None) == bool(problems)
        for problem in problems:
            line = str(problem)
            assert "\n" not in line and LINE.match(line), line
            assert problem.file.endswith(tuple(FILES)) or problem.file.endswith("data")
