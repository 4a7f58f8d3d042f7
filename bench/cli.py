"""The bench's options (`bench/run.py --help`): their defaults, and what they must be."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from bench.cases import CASE_NAMES
from bench.services import SERVER_COMMANDS

DESCRIPTION = "Benchmark the MyColl API against the floor of its own stack (see bench/README.md)."
DEFAULT_SCALE = "100,1000,10000"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    _add_workload_options(parser)
    _add_service_options(parser)
    _add_variant_options(parser)
    parser.add_argument("--json-out", type=Path, default=None, help="bench/results/<time>.json")
    args = parser.parse_args(argv)
    _fill_in_defaults(args)
    _check(parser, args)
    return args


def _add_workload_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--movies", type=int, default=1000, help="N titles per user (1000)")
    parser.add_argument("--copies", type=int, default=2, help="C copies per title (2)")
    parser.add_argument(
        "--duration",
        type=int,
        default=None,
        help="seconds per repeat for the case, and as many for each floor (4; --quick: 2)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="repeats per case, medians reported (3; --quick: 1)",
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--servers",
        default=None,
        help="gunicorn command lines to measure, the first one judged: make-run (`make run`'s\n"
        "own, access log on), bench (sync workers, no access log), gthread (make-run with 4\n"
        "threads and keep-alive) (make-run,bench; --quick: make-run)",
        metavar="NAME,NAME",
    )
    parser.add_argument(
        "--scale", default=None, help="Ns of the scaling table (100,1000,10000)", metavar="N,N"
    )
    parser.add_argument(
        "--cases", default=None, help="only these main cases, e.g. movies-list,copies-304 (all)"
    )
    parser.add_argument(
        "--cache",
        choices=("locmem", "redis", "both"),
        default=None,
        help="the Django cache to measure the cases with: per-worker locmem (the default\n"
        "without REDIS_URL), Redis, or both (default: both; --quick: locmem)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="2 s per case and floor, once, make-run and locmem only: about 5 minutes",
    )


def _add_service_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server, without a database name",
    )
    parser.add_argument(
        "--db-name",
        default=os.environ.get("BENCH_DB_NAME", "mycoll_bench"),
        help="created fresh, then dropped (BENCH_DB_NAME; mycoll_bench)",
    )
    parser.add_argument(
        "--keep-db", action="store_true", help="do not drop the database at the end"
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument(
        "--pg-log",
        default=None,
        help="PostgreSQL's log file, to count round trips (pg_current_logfile(), else\n"
        "/var/log/postgresql/postgresql-<major>-<cluster>.log)",
    )
    parser.add_argument(
        "--access-log", action="store_true", help="gunicorn access log to a file (off)"
    )


def _add_variant_options(parser: argparse.ArgumentParser) -> None:
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


def _fill_in_defaults(args: argparse.Namespace) -> None:
    """The defaults that depend on --quick, and the lists written as comma-separated text."""
    args.duration = args.duration or (2 if args.quick else 4)
    args.repeat = args.repeat or (1 if args.quick else 3)
    args.cache = args.cache or ("locmem" if args.quick else "both")
    servers = args.servers or ("make-run" if args.quick else "make-run,bench")
    args.servers = [s.strip() for s in servers.split(",") if s.strip()]
    scale = DEFAULT_SCALE if args.scale is None else args.scale
    args.scale = [int(n) for n in scale.split(",") if n.strip() and n.strip() != "0"]
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()] if args.cases else None


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if any("=" not in item for item in args.env):
        parser.error("--env takes NAME=VALUE")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.db_name):
        parser.error("--db-name: lower-case letters, digits and underscores only")
    if min(args.movies, args.copies + 1, args.connections, args.threads, args.workers) < 1:
        parser.error("--movies, --connections, --threads and --workers must be at least 1")
    if not args.servers or not set(args.servers) <= set(SERVER_COMMANDS):
        parser.error(f"--servers: choose among {', '.join(SERVER_COMMANDS)}")
    if args.repeat < 1 or args.duration < 1:
        parser.error("--repeat and --duration must be at least 1")
    if args.cases and not set(args.cases) <= set(CASE_NAMES):
        parser.error(f"--cases: choose among {', '.join(CASE_NAMES)}")
    if args.movies < 10 or min(args.scale, default=10) < 10:
        parser.error("at least 10 movies per user")
