"""Where the kit finds its files: the one place configuration is read."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_ENV = "SOURCELAB_DATA"  # an instructor points this at another article: its pack, or a data folder
EXERCISES_ENV = "SOURCELAB_EXERCISES"  # ... and this at other exercise definitions (default: the pack's own)
PACK_EXERCISES = "exercises"  # an article pack keeps its exercises in this folder, beside its data files
ANSWERS_ENV = "SOURCELAB_ANSWERS"  # where students' answers are saved (default: my-answers/ in the kit); ~ = home
SUBMISSIONS_ENV = "SOURCELAB_SUBMISSIONS"  # where an instructor collects submissions (default: class-submissions/)
CACHE_ENV = "SOURCELAB_CACHE"  # where drawn figures are kept (default: sourcelab/ in the user's cache folder)


def _looks_like_kit(folder: Path) -> bool:
    return (folder / "data" / "article.txt").is_file()


def kit_root() -> Path:
    """The kit's folder: beside an editable install, else the nearest parent of the working folder holding data/."""
    here = Path(__file__).resolve().parents[2]
    if _looks_like_kit(here):
        return here
    start = Path.cwd().resolve()
    for folder in (start, *start.parents):
        if _looks_like_kit(folder):
            return folder
    return start


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    exercises_dir: Path
    answers_dir: Path
    submissions_dir: Path
    notebooks_dir: Path  # the lessons; `timing --write` updates their announced times
    readme: Path
    cache_dir: Path | None = None  # figures drawn from the data, kept to be shown again (None: draw every time)


def user_cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/sourcelab, else ~/.cache/sourcelab; None when there is no home folder to put it in."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "sourcelab"
    try:
        return Path.home() / ".cache" / "sourcelab"
    except RuntimeError:  # no HOME and no password entry: nowhere to keep it
        return None


def folder_from_env(value: str) -> Path:
    """A folder named in an environment variable, with a leading ~ read as the home folder of whoever runs the kit.

    On a JupyterHub every student's server gets the same setting (SOURCELAB_ANSWERS=~/my-answers) and each
    student's answers land in their own home; without the expansion they would go to a folder named "~".
    """
    return Path(value).expanduser()


def exercises_for(data_dir: Path, default: Path) -> Path:
    """An article pack's own exercises (PACK/exercises/) when it has them; else `default`."""
    own = Path(data_dir) / PACK_EXERCISES
    return own if own.is_dir() else default


def load_settings() -> Settings:
    """The folders, from the environment variables above where set, else the kit's own. Selecting an article
    pack (SOURCELAB_DATA=PACK) selects its exercises too, unless SOURCELAB_EXERCISES says otherwise."""
    environ = os.environ
    root = kit_root()
    data, exercises, answers = environ.get(DATA_ENV), environ.get(EXERCISES_ENV), environ.get(ANSWERS_ENV)
    data_dir = folder_from_env(data) if data else root / "data"
    cache, submissions = environ.get(CACHE_ENV), environ.get(SUBMISSIONS_ENV)
    return Settings(data_dir=data_dir,
                    exercises_dir=(folder_from_env(exercises) if exercises
                                   else exercises_for(data_dir, root / "exercises")),
                    answers_dir=folder_from_env(answers) if answers else root / "my-answers",
                    submissions_dir=folder_from_env(submissions) if submissions else root / "class-submissions",
                    notebooks_dir=root / "notebooks", readme=root / "README.md",
                    cache_dir=folder_from_env(cache) if cache else user_cache_dir())
