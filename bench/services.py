"""What the bench runs the API with: its own PostgreSQL database, Redis, the fake TMDb, and
the API itself under gunicorn with bench.settings."""

from __future__ import annotations

import contextlib
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


def running_api(
    env: dict[str, str], workers: int, log: Path, access_log: Path | None
) -> contextlib.AbstractContextManager[Server]:
    """The API under gunicorn, sync workers, on a free loopback port."""
    options = ["--worker-class", "sync"]
    if access_log:
        options += ["--access-logfile", str(access_log)]
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
