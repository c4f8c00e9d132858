"""A whole class on a JupyterHub at once, on this machine: `make loadtest` (30 students), `make loadtest N=50`.

    python tools/loadtest.py [--students N] [--ramp SECONDS] [--timeout SECONDS] [--keep] [--json]

Starts JupyterHub and its proxy on 127.0.0.1 with the class hub's settings (deploy/jupyterhub), creates N students,
logs each in through the hub's login form and OAuth, runs lesson 1 on a kernel of each student's server, answers
three items through the lesson's widgets, exports, and builds the class report over the N exports. Prints spawn
time and time to first widget (p50 / p95 / max), failures, memory per student and the report's figures.
Definitions are in tools/hubload/student.py; docs/deploy.md quotes the figures. Nothing leaves 127.0.0.1; every
step has a timeout, the run has one, and all it started is ended on exit (Ctrl-C included). Exit status 1 when a
student failed. Measured, not asserted: tests/test_hub.py runs three students and asserts.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the kit's folder: tools.hubload, tests.browser

from tools.hubload.figures import render, table  # noqa: E402
from tools.hubload.run import run_load_test  # noqa: E402


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt  # the same clean-up as Ctrl-C


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="spread the logins over this many seconds (default 0: all at once)")
    parser.add_argument("--prestart", action="store_true",
                        help="start every student's server before the logins, as an admin's Start All does")
    parser.add_argument("--timeout", type=float, default=900.0, help="for the whole run, in seconds (default 900)")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (homes, hub log, report)")
    parser.add_argument("--json", action="store_true", help="print the figures and every student's result as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 300:
        parser.error("--students: 1 to 300")
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        result = run_load_test(args.students, ramp=args.ramp, prestart=args.prestart, timeout=args.timeout,
                               keep=args.keep, progress=lambda message: print(message, file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        print("interrupted: the hub, the proxy, every server and kernel of the run are stopped", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps({"figures": dict(table(result)), "students": [asdict(s) for s in result.students],
                          "isolation": result.isolation}, indent=2))
    else:
        print(render(result))
        if args.keep:
            print(f"kept: {result.work}")
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
