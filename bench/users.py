"""The bench's users: who is seeded with how many movies, and an access token for each."""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from livetest import fetch, run_python

PASSWORD = "bench-password-not-secret"


def users_spec(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The main user, one writer per wrk connection, one user per N of the scaling table."""
    main = [{"username": "bench_main", "movies": args.movies, "copies": args.copies}]
    writers = [
        {"username": f"bench_writer_{i}", "movies": args.movies, "copies": args.copies}
        for i in range(1, args.connections + 1)
    ]
    scaling = [
        {"username": f"bench_scale_{n}", "movies": n, "copies": args.copies} for n in args.scale
    ]
    return main + writers + scaling


def seed_users(env: dict[str, str], users: list[dict[str, Any]]) -> dict[str, Any]:
    """bench/seed.py on `users`: {username: {"id": ..., "movie_ids": [...]}}."""
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
