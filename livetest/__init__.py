"""Live servers on loopback, shared by the end-to-end tests and the benchmark (bench/run.py).

Free ports, processes in process groups of their own (stopped with everything they started,
even on error), waiting until a server answers, plain HTTP requests, and MyColl itself under
gunicorn with the environment it needs. Nothing here imports Django or an app: the servers
are separate processes.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TEST_PASSWORD = "a-long-end-to-end-passphrase"


# --- Ports and processes ---------------------------------------------------------------------


def free_port() -> int:
    """A loopback TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def stop_group(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM to the process group (gunicorn's master and its workers), SIGKILL if it stays."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):  # any worker left behind by its master
        os.killpg(process.pid, signal.SIGKILL)


@contextlib.contextmanager
def process_group(
    argv: Sequence[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """`argv` run from the project's root in a session of its own, its output appended to
    `log`; the whole group is stopped when the block ends."""
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603
            list(argv),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process
        finally:
            stop_group(process)


def run_python(args: list[str], env: dict[str, str], stdin: str = "", timeout: float = 300) -> str:
    """This Python on `args` from the project's root; its output, or RuntimeError if it fails."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


# --- HTTP --------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


def fetch(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 60.0,
) -> Reply:
    """One request on a connection of its own (no pool, no retries: what a client pays)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
    finally:
        connection.close()


def wait_http(
    port: int, path: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    """Until `path` answers without a server error; RuntimeError, with the end of the log, if
    the process exits first or nothing answers within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}:\n{tail}")
        with contextlib.suppress(OSError):
            if fetch(port, "GET", path, timeout=5).status < 500:
                return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"nothing answered on port {port} within {seconds:g} s:\n{tail}")


# --- MyColl under gunicorn -------------------------------------------------------------------


@dataclass
class Server:
    """MyColl under gunicorn: its port, its master process (a group leader) and its log."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def call(
        self, method: str, path: str, token: str = "", timeout: float = 10, **kwargs: Any
    ) -> requests.Response:
        """One request with requests' keyword arguments, as `token`'s bearer if one is given."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        url = f"{self.url}{path}"
        return requests.request(method, url, headers=headers, timeout=timeout, **kwargs)

    def sign_up(self, username: str) -> str:
        """A new account with TEST_PASSWORD; its access token."""
        account = {
            "username": username,
            "email": f"{username}@example.com",
            "password": TEST_PASSWORD,
        }
        response = self.call("POST", "/accounts/create/", json=account)
        assert response.status_code == 201, response.text
        return response.json()["access"]


def throwaway_secret_key() -> str:
    """A signing key made for one run: none is written in the repository."""
    return secrets.token_urlsafe(50)


def server_env(database_url: str, /, **overrides: str) -> dict[str, str]:
    """This process's environment, plus what MyColl needs to serve on loopback in production
    mode on `database_url`, with its own throwaway signing key; `overrides` last."""
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


def migrate(env: dict[str, str], timeout: float = 60) -> None:
    """`manage.py migrate` on the database that `env` names."""
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=timeout)


@contextlib.contextmanager
def running_gunicorn(
    env: dict[str, str],
    log: Path,
    workers: int = 1,
    options: Sequence[str] = (),
    start_seconds: float = 20,
) -> Iterator[Server]:
    """gunicorn serving MyColl on a free loopback port until the block ends; `options` are
    more gunicorn options. Yields once /healthz answers."""
    port = free_port()
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "mycoll.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        # gunicorn 27 opens a control socket at one fixed path by default: every other
        # gunicorn on the machine (`make run`, the tests, the bench) would share it.
        "--no-control-socket",
        *options,
    ]
    with process_group(argv, env, log) as process:
        wait_http(port, "/healthz", process, log, start_seconds)
        yield Server(port, process, log)


@contextlib.contextmanager
def serving_a_fresh_database(workdir: Path, **overrides: str) -> Iterator[Server]:
    """gunicorn serving MyColl on a new, migrated SQLite file in `workdir`, as a fresh clone
    would; `overrides` are more environment variables."""
    env = server_env(f"sqlite:///{workdir / 'db.sqlite3'}", **overrides)
    migrate(env)
    with running_gunicorn(env, workdir / "gunicorn.log") as server:
        yield server
