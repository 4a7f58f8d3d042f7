"""The cases: what each one requests and as whom, and what its measurement holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bench.load import Load

CASE_NAMES = ("list", "list_after_write", "page50", "detail", "copies", "list_304", "search")
LIST_PATH = "/api/v1/movies/"
PAGE50_PATH = "/api/v1/movies/?limit=50"


@dataclass
class Writer:
    """A user whose movie is PATCHed before each GET of an "after a write" case."""

    token: str
    movie_id: int


@dataclass
class Case:
    name: str  # also the floor's name: a slug
    label: str
    path: str
    token: str
    if_none_match: str = ""
    status: int = 200
    writers: list[Writer] = field(default_factory=list)  # "after a write" cases
    floor: bool = True


@dataclass
class Result:
    case: Case
    bytes: int = 0
    queries: int | None = None
    write_queries: int | None = None
    load: Load | None = None
    floor: Load | None = None
    skipped: str = ""
    connections: int = 0
    threads: int = 0

    @property
    def other_cpu(self) -> float:
        """The larger share of the CPUs that other processes took during the case or floor."""
        loads = [x for x in (self.load, self.floor) if x and x.other_cpu is not None]
        return max((x.other_cpu or 0.0 for x in loads), default=0.0)

    @property
    def cpu_ratio(self) -> float | None:
        """Floor's server CPU per request over the case's: the throughput ratio that a server
        with CPUs of its own would show."""
        if not self.load or not self.floor or not self.load.server_cpu_ms:
            return None
        return (self.floor.server_cpu_ms or 0.0) / self.load.server_cpu_ms

    @property
    def ratio(self) -> float | None:
        if not self.load or not self.floor or not self.floor.rps:
            return None
        return self.load.rps / self.floor.rps

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.name,
            "request": f"GET {self.case.path}",
            "status": self.case.status,
            "bytes": self.bytes,
            "sql_queries": self.queries,
            "write_sql_queries": self.write_queries,
            "wrk": f"-t{self.threads} -c{self.connections}" if self.load else None,
            "load": _load_as_dict(self.load),
            "floor": _load_as_dict(self.floor),
            "ratio": _rounded(self.ratio, 4),
            "cpu_ratio": _rounded(self.cpu_ratio, 4),
            "skipped": self.skipped or None,
        }


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _load_as_dict(load: Load | None) -> dict[str, Any] | None:
    if load is None:
        return None
    return {
        "rps": round(load.rps, 1),
        "p50_ms": round(load.p50_ms, 2),
        "p99_ms": round(load.p99_ms, 2),
        "requests": load.requests,
        "errors": load.errors,
        "other_cpu": _rounded(load.other_cpu, 3),
        "server_cpu_ms": _rounded(load.server_cpu_ms, 3),
        **load.extra,
    }


def main_cases(users: dict[str, Any], tokens: dict[str, str], connections: int) -> list[Case]:
    """The main table's cases, for the main user; one writer per wrk connection."""
    main = users["bench_main"]
    token = tokens["bench_main"]
    writers = [
        Writer(tokens[f"bench_writer_{i}"], users[f"bench_writer_{i}"]["movie_ids"][0])
        for i in range(1, connections + 1)
    ]
    return [
        Case("list", "full movie list, unchanged", LIST_PATH, token),
        Case(
            "list_after_write",
            "full movie list right after a write",
            LIST_PATH,
            token,
            writers=writers,
        ),
        Case("page50", "one page of the list", PAGE50_PATH, token),
        Case("detail", "one movie", f"/api/v1/movies/{main['movie_ids'][0]}", token),
        Case("copies", "full copies list", "/api/v1/movies/copies/", token),
        Case("list_304", "conditional list, unchanged", LIST_PATH, token, status=304),
        Case("search", "TMDb search, cached", "/api/v1/movies/search?query=Sphere", token),
    ]
