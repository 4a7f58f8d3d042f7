"""What the bench runs the API with: its own PostgreSQL database, Redis, the fake TMDb, and
the API itself under gunicorn with bench.settings."""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from livetest import HOST, ROOT, Server, free_port, process_group, running_gunicorn, wait_http

FAKE_TMDB = ROOT / "tmdb" / "tests" / "fake_server.py"
START_SECONDS = 60


class Database:
    """A database of the bench's own on a PostgreSQL server."""

    def __init__(self, server_url: str, name: str) -> None:
        self.server_url = server_url.rstrip("/")
        self.name = name

    @property
    def url(self) -> str:
        return f"{self.server_url}/{self.name}"

    def _execute(self, database: str, *statements: Any) -> list[tuple]:
        """Each statement in autocommit; the rows of the last one."""
        import psycopg2

        connection = psycopg2.connect(f"{self.server_url}/{database}", connect_timeout=10)
        rows: list[tuple] = []
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                for statement in statements:
                    sql, params = statement if isinstance(statement, tuple) else (statement, None)
                    cursor.execute(sql, params)
                    rows = cursor.fetchall() if cursor.description else []
        finally:
            connection.close()
        return rows

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """One statement on the bench's database, from a connection of its own."""
        return self._execute(self.name, (sql, params))

    def create(self) -> None:
        """Fresh: dropped first if it exists."""
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
    """Delete the keys under `prefix`, a thousand at a time; how many there were."""
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


SERVER_COMMANDS = ("make-run", "bench", "gthread")
# `make run`'s line with threads and keep-alive: the variant the default is weighed against.
GTHREAD_OPTIONS = ["--worker-class", "gthread", "--threads", "4", "--keep-alive", "5"]


def make_run_options() -> list[str]:
    """The options `make run` gives gunicorn beyond its address and workers (the Makefile's
    GUNICORN_OPTIONS), as make itself expands them."""
    make = shutil.which("make")
    if not make:
        raise SystemExit(
            "make is needed to read `make run`'s gunicorn options (or --servers bench)"
        )
    done = subprocess.run(  # noqa: S603
        [make, "-s", "--no-print-directory", "print-gunicorn-options"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return shlex.split(done.stdout)


def server_options(command: str, access_log: Path | None) -> list[str]:
    """gunicorn's options for a server command: `make-run` is `make run`'s own line (its
    access log on stdout, into the server's log file); `gthread` the same with 4 threads per
    worker and keep-alive; `bench` is sync workers without an access log (--access-log: into
    a file)."""
    if command == "make-run":
        return make_run_options()
    if command == "gthread":
        return [*make_run_options(), *GTHREAD_OPTIONS]
    options = ["--worker-class", "sync"]
    if access_log:
        options += ["--access-logfile", str(access_log)]
    return options


def running_api(
    env: dict[str, str], workers: int, log: Path, options: list[str]
) -> contextlib.AbstractContextManager[Server]:
    """The API (or, with DJANGO_SETTINGS_MODULE=bench.bare, the bare floor) under gunicorn with
    `options`, on a free loopback port."""
    return running_gunicorn(env, log, workers, options, start_seconds=START_SECONDS)


@contextlib.contextmanager
def running_fake_tmdb(env: dict[str, str], log: Path) -> Iterator[tuple[str, int | None]]:
    """The fake TMDb in a process group of its own: its TMDB_API_URL and its pid (None, and
    nothing started, in a tree without tmdb/tests/fake_server.py)."""
    port = free_port()
    api_url = f"http://{HOST}:{port}/3"
    if not FAKE_TMDB.is_file():
        yield api_url, None
        return
    argv = [sys.executable, "-m", "tmdb.tests.fake_server", "--port", str(port)]
    with process_group(argv, env, log) as fake:
        wait_http(port, "/__control__", fake, log)
        yield api_url, fake.pid
