"""Helpers for tests that need real concurrency, or a real server, on the real database."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
from django.db import connections


def run_concurrently(calls: list[Callable[[], Any]], timeout: float = 60) -> list[Any]:
    """Start every call in its own thread at the same moment; return their results in order.

    Each thread has its own database connection, as each gunicorn worker would; it is closed
    when the thread ends. An exception in a call is returned as its result.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = call()
        except Exception as error:  # handed to the test as that call's result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results


# --- A real server on loopback ---------------------------------------------------------------

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
TEST_PASSWORD = "a-long-end-to-end-passphrase"


@dataclass
class Server:
    url: str
    log: Path
    process: subprocess.Popen

    def call(self, method: str, path: str, token: str = "", **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        kwargs.setdefault("timeout", 10)
        return requests.request(method, f"{self.url}{path}", headers=headers, **kwargs)

    def sign_up(self, username: str) -> str:
        account = {
            "username": username,
            "email": f"{username}@example.com",
            "password": TEST_PASSWORD,
        }
        response = self.call("POST", "/accounts/create/", json=account)
        assert response.status_code == 201, response.text
        return response.json()["access"]


def throwaway_secret_key() -> str:
    """A signing key made for one test run: none is written in the repository."""
    return secrets.token_urlsafe(50)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str, **overrides: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mycoll.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": throwaway_secret_key(),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": "",
        "SECURE_SSL_REDIRECT": "false",
        **overrides,
    }


def migrate(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@contextmanager
def running_gunicorn(
    env: dict[str, str], log: Path, workers: int = 1, start_seconds: float = 20
) -> Iterator[Server]:
    """gunicorn serving MyColl on a free loopback port until the block ends."""
    port = free_port()
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                GUNICORN,
                "mycoll.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "2",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(url=f"http://127.0.0.1:{port}", log=log, process=process)
    try:
        _wait_until_healthy(server, start_seconds)
        yield server
    finally:
        _stop(process)


@contextmanager
def serving_a_fresh_database(workdir: Path, **overrides: str) -> Iterator[Server]:
    """gunicorn serving MyColl on a new, migrated SQLite file in `workdir`, as a fresh clone
    would; `overrides` are more environment variables."""
    env = server_env(f"sqlite:///{workdir / 'db.sqlite3'}", **overrides)
    migrate(env)
    with running_gunicorn(env, workdir / "gunicorn.log") as server:
        yield server


def _wait_until_healthy(server: Server, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.process.poll() is None, f"gunicorn exited:\n{server.log.read_text()}"
        try:
            if requests.get(f"{server.url}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:  # not listening yet
            pass
        time.sleep(0.1)
    raise AssertionError(f"gunicorn not healthy within {seconds} s:\n{server.log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
