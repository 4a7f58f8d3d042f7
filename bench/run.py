"""Benchmark the MyColl API against the floor of its own stack (see bench/README.md).

Starts everything itself on loopback: a fresh PostgreSQL database, the fake TMDb, the API under
gunicorn (bench.settings: the real settings with DEBUG off, plus a floor view and a query
counter). Seeds users in bulk, drives each case with wrk for a fixed time, then serves the
same bytes from a bare view (the floor) under the same gunicorn settings, and reports every
case as a ratio to its floor. Stops what it started, even on error or Ctrl-C.

    .venv/bin/python bench/run.py [--quick] [--movies 1000] [--copies 2] [--duration 8] ...
"""

from __future__ import annotations

import sys
from pathlib import Path

if not __package__:
    # Run by path (`make bench`): Python put bench/ first on sys.path. Put the project's root
    # there instead, so that the imports below work as under `python -m bench.run`.
    BENCH_DIR = Path(__file__).resolve().parent
    sys.path[:] = [str(BENCH_DIR.parent), *(p for p in sys.path if Path(p).resolve() != BENCH_DIR)]

import argparse
import contextlib
import datetime
import json
import os
import re
import resource
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from livetest import (
    HOST,
    ROOT,
    Reply,
    Server,
    fetch,
    free_port,
    migrate,
    process_group,
    run_python,
    running_gunicorn,
    server_env,
    wait_http,
)

WRK_DIR = ROOT / "bench" / "wrk"
RESULTS_DIR = ROOT / "bench" / "results"
PASSWORD = "bench-password-not-secret"
COUNT_HEADERS = {"X-Bench-Count-Queries": "1"}
MB = 1024 * 1024

CASE_NAMES = ("list", "list_after_write", "page50", "detail", "copies", "list_304", "search")

# The targets (N=1000, C=2, 2 gunicorn workers, 2 cores).
TARGET_LIST_RATIO = 0.30
TARGET_AFTER_WRITE_RATIO = 0.03
TARGET_AFTER_WRITE_QUERIES = 4
TARGET_304_RATIO = 0.60
TARGET_DETAIL_RATIO = 0.20
TARGET_PAGE_SPREAD = 0.20
TARGET_WORKER_RSS_MB = 150.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- Options -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--movies", type=int, default=1000, help="N movies per user (1000)")
    parser.add_argument("--copies", type=int, default=2, help="C copies per movie (2)")
    parser.add_argument("--duration", type=int, default=None, help="seconds per case (8)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--scale", default=None, help="Ns of the scaling table (100,1000,10000)", metavar="N,N"
    )
    parser.add_argument(
        "--cases", default=None, help="only these main cases, e.g. list,list_304 (all)"
    )
    parser.add_argument(
        "--cache",
        choices=("locmem", "redis", "both"),
        default=None,
        help="the Django cache to measure the cases with: per-worker locmem (the default\n"
        "without REDIS_URL), Redis, or both (default: both; --quick: locmem)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="2 s per case, locmem only: under 2 minutes"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server, without a database name",
    )
    parser.add_argument("--db-name", default="mycoll_bench", help="created fresh, then dropped")
    parser.add_argument(
        "--keep-db", action="store_true", help="do not drop the database at the end"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument(
        "--access-log", action="store_true", help="gunicorn access log to a file (off)"
    )
    parser.add_argument(
        "--settings",
        default="bench.settings",
        help="settings module for a variant to compare (it must import bench.settings)",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra environment variable for the API, e.g. CONN_MAX_AGE=0 (repeatable)",
    )
    parser.add_argument("--json-out", type=Path, default=None, help="bench/results/<time>.json")
    args = parser.parse_args(argv)
    args.duration = args.duration or (2 if args.quick else 8)
    args.cache = args.cache or ("locmem" if args.quick else "both")
    scale = "100,1000,10000" if args.scale is None else args.scale
    args.scale = [int(n) for n in scale.split(",") if n.strip() and n.strip() != "0"]
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()] if args.cases else None
    if any("=" not in item for item in args.env):
        parser.error("--env takes NAME=VALUE")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.db_name):
        parser.error("--db-name: lower-case letters, digits and underscores only")
    if min(args.movies, args.copies + 1, args.connections, args.threads, args.workers) < 1:
        parser.error("--movies, --connections, --threads and --workers must be at least 1")
    if args.cases and not set(args.cases) <= set(CASE_NAMES):
        parser.error(f"--cases: choose among {', '.join(CASE_NAMES)}")
    if args.movies < 10 or min(args.scale, default=10) < 10:
        parser.error("at least 10 movies per user")
    return args


# --- Tools and processes -------------------------------------------------------------------


def ensure_wrk() -> str:
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


# --- HTTP ----------------------------------------------------------------------------------


