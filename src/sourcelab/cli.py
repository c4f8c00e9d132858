"""`python -m sourcelab ...`: the kit's command line. The only module that parses arguments."""
from __future__ import annotations

import argparse
import json
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .config import load_settings
from .errors import AnswerError, AnswersFileError, SourceLabError

if TYPE_CHECKING:
    from .model import Annotation

MAX_PRINTED_PROBLEMS = 200  # a wrong file can hold a million bad rows; the first ones say what to fix
MAX_ANSWERS_BYTES = 2_000_000  # an answers file for one exercise is a few kilobytes


def printable(name: object) -> str:
    """A file name safe to print on one line: control characters (a newline could forge a line) escaped."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(name))


def _check(args: argparse.Namespace) -> int:
    from .exercises import read_exercise_specs
    from .validation import read_annotation

    from .config import exercises_for

    settings = load_settings()
    folder = Path(args.data_dir) if args.data_dir else settings.data_dir
    exercises_dir = (Path(args.exercises) if args.exercises else
                     exercises_for(folder, settings.exercises_dir))  # a pack is checked with its own exercises
    annotation, problems = read_annotation(folder)
    specs, exercise_problems = read_exercise_specs(exercises_dir, annotation)
    problems += exercise_problems
    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        print(problem)
    if len(problems) > MAX_PRINTED_PROBLEMS:
        print(f"… and {len(problems) - MAX_PRINTED_PROBLEMS:,} more problem(s) not shown: fix the ones above first")
    if problems:
        print(f"{len(problems)} problem(s) found in {folder} and {exercises_dir}", file=sys.stderr)
        return 1
    assert annotation is not None
    context = annotation.context
    extra = (f"; context: {len(context.cards)} cards, {len(context.dates)} dated phrases, {len(context.findings)} "
             f"findings, {len(context.renderings)} renderings" if context.cards else "")
    print(f"{folder}: OK ({len(annotation.sentences)} sentences, {len(annotation.attributions)} attributions, "
          f"{len(annotation.actors)} actors, {len(annotation.framing)} framing marks, {len(annotation.issues)} issues, "
          f"{len(annotation.positions)} positions{extra})")
    print(f"{exercises_dir}: OK ({len(specs)} exercises)")
    _passage_note(annotation)
    _offset_notes(folder)
    _draft_notes(folder)
    return 0


def _passage_note(annotation: Annotation) -> None:
    """How many of the lessons' passages the article's folder writes; the rest are drawn from the annotation."""
    from .passages import KEYS, PASSAGES_FILE

    written = [k for k in KEYS if k in annotation.passages]
    drawn = len(KEYS) - len(written)
    print(f"{PASSAGES_FILE}: {len(written)} of {len(KEYS)} passages written"
          + (f"; the other {drawn} are drawn from the annotation (docs/passages.md)" if drawn else ""))


def _draft_notes(folder: Path) -> None:
    """Rows new-article drafted and nobody has reviewed yet: they work, but they are a machine's guesses."""
    from .packs import draft_rows

    rows = draft_rows(folder)
    for line in rows[:MAX_PRINTED_PROBLEMS]:
        print(f"note: {line}")
    if rows:
        print(f"note: {len(rows)} row(s) are still drafts: review each (docs/annotation-guide.md, section 4) and "
              "then clear its draft cell")


def _offset_notes(folder: Path) -> None:
    """Spans given by their text alone are fine; say where they stand, and how to write it into the files."""
    from .offsets import fix_offsets

    changes, _problems = fix_offsets(folder, write=False)
    for change in changes[:MAX_PRINTED_PROBLEMS]:
        print(f"note: {change}")
    if changes:
        print(f"note: {len(changes)} span(s) are given by their text only, or with offsets that do not fit; "
              f"`python -m sourcelab fix-offsets {printable(folder)}` writes the offsets shown above into the files")


def _fix_offsets(args: argparse.Namespace) -> int:
    from .offsets import fix_offsets

    folder = Path(args.data_dir) if args.data_dir else load_settings().data_dir
    changes, problems = fix_offsets(folder)
    for change in changes:
        print(f"fixed {change}")
    for problem in problems[:MAX_PRINTED_PROBLEMS]:
        print(problem)
    print(f"{len(changes)} span(s) fixed, {len(problems)} left to fix by hand", file=sys.stderr)
    return 1 if problems else 0


