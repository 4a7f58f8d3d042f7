"""A fake TMDb API v3 on loopback: a few canned movies and TV shows, and switches for
misbehaving.

Serves GET /3/search/movie and GET /3/movie/<id> (with append_to_response=release_dates),
GET /3/search/tv and GET /3/tv/<id> (with append_to_response=content_ratings,external_ids;
the shows are in tmdb/tests/fake_shows.py), requiring an api_key parameter or an
Authorization: Bearer header (any non-empty value).
POST /__control__ {"mode": "normal"|"slow"|"fail"|"ratelimit"|"malformed",
"delay": seconds, "retry_after": seconds} changes how it answers; GET /__control__ shows it.
GET /3/movie/<id>/watch/providers, /3/tv/<id>/watch/providers and /3/collection/<id> serve
tmdb/tests/fake_catalogue.py (The Matrix Collection, 603-605; offers in two regions).
POST /__control__ {"gain_season": <TMDb TV id>} gives that show its next season, airing
today (and {"reset_shows": true} takes the shows back to how they started).

From tests: `with running_fake_tmdb() as fake: ... fake.url ... fake.mode = "fail"`.
By hand:    .venv/bin/python -m tmdb.tests.fake_server --port 8765
            TMDB_API_URL=http://127.0.0.1:8765/3 TMDB_API_KEY=fake make run
"""

import argparse
import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tmdb.tests import fake_catalogue, fake_shows

PREFIX = "/3"
MODES = ("normal", "slow", "fail", "ratelimit", "malformed")


def _us(*releases: tuple[str, int]) -> dict:
    return {
        "iso_3166_1": "US",
        "release_dates": [{"certification": c, "type": t} for c, t in releases],
    }


MOVIES: dict[int, dict[str, Any]] = {
    10153: {
        "id": 10153,
        "title": "Sphere",
        "original_title": "Sphere",
        "overview": "A team of scientists investigate a spacecraft on the ocean floor.",
        "release_date": "1998-02-13",
        "runtime": 134,
        "poster_path": "/sphere.jpg",
        "release_dates": {"results": [_us(("", 1), ("PG-13", 3), ("PG-13", 5))]},
    },
    603: {
        "id": 603,
        "title": "The Matrix",
        "original_title": "The Matrix",
        "overview": "A hacker learns what the Matrix is.",
        "release_date": "1999-03-31",
        "runtime": 136,
        "poster_path": "/matrix.jpg",
        "release_dates": {
            "results": [
                {"iso_3166_1": "DE", "release_dates": [{"certification": "16", "type": 3}]},
                _us(("R", 3)),
            ]
        },
    },
    194: {
        "id": 194,
        "title": "Amélie",
        "original_title": "Le Fabuleux Destin d'Amélie Poulain",
        "overview": "A shy waitress decides to change the lives of those around her.",
        "release_date": "2001-04-25",
        "runtime": 122,
        "poster_path": "/amelie.jpg",
        "release_dates": {
            "results": [
                {"iso_3166_1": "FR", "release_dates": [{"certification": "U", "type": 3}]},
                _us(("R", 3)),
            ]
        },
    },
    424242: {
        "id": 424242,
        "title": "Untitled Home Video",
        "original_title": "Untitled Home Video",
        "overview": "",
        "release_date": "",
        "runtime": 0,
        "poster_path": None,
        "release_dates": {"results": []},
    },
    **fake_catalogue.MORE_MOVIES,
}
MOVIES[603]["belongs_to_collection"] = fake_catalogue.MATRIX_COLLECTION

NOT_FOUND = {
    "success": False,
    "status_code": 34,
    "status_message": "The resource you requested could not be found.",
}
UNAUTHORIZED = {
    "success": False,
    "status_code": 7,
    "status_message": "Invalid API key: You must be granted a valid key.",
}
SEARCH_FIELDS = ("id", "title", "original_title", "overview", "release_date", "poster_path")
MOVIE_PATH = re.compile(rf"^{PREFIX}/movie/(\d+)$")
PROVIDERS_PATH = re.compile(rf"^{PREFIX}/(movie|tv)/(\d+)/watch/providers$")
COLLECTION_PATH = re.compile(rf"^{PREFIX}/collection/(\d+)$")
TV_PATH = re.compile(rf"^{PREFIX}/tv/(\d+)$")


class FakeTMDb(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False):
        super().__init__((host, port), FakeTMDbHandler)
        self.verbose = verbose
        self.mode = "normal"
        self.delay = 2.0  # seconds, in "slow" mode
        self.retry_after = 1  # seconds, in "ratelimit" mode
        self.hits = 0  # API requests seen (the control endpoint not counted)
        self.shows = fake_shows.fresh_shows()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    def environment(self) -> dict[str, str]:
        """The settings that point MyColl at this server, for a server's environment."""
        return {"TMDB_API_URL": self.url, "TMDB_API_KEY": "fake-key", "TMDB_READ_ACCESS_TOKEN": ""}

    def count_hit(self) -> None:
        with self._lock:
            self.hits += 1

    def control(self, settings: dict[str, Any]) -> None:
        mode = settings.get("mode", self.mode)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self.mode = mode
        self.delay = float(settings.get("delay", self.delay))
        self.retry_after = int(settings.get("retry_after", self.retry_after))
        if settings.get("reset_hits"):
            self.hits = 0
        if settings.get("reset_shows"):
            self.shows = fake_shows.fresh_shows()
        if "gain_season" in settings:
            show = self.shows.get(int(settings["gain_season"]))
            if show is None:
                raise ValueError(f"no show {settings['gain_season']}")
            fake_shows.gain_season(show)

    def state(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "delay": self.delay,
            "retry_after": self.retry_after,
            "hits": self.hits,
            "shows": {tmdb_id: len(show["seasons"]) for tmdb_id, show in self.shows.items()},
        }

    def handle_error(self, request, client_address) -> None:
        # A client that gave up on a slow answer closes its end: not worth a traceback.
        pass


