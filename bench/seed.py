"""Seed users with N movies x C copies each, fast: bulk inserts, one password hash.

Run by bench/run.py as `python -m bench.seed` (DJANGO_SETTINGS_MODULE=bench.settings) with a
JSON spec on stdin: {"password": "...", "users": [{"username": "...", "movies": N,
"copies": C}, ...]}. Prints {"username": {"id": ..., "movie_ids": [...]}, ...} as JSON.
"""

import json
import random
import string
import sys
from typing import Any

import django

WORDS = (
    "night city river last shadow golden silent broken winter secret dark long road house "
    "king queen war love star ocean fire storm glass iron paper ghost garden train summer "
    "empire return memory heart stone blue red wild lost hidden second final distant"
).split()
FORMS = ("Blu-ray", "DVD", "4K Ultra HD", "VOD")
SHELVES = ("Living room shelf", "Office shelf", "Box in the attic")
SERVICES = (
    ("Prime Video", "https://www.primevideo.com/detail/"),
    ("Apple TV", "https://tv.apple.com/movie/"),
    ("Google Play", "https://play.google.com/store/movies/details?id="),
)
RATINGS = ("G", "PG", "PG-13", "R", "NC-17", "")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def _movie_fields(rng: random.Random, tmdb_id: int | None) -> dict[str, Any]:
    """Fields shaped like a TMDb-filled movie: an overview of ~300 characters, real-looking
    links; about one movie in ten was added by hand (no TMDb id, no links)."""
    title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4))).title()
    alphabet = string.ascii_letters + string.digits
    poster = "".join(rng.choices(alphabet, k=27))
    return {
        "title": title,
        "release_year": rng.randint(1930, 2025),
        "overview": " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        "mpaa_rating": rng.choice(RATINGS),
        "runtime_minutes": rng.randint(75, 200),
        "image_link": f"https://image.tmdb.org/t/p/w500/{poster}.jpg" if tmdb_id else "",
        "tmdb_page_link": f"https://www.themoviedb.org/movie/{tmdb_id}" if tmdb_id else "",
        "tmdb_id": tmdb_id,
    }


def _copy_fields(rng: random.Random) -> dict[str, Any]:
    form = rng.choice(FORMS)
    if form != "VOD":
        return {"form": form, "platform": rng.choice(SHELVES), "vod_link": ""}
    service, link = rng.choice(SERVICES)
    code = "".join(rng.choices(string.ascii_uppercase + string.digits, k=12))
    return {"form": form, "platform": service, "vod_link": f"{link}{code}"}


def seed(spec: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from collection.services import collection_lock
    from movies.models import Movie, MovieCopy

    user_model = get_user_model()
    password_hash = make_password(spec["password"])  # once: hashing is slow on purpose
    rng = random.Random(spec.get("seed", 1))  # noqa: S311 (test data, not secrets)
    result: dict[str, Any] = {}
    with transaction.atomic():
        for entry in spec["users"]:
            user = user_model.objects.create(
                username=entry["username"],
                email=f"{entry['username']}@example.com",
                password=password_hash,
            )
            count = int(entry["movies"])
            tmdb_ids = rng.sample(range(1, 2_000_000), count)
            movies = Movie.objects.bulk_create(
                [
                    Movie(owner=user, **_movie_fields(rng, tmdb_id if i % 10 else None))
                    for i, tmdb_id in enumerate(tmdb_ids)
                ],
                batch_size=2000,
            )
            copies = [
                MovieCopy(movie=movie, owner=user, **_copy_fields(rng))
                for movie in movies
                for _ in range(int(entry["copies"]))
            ]
            MovieCopy.objects.bulk_create(copies, batch_size=5000)
            collection_lock(owner_id=user.pk)  # the write protocol: once per collection
            result[user.username] = {"id": user.pk, "movie_ids": [m.pk for m in movies[:10]]}
    return result


def main() -> None:
    django.setup()
    spec = json.load(sys.stdin)
    print(json.dumps(seed(spec)))


if __name__ == "__main__":
    main()