def bearer(token: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", **(extra or {})}


# --- PostgreSQL and Redis ------------------------------------------------------------------


class Database:
    def __init__(self, server_url: str, name: str) -> None:
        self.server_url = server_url.rstrip("/")
        self.name = name

    @property
    def url(self) -> str:
        return f"{self.server_url}/{self.name}"

    def _execute(self, database: str, *statements: Any) -> None:
        import psycopg2

        connection = psycopg2.connect(f"{self.server_url}/{database}", connect_timeout=10)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            connection.close()

    def create(self) -> None:
        from psycopg2 import sql

        name = sql.Identifier(self.name)
        self._execute(
            "postgres",
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name),
            sql.SQL("CREATE DATABASE {}").format(name),
        )

    def drop(self) -> None:
        from psycopg2 import sql

        name = sql.Identifier(self.name)
        self._execute("postgres", sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))

    def analyze(self) -> None:
        self._execute(self.name, "VACUUM ANALYZE")


def redis_available(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_timeout=3).ping())
    except redis.RedisError:
        return False


def redis_delete_prefix(url: str, prefix: str) -> int:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=10)
    deleted = 0
    batch: list[bytes] = []
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        batch.append(key)
        if len(batch) >= 1000:
            deleted += int(client.delete(*batch))
            batch = []
    if batch:
        deleted += int(client.delete(*batch))
    return deleted


# --- The API under gunicorn ----------------------------------------------------------------