class FakeTMDbHandler(BaseHTTPRequestHandler):
    server: FakeTMDb
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path, params = self._path_and_params()
        if path == "/__control__":
            return self._send_json(HTTPStatus.OK, self.server.state())
        self.server.count_hit()
        if not self._authorized(params):
            return self._send_json(HTTPStatus.UNAUTHORIZED, UNAUTHORIZED)
        if self._misbehave():
            return None
        if path == f"{PREFIX}/search/movie":
            return self._send_json(HTTPStatus.OK, search(params))
        if path == f"{PREFIX}/search/tv":
            shows = fake_shows.search(self.server.shows, params)
            return self._send_json(HTTPStatus.OK, a_page(shows, params))
        if found := self._catalogue(path):
            return self._send_json(*found)
        if match := TV_PATH.match(path):
            show = self.server.shows.get(int(match.group(1)))
            if show is not None:
                return self._send_json(HTTPStatus.OK, fake_shows.details(show, params))
        match = MOVIE_PATH.match(path)
        movie = MOVIES.get(int(match.group(1))) if match else None
        if movie is None:
            return self._send_json(HTTPStatus.NOT_FOUND, NOT_FOUND)
        return self._send_json(HTTPStatus.OK, details(movie, params))

    def _catalogue(self, path: str) -> tuple[HTTPStatus, Any] | None:
        """Where to watch a movie or a show, and collections: (status, body), or None."""
        if match := PROVIDERS_PATH.match(path):
            kind, tmdb_id = match.group(1), int(match.group(2))
            titles = MOVIES if kind == "movie" else self.server.shows
            answer = fake_catalogue.watch_providers(kind, tmdb_id, tmdb_id in titles)
        elif match := COLLECTION_PATH.match(path):
            answer = fake_catalogue.COLLECTIONS.get(int(match.group(1)))
        else:
            return None
        return (HTTPStatus.OK, answer) if answer else (HTTPStatus.NOT_FOUND, NOT_FOUND)

    def do_POST(self) -> None:
        path, _ = self._path_and_params()
        if path != "/__control__":
            return self._send_json(HTTPStatus.NOT_FOUND, NOT_FOUND)
        length = int(self.headers.get("Content-Length") or 0)
        try:
            self.server.control(json.loads(self.rfile.read(length) or b"{}"))
        except (ValueError, TypeError, AttributeError) as error:
            return self._send_json(HTTPStatus.BAD_REQUEST, {"error": str(error)})
        return self._send_json(HTTPStatus.OK, self.server.state())

    def _path_and_params(self) -> tuple[str, dict[str, str]]:
        parts = urlsplit(self.path)
        params = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        return parts.path, params

    def _authorized(self, params: dict[str, str]) -> bool:
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        return bool((scheme == "Bearer" and token.strip()) or params.get("api_key", "").strip())

    def _misbehave(self) -> bool:
        mode = self.server.mode
        if mode == "slow":
            time.sleep(self.server.delay)
            return False
        if mode == "fail":
            self._send_json(HTTPStatus.INTERNAL_SERVER_ERROR, {"status_message": "Internal error"})
        elif mode == "ratelimit":
            headers = {"Retry-After": str(self.server.retry_after)}
            self._send_json(HTTPStatus.TOO_MANY_REQUESTS, {"status_code": 25}, headers)
        elif mode == "malformed":
            self._send(HTTPStatus.OK, b"<html>Service temporarily unavailable</html>", "text/html")
        return mode in {"fail", "ratelimit", "malformed"}

    def _send_json(
        self, status: HTTPStatus, body: Any, headers: dict[str, str] | None = None
    ) -> None:
        self._send(status, json.dumps(body).encode(), "application/json;charset=utf-8", headers)

    def _send(
        self, status: HTTPStatus, body: bytes, content_type: str, headers: dict | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            line = format % args
            super().log_message("%s", re.sub(r"(api_key=)[^&\s\"]+", r"\1[hidden]", line))


def search(params: dict[str, str]) -> dict[str, Any]:
    words = params.get("query", "").casefold()
    year = params.get("primary_release_year") or params.get("year") or ""
    found = [
        {field: movie[field] for field in SEARCH_FIELDS}
        for movie in MOVIES.values()
        if words
        and (words in movie["title"].casefold() or words in movie["original_title"].casefold())
        and movie["release_date"].startswith(year)
    ]
    return a_page(found, params)


def a_page(found: list[dict[str, Any]], params: dict[str, str]) -> dict[str, Any]:
    """A search answer: everything found is on page 1."""
    page = int(params.get("page") or 1)
    results = found if page == 1 else []
    return {"page": page, "results": results, "total_pages": 1, "total_results": len(found)}


def details(movie: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    appended = params.get("append_to_response", "").split(",")
    return {k: v for k, v in movie.items() if k != "release_dates" or "release_dates" in appended}


@contextlib.contextmanager
def running_fake_tmdb(host: str = "127.0.0.1", port: int = 0) -> Iterator[FakeTMDb]:
    server = FakeTMDb(host, port)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-tmdb", daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake TMDb API v3 on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--mode", choices=MODES, default="normal")
    args = parser.parse_args()
    server = FakeTMDb(args.host, args.port, verbose=True)
    server.mode = args.mode
    print(f"Fake TMDb on {server.url} (mode {server.mode}; Ctrl-C stops it)", flush=True)
    print(f"  TMDB_API_URL={server.url} TMDB_API_KEY=fake make run", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
