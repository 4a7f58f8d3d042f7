"""PostgreSQL stops and comes back while gunicorn serves: requests in between answer a JSON
503, the service recovers by itself, and no acknowledged write is lost.

The server under test gets a PostgreSQL of its own (a throwaway cluster from the machine's
PostgreSQL binaries on a free port), so stopping it disturbs nothing else.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg2
import pytest

from livetest import free_port, migrate, running_gunicorn, server_env

pytestmark = pytest.mark.e2e

OUTAGE_SECONDS = 2.0


class ThrowawayPostgres:
    def __init__(self) -> None:
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        assert binaries, "PostgreSQL's server binaries are not installed"
        self.bin = Path(binaries[-1]).parent
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="mycoll-pg-"))
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/mycoll"

    def run(self, *args: str) -> None:
        # PostgreSQL refuses to run as root: as root, run it as the postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*prefix, *args], capture_output=True, text=True, timeout=60, cwd=self.dir
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def init(self) -> None:
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.dir, postgres.pw_uid, postgres.pw_gid)
        self.run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
        )
        self.start()
        admin = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres")
        try:
            admin.autocommit = True
            admin.cursor().execute("CREATE DATABASE mycoll")
        finally:
            admin.close()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def execute(self, statement: str) -> None:
        admin = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres")
        try:
            admin.autocommit = True
            admin.cursor().execute(statement)
        finally:
            admin.close()

    def log_text(self) -> str:
        return (self.dir / "log").read_text(errors="replace")

    def movie_ids(self) -> set[int]:
        with psycopg2.connect(self.url) as connection:
            cursor = connection.cursor()
            cursor.execute("SELECT id FROM movies_movie")
            ids = {row[0] for row in cursor.fetchall()}
        connection.close()
        return ids

    def remove(self) -> None:
        subprocess.run(
            [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=30,
            check=False,
            user="postgres" if os.geteuid() == 0 else None,
        )
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def postgres() -> Iterator[ThrowawayPostgres]:
    server = ThrowawayPostgres()
    try:
        server.init()
        yield server
    finally:
        server.remove()


class Writer(threading.Thread):
    """Adds movies one after another until told to stop; keeps every answer."""

    def __init__(self, server, token: str) -> None:
        super().__init__(daemon=True)
        self.server, self.token = server, token
        self.answers: list[tuple[float, float, int, dict]] = []  # (sent, answered, status, body)
        self.halt = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.halt.is_set():
            n += 1
            body = {"title": f"Movie {n}", "release_year": 2000}
            sent = time.monotonic()
            response = self.server.call("POST", "/api/v1/movies/", self.token, json=body)
            self.answers.append((sent, time.monotonic(), response.status_code, response.json()))
            time.sleep(0.02)

    def acknowledged(self) -> set[int]:
        return {body["id"] for *_, status, body in self.answers if status == 201}

    def successes_since(self, moment: float) -> int:
        return sum(1 for sent, _, status, _ in self.answers if status == 201 and sent > moment)


def wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_it_answers_503_while_postgresql_is_down_and_recovers_by_itself(postgres, tmp_path):
    env = server_env(postgres.url, THROTTLE_USER="none", CONN_MAX_AGE="600")
    migrate(env)
    with running_gunicorn(env, tmp_path / "gunicorn.log", workers=2) as server:
        token = server.sign_up("survivor")
        writer = Writer(server, token)
        writer.start()
        try:
            wait_for(lambda: writer.successes_since(0) >= 10, 20)
            postgres.stop()
            down_at = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
            during_read = server.call("GET", "/api/v1/movies/", token)
            health = server.call("GET", "/healthz")
            restarting_at = time.monotonic()
            postgres.start()
            up_at = time.monotonic()
            wait_for(lambda: writer.successes_since(up_at) >= 10, 20)
        finally:
            writer.halt.set()
            writer.join(15)
        after = server.call("GET", "/api/v1/movies/", token)
        gunicorn_alive = server.process.poll() is None

    statuses = {status for *_, status, _ in writer.answers}
    outage = [
        status
        for sent, answered, status, _ in writer.answers
        if down_at < sent and answered < restarting_at
    ]
    assert statuses <= {201, 503}, writer.answers
    assert outage and set(outage) == {503}
    assert all(body["detail"] for *_, status, body in writer.answers if status == 503)
    assert during_read.status_code == 503
    assert during_read.headers["Retry-After"]
    assert health.status_code == 503
    assert gunicorn_alive
    assert after.status_code == 200
    acknowledged = writer.acknowledged()
    assert acknowledged <= postgres.movie_ids()
    assert acknowledged <= {movie["id"] for movie in after.json()}


def test_it_replaces_a_connection_postgresql_closed_without_a_round_trip_to_check(
    postgres, tmp_path
):
    env = server_env(postgres.url, THROTTLE_USER="none", CONN_MAX_AGE="600")
    migrate(env)
    with running_gunicorn(env, tmp_path / "gunicorn.log", workers=1) as server:
        token = server.sign_up("steady")
        before = server.call("GET", "/api/v1/movies/", token)
        postgres.execute("ALTER DATABASE mycoll SET log_statement = 'all'")  # new sessions
        postgres.execute(
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
            "WHERE datname = 'mycoll' AND pid <> pg_backend_pid()"
        )
        logged_from = len(postgres.log_text())
        after = [server.call("GET", "/api/v1/movies/", token) for _ in range(3)]

    statements = [
        line.split("statement: ", 1)[1]
        for line in postgres.log_text()[logged_from:].splitlines()
        if "statement: " in line
    ]
    assert before.status_code == 200
    assert [response.status_code for response in after] == [200, 200, 200]
    assert statements, "the new session logged nothing"
    assert "SELECT 1" not in statements
