"""The names notebooks and instructors may rely on; changing them is a decision, not an accident."""
import sourcelab


def test_exported_members() -> None:
    assert sourcelab.__all__ == sorted(sourcelab.__all__)
    assert set(sourcelab.__all__) == {
        "Course", "DataError", "Problem", "SourceLabError", "__version__", "answer_key", "class_report",
        "export_button", "load_annotation", "load_course", "report_card_button", "sentence_table", "show", "show_article_facts",
        "show_cards", "show_chains", "show_charts", "show_exercise", "show_passage", "show_renderings", "show_timeline",
        "show_viewer",
        "show_voices", "solve", "student_box", "turn_table", "voice_table"}
    for name in sourcelab.__all__:
        assert hasattr(sourcelab, name), name
    assert sourcelab.show is sourcelab.show_exercise  # the older name keeps working in instructors' notebooks


def test_the_face_holds_no_logic() -> None:
    """`__init__.py` only imports and lists names: every function lives in the module that owns it."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(sourcelab.__file__).read_text(encoding="utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Import", "Assign"}, kinds  # docstring, imports, __all__


def test_the_version_is_written_once() -> None:
    import tomllib
    from importlib.metadata import version

    from .conftest import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert version("sourcelab") == sourcelab.__version__  # what pip installed is what the package says


def test_import_stays_light() -> None:
    import subprocess
    import sys

    code = "import sys, sourcelab; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'pysbd') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