def worker_rss_mb(server: Server) -> list[float]:
    """VmRSS of each worker (the master's children), from /proc/<pid>/status."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            status = (entry / "status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if int(fields["PPid"].strip()) == server.process.pid and "VmRSS" in fields:
                sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


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
        pids = {server.process.pid, *self.extra_pids}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError):
                status = (entry / "status").read_text()
                if f"PPid:\t{server.process.pid}\n" in status:
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


def gunicorn(
    env: dict[str, str], workers: int, log_file: Path, access_log: Path | None
) -> contextlib.AbstractContextManager[Server]:
    options = ["--worker-class", "sync"]
    if access_log:
        options += ["--access-logfile", str(access_log)]
    return running_gunicorn(env, log_file, workers, options, start_seconds=60)


# --- wrk -----------------------------------------------------------------------------------


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
    errors: dict[str, int] = {}
    extra: dict[str, Any] = {}
    for x in loads:
        for key, value in x.errors.items():
            errors[key] = errors.get(key, 0) + value
        for key, value in x.extra.items():
            extra[key] = extra.get(key, 0) + value
    return Load(
        rps=requests / seconds if seconds else 0.0,
        p50_ms=sum(x.p50_ms * x.requests for x in loads) / weight,
        p99_ms=max(x.p99_ms for x in loads),
        requests=requests,
        errors=errors,
        seconds=seconds,
        extra=extra,
        other_cpu=sum((x.other_cpu or 0.0) * x.seconds for x in loads) / (seconds or 1),
        server_cpu_ms=sum((x.server_cpu_ms or 0.0) * x.requests for x in loads) / weight,
    )


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
        duration = duration or self.duration
        argv = [
            self.binary,
            f"-t{threads or self.threads}",
            f"-c{connections or self.connections}",
            f"-d{duration}s",
            "--timeout",
            "30s",
            "-s",
            str(WRK_DIR / script),
            f"http://{HOST}:{port}{path}",
        ]
        done = subprocess.run(  # noqa: S603
            argv,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=duration + 90,
            check=False,
        )
        line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_RESULT ")), None)
        if done.returncode != 0 or line is None:
            raise RuntimeError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        result = json.loads(line.removeprefix("BENCH_RESULT "))
        seconds = result["duration_us"] / 1e6
        extra = {k: v for k, v in result.items() if k in ("writes", "all_requests")}
        return Load(
            rps=result["requests"] / seconds,
            p50_ms=result["p50_us"] / 1000,
            p99_ms=result["p99_us"] / 1000,
            requests=result["requests"],
            errors={k: int(v) for k, v in result["errors"].items() if v},
            seconds=seconds,
            extra=extra,
        )


# --- Cases ---------------------------------------------------------------------------------


@dataclass
class Writer:
    token: str
    movie_id: int


@dataclass
class Case:
    name: str  # also the floor's name: a slug
    label: str
    path: str
    token: str
    if_none_match: str = ""
    status: int = 200
    writers: list[Writer] = field(default_factory=list)  # "after a write" cases
    floor: bool = True


@dataclass
class Result:
    case: Case
    bytes: int = 0
    queries: int | None = None
    write_queries: int | None = None
    load: Load | None = None
    floor: Load | None = None
    skipped: str = ""
    connections: int = 0
    threads: int = 0

    @property
    def other_cpu(self) -> float:
        """The larger share of the CPUs that other processes took during the case or floor."""
        loads = [x for x in (self.load, self.floor) if x and x.other_cpu is not None]
        return max((x.other_cpu or 0.0 for x in loads), default=0.0)

    @property
    def cpu_ratio(self) -> float | None:
        """Floor's server CPU per request over the case's: the throughput ratio that a server
        with CPUs of its own would show."""
        if not self.load or not self.floor or not self.load.server_cpu_ms:
            return None
        return (self.floor.server_cpu_ms or 0.0) / self.load.server_cpu_ms

    @property
    def ratio(self) -> float | None:
        if not self.load or not self.floor or not self.floor.rps:
            return None
        return self.load.rps / self.floor.rps

    def as_dict(self) -> dict[str, Any]:
        def load_dict(load: Load | None) -> dict[str, Any] | None:
            if load is None:
                return None
            return {
                "rps": round(load.rps, 1),
                "p50_ms": round(load.p50_ms, 2),
                "p99_ms": round(load.p99_ms, 2),
                "requests": load.requests,
                "errors": load.errors,
                "other_cpu": None if load.other_cpu is None else round(load.other_cpu, 3),
                "server_cpu_ms": None
                if load.server_cpu_ms is None
                else round(load.server_cpu_ms, 3),
                **load.extra,
            }

        return {
            "case": self.case.name,
            "request": f"GET {self.case.path}",
            "status": self.case.status,
            "bytes": self.bytes,
            "sql_queries": self.queries,
            "write_sql_queries": self.write_queries,
            "wrk": f"-t{self.threads} -c{self.connections}" if self.load else None,
            "load": load_dict(self.load),
            "floor": load_dict(self.floor),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "cpu_ratio": None if self.cpu_ratio is None else round(self.cpu_ratio, 4),
            "skipped": self.skipped or None,
        }


class Bench:
    def __init__(
        self, args: argparse.Namespace, wrk: Wrk, floor_dir: Path, meter: CpuMeter
    ) -> None:
        self.args = args
        self.wrk = wrk
        self.floor_dir = floor_dir
        self.meter = meter

    # Capturing answers, counting queries, writing the floor.

    def _get(self, server: Server, case: Case, count: bool = False) -> Reply:
        headers = bearer(case.token, COUNT_HEADERS if count else None)
        if case.if_none_match:
            headers["If-None-Match"] = case.if_none_match
        return fetch(server.port, "GET", case.path, headers)

    def _write(self, server: Server, writer: Writer, count: bool = False) -> Reply:
        body = json.dumps({"title": f"Bench write {secrets.token_hex(4)}"}).encode()
        headers = bearer(writer.token, {"Content-Type": "application/json"})
        if count:
            headers.update(COUNT_HEADERS)
        reply = fetch(server.port, "PATCH", f"/api/v1/movies/{writer.movie_id}", headers, body)
        if reply.status != 200:
            raise RuntimeError(f"PATCH answered {reply.status}: {reply.body[:300]!r}")
        return reply

    @staticmethod
    def _queries(reply: Reply) -> int:
        return int(reply.headers.get("x-bench-queries", "-1"))

    def prepare(self, server: Server, case: Case, result: Result) -> Reply | None:
        """Warm the case, count its queries with plain requests, capture its answer."""
        if case.writers:
            for writer in case.writers:  # each writer's list once, then after a write
                self._write(server, writer)
                self._get(server, replace(case, token=writer.token))
            writer = case.writers[0]
            result.write_queries = self._queries(self._write(server, writer, count=True))
            reply = self._get(server, replace(case, token=writer.token), True)
            result.queries = self._queries(reply)
        else:
            for _ in range(2 * self.args.workers):
                self._get(server, case)
            # Steady state: the fewest queries seen (a worker may still have had a cold cache).
            replies = [self._get(server, case, count=True) for _ in range(3)]
            reply = replies[-1]
            result.queries = min(self._queries(r) for r in replies)
        if reply.status != case.status:
            result.skipped = f"answered {reply.status}, not {case.status}: {reply.body[:200]!r}"
            return None
        result.bytes = len(reply.body)
        return reply

    def save_floor(self, server: Server, name: str, reply: Reply) -> None:
        meta = {"status": reply.status, "content_type": reply.headers.get("content-type", "")}
        (self.floor_dir / f"{name}.body").write_bytes(reply.body)
        (self.floor_dir / f"{name}.json").write_text(json.dumps(meta))
        check = fetch(server.port, "GET", f"/__floor__/{name}")
        if check.status != reply.status or check.body != reply.body:
            raise RuntimeError(f"the floor of {name} does not answer the captured bytes")

    # Load.

    def load(self, server: Server, case: Case, connections: int | None, duration: int) -> Load:
        with self.meter.measure(server) as usage:
            load = self._load(server, case, connections, duration)
        return self._account(load, usage)

    @staticmethod
    def _account(load: Load, usage: Usage) -> Load:
        load.other_cpu = usage.other_share
        load.server_cpu_ms = 1000 * usage.server_cpu_s / max(1, load.requests)
        return load

    def _load(self, server: Server, case: Case, connections: int | None, duration: int) -> Load:
        if case.writers:
            writers = case.writers[: connections or len(case.writers)]
            env = {
                "BENCH_TOKENS": ",".join(w.token for w in writers),
                "BENCH_MOVIES": ",".join(str(w.movie_id) for w in writers),
                "BENCH_GET_PATH": case.path,
            }
            n = len(writers)
            return self.wrk.run(server.port, case.path, "after_write.lua", env, n, n, duration)
        env = {"BENCH_TOKEN": case.token, "BENCH_IF_NONE_MATCH": case.if_none_match}
        return self.wrk.run(server.port, case.path, "get.lua", env, None, connections, duration)

    def load_floor(
        self, server: Server, case: Case, threads: int, connections: int, duration: int
    ) -> Load:
        env = {"BENCH_TOKEN": case.token, "BENCH_IF_NONE_MATCH": case.if_none_match}
        path = f"/__floor__/{case.name}"
        with self.meter.measure(server) as usage:
            load = self.wrk.run(server.port, path, "get.lua", env, threads, connections, duration)
        return self._account(load, usage)

    def measure(
        self,
        server: Server,
        case: Case,
        with_floor: bool = True,
        connections: int | None = None,
        after_first_load: Callable[[], None] | None = None,
        floor: Load | None = None,
    ) -> Result:
        """Warm, count, then load the case (and its floor, unless `floor` is given: a floor
        measured earlier). `after_first_load` runs after the case's first load, before the
        floor has put its own copy of the bytes in the workers."""
        result = Result(case, floor=floor)
        reply = self.prepare(server, case, result)
        if reply is None:
            log(f"  {case.name}: skipped ({result.skipped})")
            return result
        if case.writers:
            result.connections = result.threads = min(
                connections or len(case.writers), len(case.writers)
            )
        else:
            result.connections = connections or self.wrk.connections
            result.threads = min(self.wrk.threads, result.connections)
        duration = self.wrk.duration
        if not (with_floor and case.floor) or floor is not None:
            result.load = self.load(server, case, connections, duration)
            if after_first_load:
                after_first_load()
        else:
            # Case, floor, floor, case, each for half the time: a drift in the machine's load
            # (other processes) weighs on both alike.
            half = max(1, duration // 2)
            first = self.load(server, case, connections, half)
            if after_first_load:
                after_first_load()
            self.save_floor(server, case.name, reply)
            floors = [
                self.load_floor(server, case, result.threads, result.connections, half)
                for _ in range(2)
            ]
            result.load = merge([first, self.load(server, case, connections, half)])
            result.floor = merge(floors)
        ratio = f", {result.ratio:.1%} of floor" if result.ratio is not None else ""
        errors = f", ERRORS {result.load.errors}" if result.load.error_count else ""
        log(
            f"  {case.name}: {result.load.rps:,.1f} req/s, p50 {result.load.p50_ms:.1f} ms, "
            f"{result.queries} SQL{ratio}{errors}, other CPU {result.other_cpu:.0%}"
        )
        return result


# --- The run -------------------------------------------------------------------------------


def seed_users(env: dict[str, str], users: list[dict[str, Any]]) -> dict[str, Any]:
    spec = json.dumps({"password": PASSWORD, "users": users})
    output = run_python(["-m", "bench.seed"], env, stdin=spec, timeout=600)
    return json.loads(output.strip().splitlines()[-1])


def obtain_tokens(port: int, usernames: list[str], parallel: int) -> dict[str, str]:
    def one(username: str) -> str:
        body = json.dumps({"username": username, "password": PASSWORD}).encode()
        reply = fetch(port, "POST", "/accounts/token/", {"Content-Type": "application/json"}, body)
        if reply.status != 200:
            raise RuntimeError(f"POST /accounts/token/ answered {reply.status}: {reply.body!r}")
        return str(json.loads(reply.body)["access"])

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return dict(zip(usernames, pool.map(one, usernames), strict=True))


def machine_info() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    free = shutil.which("free")
    memory = ""
    if free:
        memory = subprocess.run(  # noqa: S603
            [free, "-h"], capture_output=True, text=True, check=False
        ).stdout.strip()
    git = shutil.which("git")
    revision = ""
    if git:
        head = subprocess.run(  # noqa: S603
            [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(  # noqa: S603
            [git, "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        revision = f"{head} + {len(changed)} changed files" if changed else head
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "git": revision,
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "free_h": memory,
    }


def main_cases(users: dict[str, Any], tokens: dict[str, str], args: argparse.Namespace) -> list:
    main = users["bench_main"]
    token = tokens["bench_main"]
    writers = [
        Writer(tokens[f"bench_writer_{i}"], users[f"bench_writer_{i}"]["movie_ids"][0])
        for i in range(1, args.connections + 1)
    ]
    return [
        Case("list", "full movie list, unchanged", "/api/v1/movies/", token),
        Case(
            "list_after_write",
            "full movie list right after a write",
            "/api/v1/movies/",
            token,
            writers=writers,
        ),
        Case("page50", "one page of the list", "/api/v1/movies/?limit=50", token),
        Case("detail", "one movie", f"/api/v1/movies/{main['movie_ids'][0]}", token),
        Case("copies", "full copies list", "/api/v1/movies/copies/", token),
        Case("list_304", "conditional list, unchanged", "/api/v1/movies/", token, status=304),
        Case("search", "TMDb search, cached", "/api/v1/movies/search?query=Sphere", token),
    ]


def run_main(
    bench: Bench, server: Server, cases: list[Case], floors: dict[str, Load | None]
) -> list[Result]:
    """The main cases; `floors` are reused (measured with another cache: the floor does not
    touch the cache), the missing ones measured."""
    results = []
    for case in cases:
        if bench.args.cases and case.name not in bench.args.cases:
            continue
        if case.name == "list_304":
            reply = fetch(server.port, "GET", case.path, bearer(case.token))
            case.if_none_match = reply.headers.get("etag", "")
        results.append(bench.measure(server, case, floor=floors.get(case.name)))
    return results


def run_scaling(
    bench: Bench,
    start_server: Callable[[], contextlib.AbstractContextManager[Server]],
    users: dict[str, Any],
    tokens: dict[str, str],
    ns: list[int],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """For each N, a fresh gunicorn: its workers' memory reflects that N alone."""
    rows: list[dict[str, Any]] = []
    memory: dict[str, Any] = {}
    for n in ns:
        name = f"bench_scale_{n}"
        token, movie = tokens[name], users[name]["movie_ids"][0]
        log(f"scaling: N={n} (a fresh gunicorn)")
        with start_server() as server:
            memory[f"n{n}_idle_mb"] = worker_rss_mb(server)
            for kind, path in (
                ("list", "/api/v1/movies/"),
                ("page50", "/api/v1/movies/?limit=50"),
            ):

                def snapshot(key: str = f"n{n}_after_{kind}_mb", srv: Server = server) -> None:
                    memory[key] = worker_rss_mb(srv)

                cached = bench.measure(
                    server, Case(f"{kind}_n{n}", kind, path, token), after_first_load=snapshot
                )
                # One connection, one user: each GET strictly after its own write, never cached.
                fresh = bench.measure(
                    server,
                    Case(f"{kind}_aw_n{n}", kind, path, token, writers=[Writer(token, movie)]),
                    with_floor=False,
                    connections=1,
                )
                rows.append({"n": n, "kind": kind, "cached": cached, "after_write": fresh})
            memory[f"n{n}_after_all_mb"] = worker_rss_mb(server)
    return rows, memory