def _exercises(args: argparse.Namespace) -> int:
    from .course import load_course

    rows = [{"id": e.id, "lesson": e.spec.lesson, "type": e.spec.type, "items": len(e.items), "title": e.spec.title}
            for e in load_course().exercises.values()]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max([len(r["id"]) for r in rows] + [2])
    lesson_width = max([len(r["lesson"]) for r in rows] + [6])
    print(f"{'id':<{width}}  {'lesson':<{lesson_width}}  {'type':<18}  items  title")
    for r in rows:
        print(f"{r['id']:<{width}}  {r['lesson']:<{lesson_width}}  {r['type']:<18}  {r['items']:>5}  {r['title']}")
    return 0


def _read_answers(path: Path) -> dict:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise AnswersFileError(f"{printable(path)}: not a regular file, give the path of a JSON answers file")
        if info.st_size > MAX_ANSWERS_BYTES:
            raise AnswersFileError(f"{printable(path)}: larger than {MAX_ANSWERS_BYTES:,} bytes, which no answers file "
                              "is; check that this is the right file")
        document = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise AnswersFileError(f"{printable(path)}: nested too deeply to be an answers file, check that this is the "
                          "right file") from None
    except FileNotFoundError:
        raise AnswersFileError(f"{path}: file not found, give the path of a JSON answers file") from None
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: not UTF-8 text, save the answers file as UTF-8") from None
    except json.JSONDecodeError as exc:
        raise AnswersFileError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno}), "
                          'the file must look like {"answers": {"s1": "attributed"}}') from None
    except OSError as exc:
        raise AnswersFileError(f"{path}: cannot be read ({exc.strerror}), check the path and permissions") from None
    if not isinstance(document, dict) or not isinstance(document.get("answers"), dict):
        raise AnswersFileError(f'{path}: no "answers" object, the file must look like {{"answers": {{"s1": "attributed"}}}}')
    return document["answers"]


def _grade(args: argparse.Namespace) -> int:
    from .course import load_course

    exercise = load_course().exercise(args.exercise_id)
    try:
        result = exercise.grade(_read_answers(Path(args.answers)))
    except AnswerError as exc:
        raise AnswerError(f"{args.answers}: {exc}") from None
    print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .course import load_course

    print(f"wrote {load_course().export(student=args.student, out=args.out)}")
    return 0


def _report(args: argparse.Namespace) -> int:
    folder = Path(args.submissions_dir)
    if not folder.is_dir():
        print(f"report: {folder} is not a folder, give the folder that holds the submission files", file=sys.stderr)
        return 1
    from .course import load_course

    report = load_course().class_report(folder)
    out = Path(args.out) if args.out else (None if args.json else Path("class-report.html"))
    if out is not None:
        report.save_html(out)
    if args.csv:
        report.save_gradebook(args.csv)
    summary = report.summary()
    if args.json:
        print(json.dumps(summary | ({"html": str(out)} if out else {}), indent=2, ensure_ascii=False))
    else:
        print(f"{summary['students']} student(s), {len(summary['skipped'])} file(s) skipped; report written to {out}"
              + (f"; gradebook written to {args.csv}" if args.csv else ""))
        for skipped in summary["skipped"]:
            print(f"  skipped {printable(skipped['file'])}: {skipped['reason']}")
        for near in summary["near_matches"]:
            print(f"  check by hand: {' / '.join(printable(n) for n in near['names'])} look alike but are "
                  "counted as different students")
    return 0


def _release(args: argparse.Namespace) -> int:
    from .release import release

    made = release(args.out_dir, args.mode)
    article = "an" if made.mode == "assessment" else "a"
    print(f"wrote {article} {made.mode} copy of the kit to {made.folder} (article {made.article_id}, answer key "
          f"fingerprint {made.key_fingerprint})")
    if made.left_out:
        print(f"left out of its lessons because they name a graded item: {len(made.left_out)} passage(s) "
              f"({', '.join(made.left_out)})")
    print(f"students run it with: cd {made.folder} && make lab")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .course import load_course
    from .report.demo import write_demo_submissions

    course = load_course()
    paths = write_demo_submissions(Path(args.folder), args.count, course.exercises, course.annotation.article_id,
                                   seed=args.seed)
    print(f"wrote {len(paths)} demo submission(s) to {args.folder}")
    return 0


