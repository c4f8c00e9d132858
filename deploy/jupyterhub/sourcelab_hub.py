"""What every Source Lab hub sets, whatever its login and its spawner.

jupyterhub_config.py (a class on one machine) and the load test's config (tools/hubload/loadtest_config.py) both
call `apply(c)`, so `make loadtest` exercises the settings a school runs:

- each student's answers in their own home (SOURCELAB_ANSWERS=~/my-answers: the kit reads ~ as the home of the
  student's server), and the figures the kit draws in their own ~/.cache, never in the shared install;
- the lessons of the installed kit copied into ~/source-lab/ at the first login (a student's copy is never
  overwritten), and the start notebook opened;
- JupyterLab's extension manager read-only, as `make lab` runs it: nothing contacts a package index;
- timeouts long enough for a whole class logging in at once on a small machine (the load test measures them).

Tried and left out: starting students' servers with `nice -n 10`, so that the hub keeps answering while a whole
class's servers take every core. With 50 students logging in at once on 2 cores the hub still stalled (10 of 50
logins timed out instead of 33, on a machine with other load), and kernel websockets of starved servers were
closed mid-lesson (1 of 30 and 1 of 50 with servers started before the logins, against none without it).
"""
from __future__ import annotations

import os
import pwd
import shutil
import sys
from pathlib import Path
from typing import Any

from sourcelab.config import kit_root

# The kit installed in the environment the hub runs in (an editable install: its folder). This file may be
# copied to /etc/jupyterhub/: the lessons still come from the kit the students' servers import.
KIT = kit_root()
LESSONS_FOLDER = "source-lab"  # in each student's home
START = "00_start_here.ipynb"
ANSWERS = "~/my-answers"  # the kit expands ~ in the student's own server (sourcelab.config.folder_from_env)
CACHE = "~/.cache/sourcelab"
PROXY = Path(__file__).resolve().parent / "node_modules" / ".bin" / "configurable-http-proxy"  # `npm ci` here
# A server that starts while 30 others do takes longer than JupyterHub's defaults (30 s to answer, 60 s to start)
# on a 2-core machine; the load test prints how long spawns really take.
HTTP_TIMEOUT = 120
START_TIMEOUT = 180


def lessons(kit: Path = KIT) -> list[Path]:
    """The lesson notebooks students get: notebooks/*.ipynb, not the instructor's class report."""
    return sorted((kit / "notebooks").glob("*.ipynb"))


def home_of(spawner: Any) -> Path:
    """The student's home: the spawner's own (SimpleLocalProcessSpawner) or the system account's."""
    home = getattr(spawner, "home_dir", "")
    return Path(home) if home else Path(pwd.getpwnam(spawner.user.name).pw_dir)


def copy_lessons(home: Path, kit: Path = KIT, owner: tuple[int, int] | None = None) -> list[Path]:
    """Put the lessons a student lacks into home/source-lab/; return the files written (none on later logins)."""
    folder = home / LESSONS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in lessons(kit):
        target = folder / lesson.name
        if not target.exists():
            shutil.copyfile(lesson, target)
            written.append(target)
    if owner is not None:  # the hub runs as root and the student's server as the student
        for path in (home, folder, *written):
            os.chown(path, *owner)
    return written


def _before_spawn(spawner: Any) -> None:
    try:
        home = home_of(spawner)
    except KeyError:  # no system account (e.g. systemd's dynamic users): hand the lessons out with nbgitpuller
        spawner.log.warning("no home folder for %s: lessons not copied", spawner.user.name)
        return
    owner = None
    if os.geteuid() == 0 and not getattr(spawner, "home_dir", ""):
        account = pwd.getpwnam(spawner.user.name)
        owner = (account.pw_uid, account.pw_gid)
    copy_lessons(home, owner=owner)


def apply(c: Any) -> None:
    """Set the kit's part of a JupyterHub config `c` (the spawner's environment, start page, command, proxy)."""
    c.Spawner.environment.update({"SOURCELAB_ANSWERS": ANSWERS, "SOURCELAB_CACHE": CACHE})
    c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]  # the shared environment's
    c.Spawner.notebook_dir = "~"
    c.Spawner.default_url = f"/lab/tree/{LESSONS_FOLDER}/{START}"
    c.Spawner.args = ["--LabApp.extension_manager=readonly"]
    c.Spawner.pre_spawn_hook = _before_spawn
    c.Spawner.http_timeout = HTTP_TIMEOUT
    c.Spawner.start_timeout = START_TIMEOUT
    if PROXY.exists():
        c.ConfigurableHTTPProxy.command = [str(PROXY)]
