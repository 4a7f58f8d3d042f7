"""wrk: installing it, running it with one of bench/wrk's Lua scripts, and its figures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.progress import log
from livetest import HOST

WRK_DIR = Path(__file__).resolve().parent / "wrk"
RESULT_PREFIX = "BENCH_RESULT "  # the line the Lua scripts print their figures on, as JSON


def ensure_wrk() -> str:
    """The path of wrk, installed with apt-get first if it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    if not apt:
        raise SystemExit("wrk is not installed and apt-get is not available: install wrk.")
    log("wrk is not installed: apt-get install -y wrk")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=env, timeout=600, check=False).returncode != 0:  # noqa: S603
        subprocess.run([apt, "update"], env=env, timeout=600, check=True)  # noqa: S603
        subprocess.run(install, env=env, timeout=600, check=True)  # noqa: S603
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk could not be installed.")
    return found


@dataclass
class Load:
    """One wrk run: requests per second, latency, errors."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: dict[str, int]
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    other_cpu: float | None = None  # share of all CPUs used by processes outside the bench
    server_cpu_ms: float | None = None  # server CPU (gunicorn + PostgreSQL) per request

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def merge(loads: list[Load]) -> Load:
    """Runs of one case taken in parts: rates and CPU over the whole time; the latency
    percentiles are the request-weighted mean of the parts' (p50) and the worst part's (p99)."""
    if len(loads) == 1:
        return loads[0]
    requests = sum(x.requests for x in loads)
    seconds = sum(x.seconds for x in loads)
    weight = max(1, requests)
    return Load(
        rps=requests / seconds if seconds else 0.0,
        p50_ms=sum(x.p50_ms * x.requests for x in loads) / weight,
        p99_ms=max(x.p99_ms for x in loads),
        requests=requests,
        errors=_add_up([x.errors for x in loads]),
        seconds=seconds,
        extra=_add_up([x.extra for x in loads]),
        other_cpu=sum((x.other_cpu or 0.0) * x.seconds for x in loads) / (seconds or 1),
        server_cpu_ms=sum((x.server_cpu_ms or 0.0) * x.requests for x in loads) / weight,
    )


def _add_up(counts: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for one in counts:
        for key, value in one.items():
            total[key] = total.get(key, 0) + value
    return total


@dataclass
class Wrk:
    binary: str
    duration: int
    threads: int
    connections: int

    def run(
        self,
        port: int,
        path: str,
        script: str,
        env: dict[str, str],
        threads: int | None = None,
        connections: int | None = None,
        duration: int | None = None,
    ) -> Load:
        """wrk on `path` with bench/wrk/`script`, which reads its settings from `env`."""
        duration = duration or self.duration
        shape = [f"-t{threads or self.threads}", f"-c{connections or self.connections}"]
        target = ["-s", str(WRK_DIR / script), f"http://{HOST}:{port}{path}"]
        done = subprocess.run(  # noqa: S603
            [self.binary, *shape, f"-d{duration}s", "--timeout", "30s", *target],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=duration + 90,
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith(RESULT_PREFIX)), None)
        if done.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return _load_from(json.loads(line.removeprefix(RESULT_PREFIX)))


def _load_from(result: dict[str, Any]) -> Load:
    """A Load from the figures a Lua script printed."""
    seconds = result["duration_us"] / 1e6
    return Load(
        rps=result["requests"] / seconds,
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        requests=result["requests"],
        errors={k: int(v) for k, v in result["errors"].items() if v},
        seconds=seconds,
        extra={k: v for k, v in result.items() if k in ("writes", "all_requests")},
    )
