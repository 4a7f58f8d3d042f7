"""Seed the bench's users fast: bulk inserts, one password hash, one seeder per medium.

Run by bench/run.py as `python -m bench.seed` (DJANGO_SETTINGS_MODULE=bench.settings) with a
JSON spec on stdin: {"password": "...", "users": [{"username": "...", "media": {"movies":
{"count": N, "copies": C}}}, ...]}. Prints {"username": {"id": ..., "ids": {"movies": [...],
"copies": [...]}}, ...} as JSON: the ids of what each list path lists, in creation order.

A medium joins with a seeder in SEEDERS: `seed(user, count, copies, rng)` -> {list path name:
ids}.
"""

import json
import random
import sys
from collections.abc import Callable
from typing import Any

import django

from bench.seed_books import seed_books
from bench.seed_movies import seed_movies
from bench.seed_shows import seed_shows

Seeder = Callable[[Any, int, int, random.Random], dict[str, list[int]]]
SEEDERS: dict[str, Seeder] = {"movies": seed_movies, "tv": seed_shows, "books": seed_books}


def seed(spec: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from collection.services import collection_write

    user_model = get_user_model()
    password_hash = make_password(spec["password"])  # once: hashing is slow on purpose
    rng = random.Random(spec.get("seed", 1))  # noqa: S311 (test data, not secrets)
    result: dict[str, Any] = {}
    for entry in spec["users"]:
        user = user_model.objects.create(
            username=entry["username"],
            email=f"{entry['username']}@example.com",
            password=password_hash,
        )
        ids: dict[str, list[int]] = {}
        with collection_write(owner_id=user.pk):  # the write protocol: once per collection
            for medium, size in entry["media"].items():
                ids.update(SEEDERS[medium](user, int(size["count"]), int(size["copies"]), rng))
        result[user.username] = {"id": user.pk, "ids": ids}
    return result


def main() -> None:
    django.setup()
    spec = json.load(sys.stdin)
    print(json.dumps(seed(spec)))


if __name__ == "__main__":
    main()
