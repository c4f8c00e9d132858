"""Voice analysis counted from the annotation: words per party by form, and who speaks where."""
from __future__ import annotations

from matplotlib.patches import Rectangle

from sourcelab import load_annotation
from sourcelab.diagrams import turns_figure, voice_figure
from sourcelab.voices import word_table, words_by_party, turns

from .conftest import edit


def test_words_per_party_and_form(annotation) -> None:
    table = words_by_party(annotation)
    assert list(table.index) == ["Russian government", "United Nations", "Ukrainian government", "unnamed sources"]
    assert table.loc["Ukrainian government"].to_dict() == {"direct quote": 0, "paraphrase": 13,
                                                           "reported by another party": 0, "narration only": 0,
                                                           "total": 13}
    assert table.loc["Russian government", "narration only"] == 35  # s13, given in the writer's voice
    assert table.loc["United Nations", "reported by another party"] == 22  # Dujarric's reply, via reports
    assert table.loc["unnamed sources", "reported by another party"] == 18


def test_a_chain_counts_once(annotation) -> None:
    words = word_table(annotation)
    s2 = words[words["sentence"] == "s2"]
    # Zakharova adds "reports, according to which"; the reports add "Dujarric replied ... asked if"; the rest is
    # Dujarric's reply, counted once for the UN as reported by another party
    assert s2.groupby("party").size().to_dict() == {"Russian government": 4, "United Nations": 22,
                                                    "unnamed sources": 8}


def test_who_speaks_first_and_last(annotation) -> None:
    table = turns(annotation)
    assert table.loc["Ukrainian government"].to_dict() == {"sentences": 2, "first": "s12", "last": "s16"}
    assert table.loc["United Nations", "last"] == "s11"


def test_counts_follow_the_data(data_copy) -> None:
    edit(data_copy / "attributions.csv", "the Russian offensive was completely unprovoked,indirect,",
         "the Russian offensive was completely unprovoked,direct,")  # the quote column does not move words...
    annotation = load_annotation(data_copy)
    assert words_by_party(annotation).loc["Ukrainian government", "paraphrase"] == 13  # ...quotation marks do


def test_the_charts_are_drawn_from_the_counts(annotation) -> None:
    figure = voice_figure(annotation)
    bars = [p for p in figure.axes[0].patches if isinstance(p, Rectangle) and p.get_width() > 0]
    assert sorted(round(b.get_width()) for b in bars) == sorted(
        v for row in words_by_party(annotation).drop(columns="total").values.tolist() for v in row if v)
    assert {b.get_hatch() for b in bars} >= {"..", "//", "xx"}  # hatching as well as colour
    turns_axes = turns_figure(annotation).axes[0]
    assert len(turns_axes.collections) == len(annotation.attributions) + 1  # one marker each, plus s13


def test_lesson_tables_show_as_pandas_shows_them_without_pandas(annotation) -> None:
    from sourcelab.voices import turn_counts, voice_counts

    for table, frame in ((voice_counts(annotation), words_by_party(annotation)), (turn_counts(annotation), turns(annotation))):
        assert table._repr_html_() == frame._repr_html_()  # what a student sees in the lesson: the same table
        assert table.to_html(classes="sl-table", border=0) == frame.to_html(classes="sl-table", border=0, escape=True)
        assert table.frame().equals(frame) and list(table.frame().index) == list(frame.index)
        assert repr(table).splitlines()[1].startswith("party")
