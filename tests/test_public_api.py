"""The names notebooks and instructors may rely on; changing them is a decision, not an accident."""
import sourcelab


def test_exported_members() -> None:
    assert sourcelab.__all__ == sorted(sourcelab.__all__)
    assert set(sourcelab.__all__) == {
        "Actor", "Annotation", "Attribution", "DataError", "FramingMark", "Problem", "Sentence", "SourceLabError",
        "Span", "__version__", "answer_key", "class_report", "export_button", "load_annotation", "sentence_table", "show", "show_article_facts", "show_chains", "show_charts", "show_viewer", "show_voices", "student_box",
        "turn_table", "voice_table"}
    for name in sourcelab.__all__:
        assert hasattr(sourcelab, name), name


def test_import_stays_light() -> None:
    import subprocess
    import sys

    code = "import sys, sourcelab; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets', 'pysbd') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
