"""Memory and CPU time of a run's processes, read from /proc (no psutil: it is not a dependency of the kit).

RSS counts pages shared between processes (Python's libraries, mapped once) in every process; PSS divides each
shared page among the processes that map it, so PSS adds up to what the machine really holds. Both are given.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
MIB = 1024 * 1024
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Process:
    pid: int
    user: str  # JUPYTERHUB_USER of a student's server or kernel; "" for the hub and the proxy
    command: str
    rss: int  # bytes
    pss: int  # bytes
    cpu: float  # seconds of CPU used so far, its own and its finished children's (user + system)


def _environ(pid: int) -> dict[str, str]:
    raw = (PROC / str(pid) / "environ").read_bytes()
    return dict(item.split("=", 1) for item in raw.decode("utf-8", "replace").split("\0") if "=" in item)


def _rollup(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes from smaps_rollup."""
    figures = {}
    for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] in ("Rss:", "Pss:"):
            figures[parts[0]] = int(parts[1]) * 1024
    return figures.get("Rss:", 0), figures.get("Pss:", 0)


def _cpu_seconds(pid: int) -> float:
    fields = (PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / TICKS  # utime, stime, cutime, cstime


def run_processes(variable: str, value: str) -> list[Process]:
    """Every live process whose environment has variable=value (a process that ends meanwhile is skipped)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        with contextlib.suppress(OSError, ValueError):
            env = _environ(pid)
            if env.get(variable) != value:
                continue
            rss, pss = _rollup(pid)
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            found.append(Process(pid, env.get("JUPYTERHUB_USER", ""), command, rss, pss, _cpu_seconds(pid)))
    return found


@dataclass
class MemoryPeaks:
    """The highest total seen per student, and for the hub with its proxy, over repeated samples.

    CPU time only grows while a process lives, so its highest total is what the student's processes used.
    """

    rss: dict[str, int]
    pss: dict[str, int]
    cpu: dict[str, float]
    hub_rss: int = 0
    hub_pss: int = 0
    hub_cpu: float = 0.0

    def sample(self, processes: list[Process]) -> None:
        rss: dict[str, int] = {}
        pss: dict[str, int] = {}
        cpu: dict[str, float] = {}
        hub_rss = hub_pss = 0
        hub_cpu = 0.0
        for process in processes:
            if process.user:
                rss[process.user] = rss.get(process.user, 0) + process.rss
                pss[process.user] = pss.get(process.user, 0) + process.pss
                cpu[process.user] = cpu.get(process.user, 0.0) + process.cpu
            else:
                hub_rss, hub_pss, hub_cpu = hub_rss + process.rss, hub_pss + process.pss, hub_cpu + process.cpu
        for user, value in rss.items():
            self.rss[user] = max(self.rss.get(user, 0), value)
            self.pss[user] = max(self.pss.get(user, 0), pss[user])
            self.cpu[user] = max(self.cpu.get(user, 0.0), cpu[user])
        self.hub_rss, self.hub_pss = max(self.hub_rss, hub_rss), max(self.hub_pss, hub_pss)
        self.hub_cpu = max(self.hub_cpu, hub_cpu)
