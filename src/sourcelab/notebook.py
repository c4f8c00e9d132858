"""What the lessons call, one line each: the article viewer, an exercise, the name box, charts, tables.

Each function finds the files through the settings (or the folders it is given), builds the pure objects
through `course`/`loading`, and hands them to a thin widget. Widgets, pandas and matplotlib load on the
first call that needs them, so `import sourcelab` stays cheap for scripts and the command line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .course import DEMO_COUNT, Course, load_course
from .loading import load_annotation

if TYPE_CHECKING:
    import ipywidgets
    import pandas

    from .exercises import Result
    from .fallbacks import Focus
    from .model import Annotation
    from .report.build import ClassReport
    from .voices import Table
    from .widgets.exercise_view import ExerciseView
    from .widgets.cards import CardDeck
    from .widgets.saving import ExportButton, StudentBox
    from .widgets.viewer import ArticleViewer

Folder = str | Path | None


@dataclass(frozen=True)
class Passage:
    """A lesson's prose about the article: Jupyter shows it as HTML in the cell's output, like a text cell."""

    key: str
    markdown: str
    own: bool  # True: the article's passages.yaml wrote it; False: drawn from the annotation (fallbacks)

    def _repr_html_(self) -> str:
        from .render import passage_html

        return passage_html(self.markdown)

    def __repr__(self) -> str:
        return self.markdown


def _focus(course: Course) -> Focus:
    from .fallbacks import focus_for

    return focus_for(course.exercises)


def show_passage(key: str, data_dir: Folder = None, exercises_dir: Folder = None,
                 after: ExerciseView | None = None) -> Any:
    """The article's passage for this place in a lesson (its passages.yaml), or one drawn from its annotation.

    Lessons keep the method; the examples, names, counts and quotations come from the article's folder, so
    every lesson teaches whichever article is selected (docs/passages.md lists the keys). With `after` (an
    exercise's view), a passage that discusses that exercise's answers waits until it is answered."""
    from .fallbacks import passage
    from .passages import KEYS

    if key not in KEYS:
        return _notice(f"This lesson asks for a passage called {key!r}, which the kit does not know "
                       "(docs/passages.md lists the passages).", "sl-missing-passage")
    written = load_annotation(data_dir).passages.get(key)
    if written:  # the article's own: no exercises needed
        shown = Passage(key, written, True)
    else:
        course = load_course(data_dir=data_dir, exercises_dir=exercises_dir)
        markdown, own = passage(course.annotation, key, _focus(course))
        shown = Passage(key, markdown, own)
    if after is None:
        return shown
    from .render import passage_html

    return _held(_html(passage_html(shown.markdown, in_widget=True)), after, "Show the explanation")


def show_viewer(data_dir: Folder = None, layers: tuple[str, ...] = ()) -> ArticleViewer:
    """The article with switchable layers (sources, cues, quotes, narration, framing) and an inspector."""
    from .widgets.viewer import ArticleViewer

    return ArticleViewer(load_annotation(data_dir), layers)


def show_exercise(exercise_id: str, data_dir: Folder = None, exercises_dir: Folder = None,
                  answers_dir: Folder = None, record: bool = True) -> ExerciseView | ipywidgets.HTML:
    """The exercise with this id (from exercises/*.yaml) as a widget. With `record` (students' lessons) the
    student's answers are saved as they go and restored on reopening; without it (solution notebooks,
    demonstrations) nothing is read from or written to anyone's saved answers.

    An exercise the files do not have (an instructor left it out, or another article has none like it) shows
    a notice naming the exercises there are, so the rest of the lesson still runs."""
    from .errors import UnknownExerciseError
    from .widgets import view_for
    from .widgets.saving import Recorder

    course = load_course(data_dir=data_dir, exercises_dir=exercises_dir, answers_dir=answers_dir)
    try:
        exercise = course.exercise(exercise_id)
    except UnknownExerciseError as missing:
        return _missing(missing, course.settings.exercises_dir)
    view = view_for(exercise)
    if record:
        Recorder(view, course.settings.answers_dir).restore()
    return view


def _missing(error: Exception, folder: Path) -> ipywidgets.HTML:
    return _notice(f"This exercise is not in the exercise files ({folder}): your teacher may have left it out. "
                   f"({error})", "sl-missing-exercise")


def solve(exercise_id: str, data_dir: Folder = None, exercises_dir: Folder = None) -> tuple[Any, Result]:
    """For solution notebooks: the exercise answered through its widget with the reference answers, and the
    result of grading what the widget holds (an exercise the files do not have: its notice, and no items)."""
    from .exercises import Result

    view = show_exercise(exercise_id, data_dir, exercises_dir, record=False)
    if not hasattr(view, "exercise"):
        return view, Result(exercise_id, ())
    answers = view.exercise.reference_answers() if view.exercise.graded else view.exercise.examples()
    for item_id, value in answers.items():  # free text has no key: its examples are written in instead
        view.set_answer(item_id, value)
    return view, view.exercise.grade(view.answers)


show = show_exercise  # the name lessons used before 0.2; instructors' own notebooks may still call it


def student_box(answers_dir: Folder = None) -> StudentBox:
    """Where a student enters their name once, so their answers are saved under it."""
    from .config import load_settings
    from .widgets.saving import StudentBox

    return StudentBox(Path(answers_dir) if answers_dir else load_settings().answers_dir)


def export_button(data_dir: Folder = None, exercises_dir: Folder = None, answers_dir: Folder = None) -> ExportButton:
    """One click writes the student's submission file (the same as `python -m sourcelab export`)."""
    from .widgets.saving import ExportButton

    # read at the click, not now: the exercises and the name may have changed since the cell ran
    return ExportButton(lambda: load_course(data_dir=data_dir, exercises_dir=exercises_dir,
                                            answers_dir=answers_dir).export())


def answer_key(exercise_id: str, data_dir: Folder = None, exercises_dir: Folder = None) -> pandas.DataFrame:
    """The reference answers of one exercise with their explanations, as a pandas table (for instructors)."""
    import pandas as pd

    from .exercises import answer_key as rows

    course = load_course(data_dir=data_dir, exercises_dir=exercises_dir)
    if exercise_id not in course.exercises:  # left out of this article's files: an empty key, not a crash
        return pd.DataFrame(columns=["item", "text", "answer", "why"]).set_index("item")
    return pd.DataFrame(rows(course.exercise(exercise_id))).set_index("item")


def report_card_button(data_dir: Folder = None, exercises_dir: Folder = None,
                       answers_dir: Folder = None) -> ExportButton:
    """One click writes the student's report card: one page with their scores and their texts, to keep."""
    from .widgets.saving import ExportButton

    return ExportButton(lambda: load_course(data_dir=data_dir, exercises_dir=exercises_dir,
                                            answers_dir=answers_dir).report_card(),
                        description="Make my report card", tooltip="Write one page with your own work in every lesson",
                        done="Your report card is at {path}. Open it from the file browser on the left (double-click "
                             "it, or right-click it and choose Download to keep a copy).", css_class="sl-report-card")


def class_report(submissions_dir: Folder = None, demo_count: int = DEMO_COUNT) -> ClassReport:
    """The class report over a folder of submissions; with none there yet, over demo submissions (and says so)."""
    course = load_course()
    folder = Path(submissions_dir) if submissions_dir else course.settings.submissions_dir
    if folder.is_dir() and any(folder.glob("*.json")):
        return course.class_report(folder)
    return course.demo_report(demo_count, f"DEMO DATA: no submissions in {folder} yet, so this shows "
                                          f"{demo_count} synthetic students with typical mistakes.")


def show_charts(report: ClassReport, first_answers: bool = False) -> ipywidgets.VBox:
    """The report's charts, one under another; with `first_answers`, per-item accuracy counts only each
    student's first answer, so answers found by trying the options one after another do not count."""
    from .widgets.report_view import charts_view

    return charts_view(report, first_answers)


def _drawn(annotation: Annotation, name: str, *args: Any) -> bytes:
    """The PNG of `diagrams.<name>(annotation, *args)`, drawn once per data, code and arguments (figure_cache.py):
    a lesson run again, or by the next student, shows it without loading matplotlib."""
    from .config import load_settings
    from .figure_cache import cached_png

    def draw() -> bytes:
        from . import diagrams
        from .figures import png

        return png(getattr(diagrams, name)(annotation, *args))

    return cached_png(load_settings().cache_dir, annotation, (name, *args), draw)


def show_chains(only: list[str] | None = None, data_dir: Folder = None, for_exercise: str | None = None,
                after: ExerciseView | None = None) -> ipywidgets.Widget:
    """The chain diagram of every second-hand claim (or of the attributions in `only`), drawn from the data.
    `for_exercise="chain-order"` draws the chain that exercise orders, whichever article is selected; with
    `after` (that exercise's view) the diagram, which shows its answers, waits until the student has answered."""
    from .fallbacks import chain_start
    from .widgets.report_view import image_view

    title = "How second-hand claims reach the reader"
    if load_annotation(data_dir).display_only:
        return _notice(GRADED_COPY, "sl-graded-copy")
    if for_exercise is not None:
        course = load_course(data_dir=data_dir)
        start = chain_start(course.annotation, _focus(course))
        figure = image_view(_drawn(course.annotation, "chain_figure", [start.id] if start else None), title)
        if after is None:
            return figure
        from .widgets.reveal import Reveal

        return Reveal(figure, after)
    return image_view(_drawn(load_annotation(data_dir), "chain_figure", list(only) if only else None), title)


def _held(content: ipywidgets.Widget, after: ExerciseView | None, label: str) -> ipywidgets.Widget:
    """`content` as it is, or, with `after` (the view of an exercise it answers), held back until that exercise
    is answered or the student presses `label`."""
    if after is None:
        return content
    from .widgets.reveal import Reveal

    return Reveal(content, after, label)


def _held_table(table: Table, after: ExerciseView | None) -> Any:
    if after is None:
        return table
    from .render import table_html

    return _held(_html(table_html(table)), after, "Show the table")


def voice_table(data_dir: Folder = None, after: ExerciseView | None = None) -> Any:
    """Words per party the reader gets in direct quotes, paraphrase, others' reports and narration, shown as a
    pandas table is, without loading pandas (`.frame()` gives the DataFrame). With `after` (lesson 3's matrix),
    it waits until the matrix is filled: it gives away the forms of its cells."""
    from .voices import voice_counts

    annotation = load_annotation(data_dir)
    if annotation.display_only:
        return _notice(GRADED_COPY, "sl-graded-copy")
    return _held_table(voice_counts(annotation), after)


def turn_table(data_dir: Folder = None, after: ExerciseView | None = None) -> Any:
    """Per party: in how many sentences it is a source, and where it speaks first and last (held back like
    voice_table with `after`: it points at each party's sentences; `.frame()`: as a pandas DataFrame)."""
    from .voices import turn_counts

    annotation = load_annotation(data_dir)
    if annotation.display_only:
        return _notice(GRADED_COPY, "sl-graded-copy")
    return _held_table(turn_counts(annotation), after)


def show_voices(data_dir: Folder = None, after: ExerciseView | None = None) -> ipywidgets.Widget:
    """Two charts drawn from the annotation: whose words the reader gets, and who speaks where (held back like
    voice_table with `after`)."""
    from .widgets.report_view import figures_view

    annotation = load_annotation(data_dir)
    if annotation.display_only:
        return _notice(GRADED_COPY, "sl-graded-copy")
    return _held(figures_view([("Whose words, and in what form?", _drawn(annotation, "voice_figure")),
                               ("Who speaks where", _drawn(annotation, "turns_figure"))]), after, "Show the charts")


def show_article_facts(data_dir: Folder = None) -> ipywidgets.HTML:
    """What is known and unknown about the article's outlet, author, date and provenance."""
    from .widgets.viewer import article_facts

    return article_facts(load_annotation(data_dir))


def show_cards(cards: list[str] | None = None, kind: str | None = None, after: ExerciseView | None = None,
               data_dir: Folder = None, group: str | None = None) -> CardDeck | ipywidgets.HTML:
    """Evidence cards from data/context/: the ones named, or all of one kind, or the ones whose `shown_in`
    column names `group` (how lessons ask, so any article's folder chooses its own), or all. With `after` (an
    exercise shown above), they appear only once the student has answered it. Cards the article's folder does
    not have (another article, or no data/context/ yet) show a notice, so the rest of the lesson still runs."""
    from .errors import UnknownCardError
    from .widgets.cards import CardDeck

    context = load_annotation(data_dir).context
    known = {c.id: c for c in context.cards}
    missing = [c for c in cards or [] if c not in known]
    if missing or not known:
        return _notice(f"These evidence cards are not in this article's folder ({UnknownCardError(missing, known)})"
                       if known else "This article has no evidence cards yet: they live in its data/context/ folder "
                       "(see docs/annotation-guide.md).", "sl-missing-cards")
    if group is not None:
        chosen = [c for c in context.cards if group in c.shown_in]
        if not chosen:
            return _notice(f"No evidence card in this article's folder is marked for this place ({group!r} in the "
                           "shown_in column of data/context/cards.csv).", "sl-missing-cards")
        return CardDeck(chosen, after)
    chosen = [known[c] for c in cards] if cards else [c for c in context.cards if kind is None or c.kind == kind]
    return CardDeck(chosen, after)


GRADED_COPY = ("In this graded copy of the kit this is left out, because it would show answers to the "
               "exercises. Your teacher will show it after you hand in your work.")


def _html(html: str, css_class: str | None = None) -> ipywidgets.HTML:
    import ipywidgets as widgets

    from .widgets.looks import make

    return make(widgets.HTML, html, classes=(css_class,) if css_class else ())


def _notice(text: str, css_class: str) -> ipywidgets.HTML:
    from .render import notice_html

    return _html(notice_html(text), css_class)


def show_renderings(passage: str | None = None, data_dir: Folder = None) -> ipywidgets.HTML:
    """The same passage as the article and other outlets print it, the words that differ marked."""
    from .render import renderings_html

    context = load_annotation(data_dir).context
    passages = list(context.passages())
    if not passages or (passage is not None and passage not in passages):
        return _notice("This article's folder has no renderings to compare (data/context/renderings.csv).",
                       "sl-missing-renderings")
    chosen = passages if passage is None else [passage]
    return _html("".join(renderings_html(context, p) for p in chosen))


def show_timeline(data_dir: Folder = None) -> ipywidgets.HTML:
    """The dated evidence cards on a timeline, with the day the article appeared marked."""
    from .widgets.report_view import image_view

    annotation = load_annotation(data_dir)
    if not any(c.label and c.day for c in annotation.context.cards):
        return _notice("This article's folder has no dated evidence cards to put on a timeline (data/context/).",
                       "sl-missing-timeline")
    return image_view(_drawn(annotation, "timeline_figure"), "What happened when, and when the article appeared")


def sentence_table(data_dir: Folder = None) -> pandas.DataFrame:
    """The sentences with their labels, for a quick overview."""
    import pandas as pd

    annotation = load_annotation(data_dir)
    return pd.DataFrame([{"id": s.id, "paragraph": s.paragraph, "label": s.label, "quote": s.quote,
                          "sources": ", ".join(annotation.actor(a).name for a in s.sources),
                          "text": s.text} for s in annotation.sentences]).set_index("id")
