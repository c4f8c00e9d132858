"""`python -m sourcelab ...`: the kit's command line. The only module that parses arguments."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .config import load_settings
from .errors import SourceLabError


def _check(args: argparse.Namespace) -> int:
    from .validation import read_annotation

    folder = Path(args.data_dir) if args.data_dir else load_settings().data_dir
    annotation, problems = read_annotation(folder)
    for problem in problems:
        print(problem)
    if annotation is None:
        print(f"{len(problems)} problem(s) found in {folder}", file=sys.stderr)
        return 1
    print(f"{folder}: OK ({len(annotation.sentences)} sentences, {len(annotation.attributions)} attributions, "
          f"{len(annotation.actors)} actors, {len(annotation.framing)} framing marks)")
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
    check.set_defaults(run=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceLabError as exc:  # a last guard: people see a sentence, not a traceback
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
