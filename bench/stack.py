"""Everything a run starts before its first case: a temporary directory, a fresh database,
migrated and seeded, the fake TMDb, and the environment the API is started with. All of it is
stopped or removed when the run's ExitStack closes."""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.meters import CpuMeter
from bench.progress import log
from bench.services import Database, running_api, running_fake_tmdb
from bench.users import seed_users, users_spec
from livetest import Server, migrate, server_env

# Rate limits off: one user at hundreds of requests a second would get 429s.
NO_THROTTLES = {
    "THROTTLE_USER": "none",
    "THROTTLE_TMDB": "none",
    "THROTTLE_AUTH_IP": "none",
    "THROTTLE_AUTH_USERNAME": "none",
}


@dataclass
class Stack:
    args: argparse.Namespace
    tmp: Path
    floor_dir: Path  # where the runner writes the bytes each floor answers
    env: dict[str, str]  # the API's environment
    usernames: list[str]
    users: dict[str, Any]  # what bench/seed.py answered: ids and movie ids
    meter: CpuMeter

    def api(self, env: dict[str, str] | None = None) -> contextlib.AbstractContextManager[Server]:
        """A fresh gunicorn serving the API, with `env` or the stack's environment."""
        access_log = self.tmp / "access.log" if self.args.access_log else None
        return running_api(
            env or self.env, self.args.workers, self.tmp / "gunicorn.log", access_log
        )


def api_env(args: argparse.Namespace, database_url: str, floor_dir: Path) -> dict[str, str]:
    """The API's environment: bench.settings (or the variant's), the fake TMDb's key, no
    throttles, then --env."""
    overrides = {
        "DJANGO_SETTINGS_MODULE": args.settings,
        "TMDB_API_KEY": "fake",
        "TMDB_READ_ACCESS_TOKEN": "",
        "BENCH_FLOOR_DIR": str(floor_dir),
        **NO_THROTTLES,
        **dict(item.split("=", 1) for item in args.env),
    }
    return server_env(database_url, **overrides)


def start_stack(args: argparse.Namespace, exits: contextlib.ExitStack) -> Stack:
    tmp = Path(exits.enter_context(tempfile.TemporaryDirectory(prefix="mycoll-bench-")))
    floor_dir = tmp / "floor"
    floor_dir.mkdir()
    database = _fresh_database(args, exits)
    env = api_env(args, database.url, floor_dir)
    migrate(env, timeout=300)
    spec = users_spec(args)
    users = _seed(env, spec, args.copies, database)
    meter = CpuMeter(args.db_name)
    api_url, fake_pid = exits.enter_context(running_fake_tmdb(env, tmp / "fake_tmdb.log"))
    if fake_pid is not None:
        meter.extra_pids.append(fake_pid)
    env["TMDB_API_URL"] = api_url
    usernames = [u["username"] for u in spec]
    return Stack(args, tmp, floor_dir, env, usernames, users, meter)


def _fresh_database(args: argparse.Namespace, exits: contextlib.ExitStack) -> Database:
    """The bench's database, created fresh, dropped when the run ends unless --keep-db."""
    database = Database(args.pg_url, args.db_name)
    log(f"database {args.db_name}: created fresh on {args.pg_url}")
    database.create()
    if not args.keep_db:
        exits.callback(database.drop)
    return database


def _seed(
    env: dict[str, str], spec: list[dict[str, Any]], copies: int, database: Database
) -> dict[str, Any]:
    total = sum(u["movies"] for u in spec)
    log(f"seeding {len(spec)} users, {total:,} movies, {total * copies:,} copies")
    users = seed_users(env, spec)
    database.analyze()
    return users
