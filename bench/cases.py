"""The cases: what each one requests and as whom. Every collection list the bench knows is a
ListPath; its cases (the list, the 304, a detail rotating over its items, the list right
after a write) are made from it, so a new list is one line in LIST_PATHS and a seeder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SHARED_CONNECTIONS = 2  # one user on two connections: the SPA and a second tab


@dataclass(frozen=True)
class ListPath:
    """A collection list: its path, one item's path, the text field a write changes, and the
    seeder (bench/seed.py's SEEDERS) whose ids it lists."""

    name: str  # the cases' prefix, and the key of its ids in what the seeder answers
    path: str
    detail: str  # with {id}
    write_field: str
    medium: str


LIST_PATHS = (
    ListPath("movies", "/api/v1/movies/", "/api/v1/movies/{id}", "title", "movies"),
    ListPath("copies", "/api/v1/copies/", "/api/v1/copies/{id}", "notes", "movies"),
    ListPath("tv", "/api/v1/tv/", "/api/v1/tv/{id}", "title", "tv"),
    ListPath("books", "/api/v1/books/", "/api/v1/books/{id}", "title", "books"),
)
MEDIA = tuple(dict.fromkeys(p.medium for p in LIST_PATHS))
PAGE50_PATH = "/api/v1/movies/?limit=50"
SCALE_LIST = LIST_PATHS[0]
CASE_KINDS = ("list", "304", "detail", "after-write", "after-write-2c")
EXTRA_CASES = ("movies-page50", "movies-legacy-copies", "movies-search")
CASE_NAMES = tuple(f"{p.name}-{kind}" for p in LIST_PATHS for kind in CASE_KINDS) + EXTRA_CASES


def username(base: str, medium: str) -> str:
    """Each medium's collections belong to users of their own (bench_main, bench_main_tv,
    ...), so that `copies/` lists the movies' copies alone and each list is its own size."""
    return base if medium == MEDIA[0] else f"{base}_{medium}"


@dataclass
class Writer:
    """A user whose item is PATCHed before each GET of an "after a write" case."""

    token: str
    path: str  # the item's path
    field: str  # the text field the PATCH sets


@dataclass
class Case:
    name: str  # also the floor's name: a slug
    label: str
    path: str
    token: str
    if_none_match: str = ""
    status: int = 200
    writers: list[Writer] = field(default_factory=list)  # "after a write" cases
    rotate: list[str] = field(default_factory=list)  # paths requested in turn (the detail)
    connections: int | None = None  # wrk's, when the case needs its own
    floor: bool = True


def _writer(lp: ListPath, users: dict[str, Any], tokens: dict[str, str], base: str, i: int):
    name = username(base, lp.medium)
    item = users[name]["ids"][lp.name][i]
    return Writer(tokens[name], lp.detail.format(id=item), lp.write_field)


def list_cases(
    lp: ListPath, users: dict[str, Any], tokens: dict[str, str], connections: int
) -> list[Case]:
    """The five cases of one list, for the main user; one writer per wrk connection, and one
    user (bench_shared) writing on two connections."""
    main = username("bench_main", lp.medium)
    token, ids = tokens[main], users[main]["ids"][lp.name]
    writers = [
        _writer(lp, users, tokens, f"bench_writer_{i}", 0) for i in range(1, connections + 1)
    ]
    shared = [_writer(lp, users, tokens, "bench_shared", i) for i in range(SHARED_CONNECTIONS)]
    return [
        Case(f"{lp.name}-list", f"full {lp.name} list, unchanged", lp.path, token),
        Case(f"{lp.name}-304", "conditional list, unchanged", lp.path, token, status=304),
        Case(
            f"{lp.name}-detail",
            f"one of {len(ids):,} items in turn",
            lp.detail.format(id=ids[0]),
            token,
            rotate=[lp.detail.format(id=i) for i in ids],
        ),
        Case(
            f"{lp.name}-after-write",
            "full list right after a write, one user per connection",
            lp.path,
            token,
            writers=writers,
        ),
        Case(
            f"{lp.name}-after-write-2c",
            "full list right after a write, one user on 2 connections",
            lp.path,
            tokens[username("bench_shared", lp.medium)],
            writers=shared,
        ),
    ]


def main_cases(users: dict[str, Any], tokens: dict[str, str], connections: int) -> list[Case]:
    token = tokens["bench_main"]
    extra = [
        Case("movies-page50", "one page of the movie list", PAGE50_PATH, token),
        Case("movies-legacy-copies", "movies/copies/", "/api/v1/movies/copies/", token),
        Case("movies-search", "TMDb search, cached", "/api/v1/movies/search?query=Sphere", token),
    ]
    cases = [case for lp in LIST_PATHS for case in list_cases(lp, users, tokens, connections)]
    return cases + extra
