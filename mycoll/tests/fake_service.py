"""A fake outside service on loopback, for the tests and for trying MyColl without keys: each
integration's tests/fake_server.py describes its answers (`answer`) and how it fails
(`failure`); this module serves them, with switches for misbehaving.

POST /__control__ {"mode": ..., "delay": seconds, "retry_after": seconds, "reset_hits": true}
changes how it answers; GET /__control__ shows it. `hits` counts the service's requests (the
control endpoint not counted) and `user_agents` keeps the User-Agent of each.

From tests: `with running(FakeX) as fake: ... fake.url ... fake.mode = "fail"`.
"""

import argparse
import contextlib
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from livetest import ROOT as BASE_DIR
from livetest import free_port

CONTROL = "/__control__"
# The modes every fake knows; a fake may add its own (its `failure` answers them).
MODES = ("normal", "slow", "fail", "ratelimit", "malformed")
Answer = tuple[HTTPStatus, Any, dict[str, str]]
Fake = TypeVar("Fake", bound="FakeService")


class FakeService(ThreadingHTTPServer):
    """One fake service. Subclasses set `name`, `prefix` (the API's path under the host),
    `modes` and `hint` (how to point MyColl at it), and implement `answer` and `failure`."""

    daemon_threads = True
    block_on_close = False
    name = "fake service"
    prefix = ""
    modes: tuple[str, ...] = MODES
    hint = ""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False):
        super().__init__((host, port), FakeHandler)
        self.verbose = verbose
        self.mode = "normal"
        self.delay = 2.0  # seconds, in "slow" mode
        self.retry_after = 1  # seconds, when rate limiting
        self.hits = 0
        self.user_agents: list[str] = []
        self._lock = threading.Lock()

    @property
    def root(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return f"{self.root}{self.prefix}"

    def answer(self, path: str, params: dict[str, str], headers: Any) -> Answer:
        """The answer to a GET of the service's API: (status, JSON body, headers)."""
        raise NotImplementedError

    def failure(self, mode: str) -> tuple[HTTPStatus, bytes, str, dict[str, str]] | None:
        """The answer of a failing mode: (status, body, content type, headers); None to
        answer normally (after the "slow" mode's delay)."""
        raise NotImplementedError

    def count_hit(self, user_agent: str) -> None:
        with self._lock:
            self.hits += 1
            self.user_agents.append(user_agent)

    def control(self, settings: dict[str, Any]) -> None:
        mode = settings.get("mode", self.mode)
        if mode not in self.modes:
            raise ValueError(f"mode must be one of {', '.join(self.modes)}")
        self.mode = mode
        self.delay = float(settings.get("delay", self.delay))
        self.retry_after = int(settings.get("retry_after", self.retry_after))
        if settings.get("reset_hits"):
            with self._lock:
                self.hits, self.user_agents = 0, []

    def state(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "delay": self.delay,
            "retry_after": self.retry_after,
            "hits": self.hits,
        }

    def handle_error(self, request, client_address) -> None:
        # A client that gave up on a slow answer closes its end: not worth a traceback.
        pass


class FakeHandler(BaseHTTPRequestHandler):
    server: FakeService
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path, params = self._path_and_params()
        if path == CONTROL:
            return self._send_json(HTTPStatus.OK, self.server.state())
        self.server.count_hit(self.headers.get("User-Agent", ""))
        if self.server.mode == "slow":
            time.sleep(self.server.delay)
        failed = self.server.failure(self.server.mode)
        if failed is not None:
            status, body, content_type, headers = failed
            return self._send(status, body, content_type, headers)
        status, body, headers = self.server.answer(path, params, self.headers)
        return self._send_json(status, body, headers)

    def do_POST(self) -> None:
        path, _ = self._path_and_params()
        if path != CONTROL:
            return self._send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
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

    def _send_json(self, status: HTTPStatus, body: Any, headers: dict | None = None) -> None:
        self._send(status, json.dumps(body).encode(), "application/json; charset=UTF-8", headers)

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
            super().log_message("%s", re.sub(r"((?:api_)?key=)[^&\s\"]+", r"\1[hidden]", line))


def json_failure(status: HTTPStatus, body: Any, headers: dict | None = None) -> tuple:
    """A failing mode's answer with a JSON body."""
    return status, json.dumps(body).encode(), "application/json; charset=UTF-8", headers or {}


HTML_FAILURE = (
    HTTPStatus.OK,
    b"<html><body>Service temporarily unavailable</body></html>",
    "text/html",
    {},
)


@contextlib.contextmanager
def running(service: type[Fake], host: str = "127.0.0.1", port: int = 0) -> Iterator[Fake]:
    """The fake on a loopback port, in a thread, until the block ends."""
    server = service(host, port)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name=service.name, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve(service: type[FakeService], default_port: int) -> None:
    """The command line of a fake: `python -m <app>.tests.fake_server --port N --mode M`."""
    parser = argparse.ArgumentParser(description=f"A fake {service.name} on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port)
    parser.add_argument("--mode", choices=service.modes, default="normal")
    args = parser.parse_args()
    server = service(args.host, args.port, verbose=True)
    server.mode = args.mode
    print(f"Fake {service.name} on {server.url} (mode {server.mode}; Ctrl-C stops it)", flush=True)
    print(f"  {service.hint.format(url=server.url)}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@contextlib.contextmanager
def serving_command(module: str) -> Iterator[tuple[int, list[str]]]:
    """`python -m <module> --port N` on a free port until the block ends: N, and the two
    lines it prints when it starts (where it listens, how to point MyColl at it)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", module, "--port", str(port)],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield port, [server.stdout.readline().strip() for _ in range(2)]
    finally:
        server.terminate()
        server.wait(timeout=5)
