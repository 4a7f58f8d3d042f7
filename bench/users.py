"""The bench's users: who is seeded with how many movies, and an access token for each."""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bench.cases import MEDIA, username
from livetest import fetch, run_python

PASSWORD = "bench-password-not-secret"


def _user(base: str, medium: str, count: int, copies: int) -> dict[str, Any]:
    """A user with `count` items x `copies` copies of one medium."""
    size = {"count": count, "copies": copies}
    return {"username": username(base, medium), "media": {medium: size}}


def users_spec(args: argparse.Namespace) -> list[dict[str, Any]]:
    """For each medium: the main user, one writer per wrk connection, the user who writes on
    two connections; one user per N of the scaling table (movies)."""
    bases = ["bench_main", *(f"bench_writer_{i}" for i in range(1, args.connections + 1))]
    users = [
        _user(base, medium, args.movies, args.copies)
        for medium in MEDIA
        for base in [*bases, "bench_shared"]
    ]
    return users + [_user(f"bench_scale_{n}", MEDIA[0], n, args.copies) for n in args.scale]


def seed_users(env: dict[str, str], users: list[dict[str, Any]]) -> dict[str, Any]:
    """bench/seed.py on `users`: {username: {"id": ..., "ids": {list name: [...]}}}."""
    spec = json.dumps({"password": PASSWORD, "users": users})
    output = run_python(["-m", "bench.seed"], env, stdin=spec, timeout=600)
    return json.loads(output.strip().splitlines()[-1])


def obtain_tokens(port: int, usernames: list[str], parallel: int) -> dict[str, str]:
    """An access token for each user, from POST /accounts/token/."""

    def one(username: str) -> str:
        body = json.dumps({"username": username, "password": PASSWORD}).encode()
        reply = fetch(port, "POST", "/accounts/token/", {"Content-Type": "application/json"}, body)
        if reply.status != 200:
            raise RuntimeError(f"POST /accounts/token/ answered {reply.status}: {reply.body!r}")
        return str(json.loads(reply.body)["access"])

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        return dict(zip(usernames, pool.map(one, usernames), strict=True))