def _timing(args: argparse.Namespace) -> int:
    from .course import load_course
    from .timing import estimate, write_announced, write_readme_time

    course = load_course()
    settings, annotation, exercises = course.settings, course.annotation, course.exercises
    print(f"{'notebook':<34} {'reading':>7} {'explore':>7} {'exercises':>9} {'discuss':>7} {'estimate':>8} "
          f"{'announced':>9}")
    for path in sorted(settings.notebooks_dir.glob("*.ipynb")):
        time = estimate(path, exercises, annotation)
        print(f"{time.notebook:<34} {time.reading:>7.1f} {time.activities:>7} {time.exercises:>9.1f} "
              f"{time.discussion:>7.1f} {time.total:>8.1f} {time.announced_total:>9}")
        if args.write:
            minutes = time.rounded()
            write_announced(path, minutes)
            if not write_readme_time(settings.readme, path.stem, sum(minutes.values())):
                print(f"  README.md has no row for {path.stem}: add one to its lesson table", file=sys.stderr)
    if args.write:
        print("announced times updated in the notebooks and README.md")
    return 0


def _sentences(args: argparse.Namespace) -> int:
    from .atomic import write_text_atomic
    from .drafting import draft_sentences
    from .errors import DataError, Problem, UsageError
    from .readers import read_text

    problems: list[Problem] = []
    text = read_text(Path(args.article), problems)
    if text is None:
        raise DataError(problems)
    draft = draft_sentences(text)
    if args.out is None:
        sys.stdout.write(draft)
        return 0
    out = Path(args.out)
    if out.exists():
        raise UsageError(f"{printable(out)} already exists and is not overwritten: give another --out, or move "
                         "the old file away first")
    write_text_atomic(out, draft)
    print(f"wrote {draft.count(chr(10)) - 1} sentence(s) to {printable(out)}: fill in label, sources, cues, quote "
          "and explanation (docs/annotation-guide.md), then run check")
    return 0


