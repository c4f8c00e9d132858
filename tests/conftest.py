"""Shared fixtures: the kit's own data folder, and throw-away copies of it to break."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sourcelab import load_annotation
from sourcelab.exercises import Exercise, build_exercise
from sourcelab.exercises.tracing import Claim
from sourcelab.loading import load_exercises
from sourcelab.model import Annotation

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
OWN_EXERCISES = ROOT / "tests" / "fixtures" / "exercises"  # the tests' own exercise files (see its README)


@pytest.fixture(autouse=True)
def own_exercises(request, monkeypatch) -> None:
    """Tests of the machinery (widgets, saving, reports, grading) use the tests' own exercise files, so that
    an instructor who edits exercises/ as docs/exercises.md teaches changes no test's premise. Tests marked
    `shipped` test the files in exercises/ (or wherever SOURCELAB_EXERCISES points) themselves."""
    if request.node.get_closest_marker("shipped") is None:
        monkeypatch.setenv("SOURCELAB_EXERCISES", str(OWN_EXERCISES))


@pytest.fixture(scope="session")
def annotation() -> Annotation:
    return load_annotation(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in a data file (fails loudly if the fixture drifted)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# The items the engine and report tests grade are chosen here, from the data, never from the YAML: an
# instructor who adds, drops or rewords a question in exercises/ changes what students see, not what these
# tests check.
CLAIMS = (Claim("contact", "Guterres tried to contact Putin", attribution="a5"),
          Claim("proposal-made", "A proposal was made to Russia", attribution="a21"),
          Claim("overtures", "No one has made overtures to Russia", attribution="a8"),
          Claim("staged", "The scenes in Bucha were staged", attribution="a16"),
          Claim("retake", "Ukraine planned to retake the regions", attribution="a20"),
          Claim("proposal", "Moscow's answer to the UN's proposal", position="p4"))
FINDS = (("narration-only", "Which issue is told in narration only?", "narration-only"),
         ("answer-missing", "Which issue has a party's answer missing?", "answer-missing"))


@pytest.fixture(scope="session")
def every_item(annotation) -> dict[str, Exercise]:
    """The tests' own exercises with every item the data allows (and the claims and questions above), so these
    tests do not depend on which items a lesson's YAML happens to pick. Option texts and feedback stay
    the YAML's: tests read them from `exercise.params`."""
    attributed = tuple(s.id for s in annotation.sentences if annotation.attributions_in(s.id))
    items = {"classify-sentences": {"sentences": tuple(s.id for s in annotation.sentences)},
             "quote-type": {"sentences": tuple(s.id for s in annotation.sentences if s.quote != "none")},
             "source-and-cue": {"sentences": attributed}, "unnamed-sources": {"sentences": attributed},
             "position-matrix": {"issues": tuple(i.id for i in annotation.issues)},
             "chain-order": {"attribution": "a5"}, "trace-claims": {"claims": CLAIMS}, "spot-issues": {"finds": FINDS}}
    loaded = load_exercises(OWN_EXERCISES, annotation=annotation)
    return {key: build_exercise(replace(e.spec, params=replace(e.params, **items.get(e.spec.type, {}))), annotation)
            for key, e in loaded.items()}