def page_probe(
    bench: Bench, server: Server, users: dict[str, Any], tokens: dict[str, str], ns: list[int]
) -> dict[str, Any]:
    """The page of 50 at the smallest and the largest N, in one gunicorn, alternated
    (small, large, large, small; a quarter of the time each), cached and right after a
    write: the comparison the target asks for, without the drift between separate runs."""
    small, large = min(ns), max(ns)
    path = "/api/v1/movies/?limit=50"
    probe: dict[str, Any] = {"n_small": small, "n_large": large}
    for variant in ("cached", "after_write"):
        cases = {}
        for n in (small, large):
            name = f"bench_scale_{n}"
            token = tokens[name]
            writers = (
                [Writer(token, users[name]["movie_ids"][0])] if variant == "after_write" else []
            )
            case = Case(f"page50_probe_{variant}_n{n}", "page50", path, token, writers=writers)
            bench.prepare(server, case, Result(case))
            cases[n] = case
        connections = 1 if variant == "after_write" else None
        half = max(1, bench.wrk.duration // 2)
        loads: dict[int, list[Load]] = {small: [], large: []}
        for n in (small, large, large, small):
            loads[n].append(bench.load(server, cases[n], connections, half))
        probe[variant] = {n: merge(parts) for n, parts in loads.items()}
        a, b = probe[variant][small], probe[variant][large]
        log(
            f"  page50 {variant} N={small}: p50 {a.p50_ms:.1f} ms, {a.server_cpu_ms:.2f} ms CPU; "
            f"N={large}: p50 {b.p50_ms:.1f} ms, {b.server_cpu_ms:.2f} ms CPU"
        )
    return probe


def fmt(value: float | None, spec: str = ",.1f", none: str = "-") -> str:
    return none if value is None else format(value, spec)


NOISY = 0.10  # other processes took more than this share of the CPUs: figures are low


def noise(value: float) -> str:
    return f"{value:.0%}" + ("!" if value > NOISY else "")


def print_main_table(title: str, results: list[Result]) -> None:
    print(f"\n{title}")
    header = (
        f"{'case':<16} {'bytes':>9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>3} "
        f"{'floor req/s':>11} {'ratio':>6} | {'CPU ms':>6} {'floor':>5} {'ratio':>6} | "
        f"{'other':>5}  wrk"
    )
    print(header)
    print("-" * len(header))
    notes = []
    for r in results:
        if r.skipped or r.load is None:
            print(f"{r.case.name:<16} skipped: {r.skipped[:90]}")
            continue
        floor = fmt(r.floor.rps) if r.floor else "-"
        floor_cpu = fmt(r.floor.server_cpu_ms, ".2f") if r.floor else "-"
        errors = f"  errors {r.load.errors}" if r.load.error_count else ""
        print(
            f"{r.case.name:<16} {r.bytes:>9,} {r.load.rps:>8,.1f} {r.load.p50_ms:>7.2f} "
            f"{r.load.p99_ms:>7.2f} {r.queries!s:>3} {floor:>11} {fmt(r.ratio, '.1%'):>6} | "
            f"{fmt(r.load.server_cpu_ms, '.2f'):>6} {floor_cpu:>5} "
            f"{fmt(r.cpu_ratio, '.1%'):>6} | {noise(r.other_cpu):>5}  "
            f"-t{r.threads} -c{r.connections}{errors}"
        )
        if r.write_queries is not None:
            notes.append(
                f"{r.case.name}: each GET follows a PATCH ({r.write_queries} SQL) on the same "
                "connection, one user per connection; req/s, latency and CPU ms count the GETs "
                "only (CPU ms: the write's included)."
            )
    notes += [
        "ratio: req/s over the floor's (the same bytes from a bare Django view, same gunicorn).",
        "CPU ms: server CPU per request (gunicorn workers + the PostgreSQL backends), case and "
        "floor; its ratio is what a server with CPUs of its own would show.",
        "other: share of all CPUs that processes outside the bench took during the case or its "
        f"floor ('!' above {NOISY:.0%}: the machine was busy, req/s figures are low).",
    ]
    for note in notes:
        print(f"  {note}")


def print_scaling_table(rows: list[dict[str, Any]]) -> None:
    print("\nScaling: one user with N movies (cached: wrk as above; after a write: -t1 -c1)")
    header = (
        f"{'case':<7} {'N':>6} {'bytes':>10} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'ratio':>6} {'CPU ms':>6} {'SQL':>3} | {'after a write: req/s':>20} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'CPU ms':>6} {'SQL':>3} | {'other':>5}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        c: Result = row["cached"]
        w: Result = row["after_write"]
        if c.load is None or w.load is None:
            print(f"{row['kind']:<7} {row['n']:>6} skipped: {c.skipped or w.skipped}")
            continue
        other = max(c.other_cpu, w.other_cpu)
        print(
            f"{row['kind']:<7} {row['n']:>6,} {c.bytes:>10,} {c.load.rps:>8,.1f} "
            f"{c.load.p50_ms:>7.2f} {c.load.p99_ms:>7.2f} {fmt(c.ratio, '.1%'):>6} "
            f"{fmt(c.load.server_cpu_ms, '.2f'):>6} {c.queries!s:>3} | {w.load.rps:>20,.1f} "
            f"{w.load.p50_ms:>7.2f} {w.load.p99_ms:>7.2f} {fmt(w.load.server_cpu_ms, '.2f'):>6} "
            f"{w.queries!s:>3} | {noise(other):>5}"
        )
    print("  after a write: CPU ms includes the write before each GET.")


def evaluate_targets(
    results: list[Result],
    rows: list[dict[str, Any]],
    memory: dict[str, Any],
    probe: dict[str, Any],
) -> list[dict[str, Any]]:
    by_name = {r.case.name: r for r in results}
    targets: list[dict[str, Any]] = []

    def add(
        name: str, measured: str, holds: bool | None, *parts: Result | None, other: float = 0.0
    ) -> None:
        other = max([other, *(r.other_cpu for r in parts if r is not None)])
        targets.append(
            {"target": name, "measured": measured, "holds": holds, "other_cpu": round(other, 3)}
        )

    def ratio_target(case: str, goal: float, text: str) -> None:
        result = by_name.get(case)
        ratio = result.ratio if result else None
        holds = None if ratio is None else ratio >= goal
        add(text, fmt(ratio, ".1%", "not measured"), holds, result)

    ratio_target("list", TARGET_LIST_RATIO, "full list unchanged >= 30% of its floor")
    ratio_target(
        "list_after_write", TARGET_AFTER_WRITE_RATIO, "full list after a write >= 3% of its floor"
    )
    after_write = by_name.get("list_after_write")
    queries = after_write.queries if after_write else None
    add(
        "full list after a write: at most 4 SQL queries",
        f"{queries} queries",
        None if queries is None else queries <= TARGET_AFTER_WRITE_QUERIES,
    )
    ratio_target("list_304", TARGET_304_RATIO, "conditional list (304) >= 60% of an empty 304")
    ratio_target("detail", TARGET_DETAIL_RATIO, "movie detail >= 20% of its floor")

    if probe:
        small, large = probe["n_small"], probe["n_large"]
        span = f"N={small:,} -> N={large:,}"
        a, b = probe["cached"][small], probe["cached"][large]
        # Under -c8 the p50 is mostly queueing: the server's CPU time per request is the
        # page's own cost. A page no slower at the larger N holds, however much faster.
        spread = (b.server_cpu_ms or 0) / (a.server_cpu_ms or 1) - 1
        add(
            f"page of 50, cached: server time per request at most 20% more ({span})",
            f"{a.server_cpu_ms or 0:.2f} -> {b.server_cpu_ms or 0:.2f} ms CPU ({spread:+.0%}); "
            f"p50 {a.p50_ms:.1f} -> {b.p50_ms:.1f} ms",
            spread <= TARGET_PAGE_SPREAD,
            other=max(a.other_cpu or 0.0, b.other_cpu or 0.0),
        )
        a, b = probe["after_write"][small], probe["after_write"][large]
        # One connection: the GET's p50 is its service time.
        spread = b.p50_ms / a.p50_ms - 1 if a.p50_ms else 0.0
        add(
            f"page of 50, right after a write: GET p50 (-c1) at most 20% more ({span})",
            f"{a.p50_ms:.1f} -> {b.p50_ms:.1f} ms ({spread:+.0%}); CPU per write+GET "
            f"{a.server_cpu_ms or 0:.1f} -> {b.server_cpu_ms or 0:.1f} ms",
            spread <= TARGET_PAGE_SPREAD,
            other=max(a.other_cpu or 0.0, b.other_cpu or 0.0),
        )
    biggest = max((row["n"] for row in rows), default=0)
    sizes = memory.get(f"n{biggest}_after_list_mb")
    if sizes:
        add(
            f"worker RSS < 150 MB after serving the {biggest:,}-movie list (fresh gunicorn)",
            " / ".join(f"{s:.0f} MB" for s in sizes),
            max(sizes) < TARGET_WORKER_RSS_MB,
        )
    return targets


def _interrupted(signum: int, frame: Any) -> None:
    log(f"{signal.Signals(signum).name}: stopping everything the bench started")
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupted)
    wrk = Wrk(ensure_wrk(), args.duration, args.threads, args.connections)
    machine = machine_info()
    log(
        f"{machine['nproc']} CPUs ({machine['cpu_model']}); N={args.movies} C={args.copies}, "
        f"{args.workers} workers, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s, cache {args.cache}, scale {args.scale}"
    )
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="mycoll-bench-")))
        floor_dir = tmp / "floor"
        floor_dir.mkdir()
        database = Database(args.pg_url, args.db_name)
        log(f"database {args.db_name}: created fresh on {args.pg_url}")
        database.create()
        if not args.keep_db:
            stack.callback(database.drop)
        overrides = {
            "DJANGO_SETTINGS_MODULE": args.settings,
            "TMDB_API_KEY": "fake",
            "TMDB_READ_ACCESS_TOKEN": "",
            "BENCH_FLOOR_DIR": str(floor_dir),
            # Rate limits off: one user at hundreds of requests a second would get 429s.
            "THROTTLE_USER": "none",
            "THROTTLE_TMDB": "none",
            "THROTTLE_AUTH_IP": "none",
            "THROTTLE_AUTH_USERNAME": "none",
            **dict(item.split("=", 1) for item in args.env),
        }
        env = server_env(database.url, **overrides)
        migrate(env, timeout=300)

        users_spec = [{"username": "bench_main", "movies": args.movies, "copies": args.copies}]
        users_spec += [
            {"username": f"bench_writer_{i}", "movies": args.movies, "copies": args.copies}
            for i in range(1, args.connections + 1)
        ]
        users_spec += [
            {"username": f"bench_scale_{n}", "movies": n, "copies": args.copies} for n in args.scale
        ]
        total = sum(u["movies"] for u in users_spec)
        log(f"seeding {len(users_spec)} users, {total:,} movies, {total * args.copies:,} copies")
        users = seed_users(env, users_spec)
        database.analyze()

        meter = CpuMeter(args.db_name)
        fake_port = free_port()
        if (ROOT / "tmdb" / "tests" / "fake_server.py").is_file():
            fake = stack.enter_context(
                process_group(
                    [sys.executable, "-m", "tmdb.tests.fake_server", "--port", str(fake_port)],
                    env,
                    tmp / "fake_tmdb.log",
                )
            )
            wait_http(fake_port, "/__control__", fake, tmp / "fake_tmdb.log")
            meter.extra_pids.append(fake.pid)
        env["TMDB_API_URL"] = f"http://{HOST}:{fake_port}/3"

        access_log = tmp / "access.log" if args.access_log else None
        bench = Bench(args, wrk, floor_dir, meter)
        results: dict[str, list[Result]] = {}
        log(f"main cases, locmem cache ({args.workers} gunicorn workers)")
        with gunicorn(env, args.workers, tmp / "gunicorn.log", access_log) as server:
            tokens = obtain_tokens(server.port, [u["username"] for u in users_spec], args.workers)
            memory: dict[str, Any] = {"main_idle_mb": worker_rss_mb(server)}
            if args.cache in ("locmem", "both"):
                results["locmem"] = run_main(bench, server, main_cases(users, tokens, args), {})
                memory["main_after_cases_mb"] = worker_rss_mb(server)
        floors = {r.case.name: r.floor for r in results.get("locmem", [])}

        rows: list[dict[str, Any]] = []
        scale_memory: dict[str, Any] = {}
        probe: dict[str, Any] = {}
        if args.scale:
            log("scaling, locmem cache")
            rows, scale_memory = run_scaling(
                bench,
                lambda: gunicorn(env, args.workers, tmp / "gunicorn.log", access_log),
                users,
                tokens,
                args.scale,
            )
            memory["scaling"] = scale_memory
            if len(args.scale) >= 2:
                log("page of 50 at the smallest and largest N, alternated (a fresh gunicorn)")
                with gunicorn(env, args.workers, tmp / "gunicorn.log", access_log) as server:
                    probe = page_probe(bench, server, users, tokens, args.scale)

        if args.cache in ("redis", "both"):
            if redis_available(args.redis_url):
                prefix = f"mycoll-bench-{os.getpid()}-{secrets.token_hex(3)}"
                stack.callback(redis_delete_prefix, args.redis_url, prefix)
                redis_env = {**env, "REDIS_URL": args.redis_url, "BENCH_CACHE_PREFIX": prefix}
                log(f"main cases, Redis cache at {args.redis_url} (prefix {prefix})")
                with gunicorn(redis_env, args.workers, tmp / "gunicorn.log", access_log) as srv:
                    cases = main_cases(users, tokens, args)
                    results["redis"] = run_main(bench, srv, cases, floors)
                    memory["redis_after_cases_mb"] = worker_rss_mb(srv)
            else:
                log(f"Redis not reachable at {args.redis_url}: Redis cases skipped")

        primary = results.get("locmem") or results.get("redis") or []
        targets = evaluate_targets(primary, rows, scale_memory, probe)
        elapsed = time.monotonic() - started

    print(
        f"\nMyColl API vs its floor - {machine['date']}, {machine['nproc']} CPUs "
        f"({machine['cpu_model']}); N={args.movies} movies x C={args.copies} copies; "
        f"gunicorn {args.workers} sync workers; wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s; PostgreSQL {args.pg_url}; code {machine['git']}"
    )
    for cache, cache_results in results.items():
        title = "locmem (per worker)" if cache == "locmem" else "Redis (shared)"
        print_main_table(f"Cases, Django cache: {title}", cache_results)
    if rows:
        print_scaling_table(rows)
    print("\nWorker memory (VmRSS, MB, one figure per worker)")
    snapshots = {k: v for k, v in memory.items() if k != "scaling"} | scale_memory
    for key, value in snapshots.items():
        print(f"  {key:<24} {' / '.join(f'{s:.0f}' for s in value)}")
    print("\nTargets (N=1000, C=2, 2 workers, 2 cores)")
    for t in targets:
        verdict = {True: "HOLDS", False: "MISSES", None: "n/a"}[t["holds"]]
        busy = f" [noisy: other CPU {t['other_cpu']:.0%}]" if t["other_cpu"] > NOISY else ""
        print(f"  {verdict:<7} {t['target']}: {t['measured']}{busy}")
    print(f"\nTotal time {elapsed:.0f} s")

    report = {
        "machine": machine,
        "settings": {
            "movies": args.movies,
            "copies": args.copies,
            "duration_s": args.duration,
            "threads": args.threads,
            "connections": args.connections,
            "workers": args.workers,
            "scale": args.scale,
            "cache": args.cache,
        },
        "cases": {cache: [r.as_dict() for r in rs] for cache, rs in results.items()},
        "scaling": [
            {
                "n": row["n"],
                "kind": row["kind"],
                "cached": row["cached"].as_dict(),
                "after_write": row["after_write"].as_dict(),
            }
            for row in rows
        ],
        "page_probe": {
            variant: {
                str(n): {
                    "rps": round(x.rps, 1),
                    "p50_ms": round(x.p50_ms, 2),
                    "p99_ms": round(x.p99_ms, 2),
                    "server_cpu_ms": round(x.server_cpu_ms or 0.0, 3),
                    "other_cpu": round(x.other_cpu or 0.0, 3),
                }
                for n, x in probe[variant].items()
            }
            for variant in ("cached", "after_write")
            if probe
        },
        "memory_mb": memory,
        "targets": targets,
        "elapsed_s": round(elapsed, 1),
    }
    line = json.dumps(report, separators=(",", ":"))
    out = args.json_out or RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(line + "\n")
    print(f"(saved to {out})")
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
