"""What /proc says: the CPU time of the bench's server side and of everything else, and the
resident memory of gunicorn's workers."""

from __future__ import annotations

import contextlib
import os
import resource
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from livetest import Server

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_ids() -> Iterator[Path]:
    """/proc/<pid> of every process."""
    return (entry for entry in Path("/proc").iterdir() if entry.name.isdigit())


def worker_rss_mb(server: Server) -> list[float]:
    """VmRSS of each worker (the master's children), from /proc/<pid>/status."""
    sizes = []
    for entry in _process_ids():
        with contextlib.suppress(OSError):
            status = (entry / "status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if int(fields["PPid"].strip()) == server.process.pid and "VmRSS" in fields:
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def _process_cpu(pid: int) -> float:
    """User + system CPU seconds of one process (0 if it is gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@dataclass
class Usage:
    other_share: float = 0.0  # of all CPUs, by processes outside the bench
    server_cpu_s: float = 0.0  # gunicorn (master, workers) and the bench database's backends


class CpuMeter:
    """CPU used during a run: by the server side of the bench, and by everything else.

    The machine may be shared (other people's tests, builds): a run where other processes
    took a noticeable share of the CPUs is flagged, since its throughput is then low. The
    server's CPU time per request does not depend on that much, so it is reported too.
    Server: gunicorn's master and workers, the PostgreSQL backends of the bench database and
    the fake TMDb. Client: wrk and this runner.
    """

    def __init__(self, db_name: str) -> None:
        self.db_name = db_name
        self.extra_pids: list[int] = []

    def _server(self, server: Server) -> dict[int, float]:
        master = server.process.pid
        pids = {master, *self.extra_pids}
        for entry in _process_ids():
            with contextlib.suppress(OSError):
                status = (entry / "status").read_text()
                if f"PPid:\t{master}\n" in status:
                    pids.add(int(entry.name))
                elif status.startswith("Name:\tpostgres"):
                    command = (entry / "cmdline").read_bytes().decode(errors="replace")
                    if f" {self.db_name} " in command:
                        pids.add(int(entry.name))
        return {pid: _process_cpu(pid) for pid in pids}

    @staticmethod
    def _client() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk, once it has exited
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    @staticmethod
    def _busy() -> float:
        values = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = values
        return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS

    @contextlib.contextmanager
    def measure(self, server: Server) -> Iterator[Usage]:
        usage = Usage()
        busy, client, started = self._busy(), self._client(), time.monotonic()
        before = self._server(server)
        yield usage
        after = self._server(server)
        wall = time.monotonic() - started
        usage.server_cpu_s = sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())
        other = self._busy() - busy - usage.server_cpu_s - (self._client() - client)
        usage.other_share = max(0.0, other) / (wall * (os.cpu_count() or 1))