def _new_article(args: argparse.Namespace) -> int:
    from .errors import DataError, Problem
    from .packs import Facts, scaffold
    from .readers import read_text

    problems: list[Problem] = []
    raw = read_text(Path(args.article), problems)
    if raw is None:
        raise DataError(problems)
    facts = Facts(title=args.title or "unknown", outlet=args.outlet or "unknown", published=args.date or "unknown",
                  url=args.url or "", source_file=Path(args.article).name)
    written = scaffold(raw, Path(args.out), facts)
    print(f"wrote {len(written)} files to {printable(args.out)}")
    print(f"next: python -m sourcelab check {printable(args.out)}   (lists the drafted rows to review)")
    print(f"then: make lab ARTICLE={printable(args.out)}   (every lesson runs on the new article)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sourcelab", description="Source Lab: a teaching kit on "
                                     "source evaluation. Commands for instructors and scripts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="check the article's data files; one line per problem",
                                description="Check article.txt, article.yaml and the CSV files. Prints one line "
                                "per problem as file:row: column: what is wrong, how to fix it. "
                                "Exit status 0 when clean, 1 when anything is wrong.")
    check.add_argument("data_dir", nargs="?", metavar="DATA_DIR", help="folder to check (default: the kit's data/)")
    check.add_argument("--exercises", metavar="DIR", help="exercise definitions to check (default: exercises/)")
    check.set_defaults(run=_check)
    listing = commands.add_parser("exercises", help="list the exercises: id, lesson, type, number of items")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=_exercises)
    grade = commands.add_parser("grade", help="grade a JSON answers file; prints JSON with feedback per item",
                                description='Grade answers given as {"answers": {ITEM_ID: VALUE}}. For '
                                "classify-sentences the items are sentence ids and the values labels. Prints "
                                "JSON; exit 2 with one line on stderr when the file cannot be graded.")
    grade.add_argument("exercise_id", metavar="EXERCISE_ID")
    grade.add_argument("answers", metavar="ANSWERS.json")
    grade.set_defaults(run=_grade)
    export = commands.add_parser("export", help="write a student's submission file (JSON) to hand in",
                                 description="Write one submission file with the student's saved answers. By "
                                 "default the student is the name entered in the lessons, and the file goes to "
                                 "my-answers/submissions/<name>.json.")
    export.add_argument("--student", metavar="NAME", help="whose answers (default: the name entered in the lessons)")
    export.add_argument("--out", metavar="FILE", help="where to write the submission")
    export.set_defaults(run=_export)
    report = commands.add_parser("report", help="class report (HTML, or --json) from a folder of submissions",
                                 description="Read every submission in SUBMISSIONS_DIR (newest per student), "
                                 "regrade it against the current answer key, and write an HTML report with charts. "
                                 "Files that cannot be used are skipped and listed with the reason.")
    report.add_argument("submissions_dir", metavar="SUBMISSIONS_DIR")
    report.add_argument("--out", metavar="FILE", help="HTML file to write (default: class-report.html)")
    report.add_argument("--json", action="store_true", help="print the summary figures as JSON")
    report.add_argument("--csv", metavar="FILE", help="also write a gradebook: one row per student, one column per "
                        "exercise, then total, max and percent (UTF-8, safe to open in any spreadsheet)")
    report.set_defaults(run=_report)
    rel = commands.add_parser("release", help="write a student copy of the kit (assessment: with no answer key)",
                              description="Write a copy of the kit for students into OUT_DIR. practice: the "
                              "lessons with feedback at once. assessment: answers are recorded, not marked, and the "
                              "copy holds no answer key in any form; your report grades the exports. Either way the "
                              "copy leaves out solutions, guides and the class report.")
    rel.add_argument("out_dir", metavar="OUT_DIR", help="a new folder for the copy")
    rel.add_argument("--mode", choices=("assessment", "practice"), required=True)
    rel.set_defaults(run=_release)
    demo = commands.add_parser("demo-submissions", help="write realistic synthetic submissions for a preview",
                               description="Write N synthetic submissions with typical mistakes, so the class "
                               "report can be tried before real students hand in work.")
    demo.add_argument("folder", metavar="DIR")
    demo.add_argument("--count", type=int, default=30, metavar="N", help="how many (default 30)")
    demo.add_argument("--seed", type=int, default=0, metavar="S", help="random seed: same seed, same files")
    demo.set_defaults(run=_demo)
    new = commands.add_parser("new-article", help="make a pack for a new article: text, facts, a drafted "
                              "annotation and exercises", description="Copy ARTICLE.txt into a new pack folder "
                              "(one paragraph per line; blank lines separate paragraphs), give it its own id, split "
                              "its sentences, draft its sources and cues by simple rules (each drafted row says "
                              "which rule fired), and write exercises generated from that annotation, so every "
                              "lesson runs at once. Review the drafts: check lists them.")
    new.add_argument("article", metavar="ARTICLE.txt")
    new.add_argument("--out", metavar="PACK_DIR", required=True, help="the new pack's folder (must not exist yet)")
    new.add_argument("--title", help="the article's headline")
    new.add_argument("--outlet", help="who published it")
    new.add_argument("--date", help="when it was published, YYYY-MM-DD")
    new.add_argument("--url", help="where it was published")
    new.set_defaults(run=_new_article)
    sentences = commands.add_parser("sentences", help="draft sentences.csv for a new article (ids, offsets, text)",
                                    description="Split ARTICLE.txt into sentences (pysbd, which keeps a quotation "
                                    "with full stops whole) and write the first columns of sentences.csv: id, "
                                    "paragraph, start, end and text. The labelling columns stay empty for you to "
                                    "fill in. Prints the CSV, or writes it with --out (never over an existing file).")
    sentences.add_argument("article", metavar="ARTICLE.txt")
    sentences.add_argument("--out", metavar="FILE", help="where to write the draft (e.g. my-article/sentences.csv)")
    sentences.set_defaults(run=_sentences)
    fix = commands.add_parser("fix-offsets", help="write the start and end of spans given by their text",
                              description="For every sentence, source, cue, content and framing span whose text "
                              "is given, find where it stands (a span inside its row's sentence) and write its "
                              "start and end into the CSV file. Nothing else in the files changes. A text that is "
                              "missing, or stands twice in its sentence, is listed with the places to choose from.")
    fix.add_argument("data_dir", nargs="?", metavar="DATA_DIR", help="folder to fix (default: the kit's data/)")
    fix.set_defaults(run=_fix_offsets)
    timing = commands.add_parser("timing", help="estimate how long each lesson takes a careful student",
                                 description="Estimate each lesson's minutes of reading, exercises and discussion "
                                 "from its text and its exercises (see sourcelab/timing.py for the rates), next "
                                 "to the time the notebook announces. --write puts the estimate into the "
                                 "notebooks and the README's lesson table.")
    timing.add_argument("--write", action="store_true", help="update the announced times to the estimate")
    timing.set_defaults(run=_timing)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceLabError as exc:  # anything a person caused: a sentence that says what to do, no traceback
        print(f"{args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # e.g. an unreadable folder: say which file, and what to do
        where = printable(exc.filename) if exc.filename else "a file"
        print(f"{where}: {(exc.strerror or str(exc)).lower()}, check that it exists and that you may read and "
              "write it", file=sys.stderr)
        return 1
