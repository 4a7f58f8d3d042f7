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
from bench.services import Database, running_api, running_fake_tmdb, server_options
from bench.users import seed_users, users_spec
from livetest import Server, migrate, server_env

BARE_SETTINGS = "bench.bare"
# Rate limits off: one user at hundreds of requests a second would get 429s.
NO_THROTTLES = {
    "THROTTLE_USER": "none",
    "THROTTLE_TMDB": "none",
    "THROTTLE_AUTH_IP": "none",
    "THROTTLE_AUTH_USERNAME": "none",
}
# The tokens are obtained once, at the start: they must outlive a whole run (30 minutes and
# more), where the API's default access token lives 30 minutes.
RUN_TOKEN_MINUTES = {"JWT_ACCESS_MINUTES": "720"}


@dataclass
class Stack:
    args: argparse.Namespace
    tmp: Path
    floor_dir: Path  # where the runner writes the bytes each floor answers
    env: dict[str, str]  # the API's environment
    usernames: list[str]
    users: dict[str, Any]  # what bench/seed.py answered: each user's id and item ids
    meter: CpuMeter
    database: Database

    def api(
        self, env: dict[str, str] | None = None, command: str = "bench", workers: int = 0
    ) -> contextlib.AbstractContextManager[Server]:
        """A fresh gunicorn serving the API under a server command (bench.services), with
        `env` or the stack's environment."""
        access_log = self.tmp / "access.log" if self.args.access_log else None
        options = server_options(command, access_log)
        log = self.tmp / f"gunicorn-{command}.log"
        return running_api(env or self.env, workers or self.args.workers, log, options)

    def bare(self, command: str = "bench") -> contextlib.AbstractContextManager[Server]:
        """The bare floor (bench/bare.py) under the same gunicorn command line as the API."""
        env = {**self.env, "DJANGO_SETTINGS_MODULE": BARE_SETTINGS}
        options = server_options(
            command, self.tmp / "access-bare.log" if self.args.access_log else None
        )
        log = self.tmp / f"bare-{command}.log"
        return running_api(env, self.args.workers, log, options)


def api_env(args: argparse.Namespace, database_url: str, floor_dir: Path) -> dict[str, str]:
    """The API's environment: bench.settings (or the variant's), the fake TMDb's key, no
    throttles, then --env."""
    overrides = {
        "DJANGO_SETTINGS_MODULE": args.settings,
        "TMDB_API_KEY": "fake",
        "TMDB_READ_ACCESS_TOKEN": "",
        "BENCH_FLOOR_DIR": str(floor_dir),
        **NO_THROTTLES,
        **RUN_TOKEN_MINUTES,
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
    return Stack(args, tmp, floor_dir, env, usernames, users, meter, database)


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
    total = sum(size["count"] for u in spec for size in u["media"].values())
    log(f"seeding {len(spec)} users, {total:,} titles, {total * copies:,} copies")
    users = seed_users(env, spec)
    database.analyze()
    return users
