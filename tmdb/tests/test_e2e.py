"""End to end over real HTTP: gunicorn serving MyColl, on a fresh SQLite file, with the
fake TMDb behind it. Bounded: migrations 30 s, start-up 20 s, each request 10 s."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings

from tmdb.tests.fake_server import running_fake_tmdb

pytestmark = pytest.mark.e2e

BASE_DIR = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).parent / "gunicorn"
GUNICORN_OPTIONS = ["--workers", "1", "--timeout", "30", "--graceful-timeout", "2"]
START_SECONDS = 20
REQUEST_SECONDS = 10
PASSWORD = "a-long-end-to-end-passphrase"


@dataclass
class Server:
    url: str
    log: Path

    def call(self, method: str, path: str, token: str = "", **kwargs) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.request(
            method, f"{self.url}{path}", headers=headers, timeout=REQUEST_SECONDS, **kwargs
        )

    def sign_up(self, username: str) -> str:
        account = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        response = self.call("POST", "/accounts/create/", json=account)
        assert response.status_code == 201, response.text
        return response.json()["access"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database: Path, tmdb_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mycoll.settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "end-to-end-test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": "",
        "SECURE_SSL_REDIRECT": "false",
        "TMDB_API_URL": tmdb_url,
        "TMDB_API_KEY": "fake-key",
        "TMDB_READ_ACCESS_TOKEN": "",
    }


def wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn exited:\n{log.read_text()}"
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still booting
            pass
        time.sleep(0.1)
    pytest.fail(f"gunicorn was not healthy within {START_SECONDS} s:\n{log.read_text()}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group of the gunicorn started here
        process.wait(timeout=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("e2e")
    log = workdir / "gunicorn.log"
    with running_fake_tmdb() as fake_tmdb:
        env = server_env(workdir / "db.sqlite3", fake_tmdb.url)
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        port = free_port()
        with log.open("w") as log_file:
            process = subprocess.Popen(
                [
                    GUNICORN,
                    "mycoll.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    *GUNICORN_OPTIONS,
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, process, log)
            yield Server(url=url, log=log)
        finally:
            stop(process)


def test_it_searches_and_shows_details_through_gunicorn(server):
    token = server.sign_up("searcher")

    search = server.call("GET", "/api/v1/movies/search", token, params={"query": "Sphere"})
    sphere_id = search.json()[0]["id"]
    details = server.call(
        "GET", "/api/v1/movies/search/details/", token, params={"query": sphere_id}
    )
    anonymous = server.call("GET", "/api/v1/movies/search", params={"query": "Sphere"})

    assert search.status_code == 200, search.text
    assert [movie["title"] for movie in search.json()] == ["Sphere"]
    assert details.status_code == 200, details.text
    assert details.json()["mpaa_rating"] == "PG-13"
    assert details.json()["release_year"] == 1998
    assert anonymous.status_code == 401


def test_it_adds_a_movie_by_tmdb_id_with_a_copy_and_lists_it(server):
    token = server.sign_up("collector")
    sphere_id = server.call(
        "GET", "/api/v1/movies/search", token, params={"query": "Sphere"}
    ).json()[0]["id"]

    added = server.call("POST", "/api/v1/movies/", token, json={"tmdb_id": sphere_id})
    assert added.status_code == 201, added.text
    assert added.json()["title"] == "Sphere"
    copy = {"movie": added.json()["id"], "platform": "Shelf", "form": "DVD", "vod_link": ""}
    copied = server.call("POST", "/api/v1/movies/copies/", token, json=copy)
    assert copied.status_code == 201, copied.text
    listing = server.call("GET", "/api/v1/movies/", token)

    assert listing.status_code == 200, listing.text
    movie = next(m for m in listing.json() if m["id"] == added.json()["id"])
    assert movie["title"] == "Sphere"
    assert [(c["platform"], c["form"]) for c in movie["copies"]] == [("Shelf", "DVD")]
