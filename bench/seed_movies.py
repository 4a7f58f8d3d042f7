"""The movies seeder: N movies x C copies for a user, shaped like a TMDb-filled collection, the
copies with every rich detail set (medium, resolution, audio, barcode, price, location, ...)
and one in twenty lent out. Feeds the `movies/` and `copies/` cases."""

from __future__ import annotations

import random
import string
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from stdnum import ean

WORDS = (
    "night city river last shadow golden silent broken winter secret dark long road house "
    "king queen war love star ocean fire storm glass iron paper ghost garden train summer "
    "empire return memory heart stone blue red wild lost hidden second final distant"
).split()
RATINGS = ("G", "PG", "PG-13", "R", "NC-17", "")
# form -> (medium, resolutions, HDR formats, audio formats)
DISCS = {
    "Blu-ray": ("bluray", ("hd_1080p",), ("",), ("dts_ma", "dolby_truehd", "lpcm")),
    "DVD": ("dvd", ("sd_480i", "sd_576i"), ("",), ("dolby_digital", "dts")),
    "4K Ultra HD": ("uhd_bluray", ("uhd_4k",), ("dolby_vision", "hdr10", "hdr10_plus"),
                    ("dolby_atmos", "dts_x")),
}  # fmt: skip
SERVICES = (
    ("Prime Video", "https://www.primevideo.com/detail/"),
    ("Apple TV", "https://tv.apple.com/movie/"),
    ("Google Play", "https://play.google.com/store/movies/details?id="),
)
ROOMS = {"Living room": ("Shelf A", "Shelf B", "Shelf C"), "Office": ("Cabinet", "Box 1")}
EDITIONS = ("", "Steelbook", "Collector's Edition", "Director's Cut", "Criterion")
STORES = ("Amazon", "HMV", "FNAC", "Second-hand shop", "Flea market")
BORROWERS = ("Grace", "Alan", "Ada", "Linus", "Barbara")
FIRST_DAY = date(2005, 1, 1)


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 16))
    return " ".join(words).capitalize() + "."


def movie_fields(rng: random.Random, tmdb_id: int | None) -> dict[str, Any]:
    """An overview of ~300 characters, real-looking links; about one movie in ten was added by
    hand (no TMDb id, no links)."""
    title = " ".join(rng.choices(WORDS, k=rng.randint(1, 4))).title()
    poster = "".join(rng.choices(string.ascii_letters + string.digits, k=27))
    return {
        "title": title,
        "release_year": rng.randint(1930, 2025),
        "overview": " ".join(sentence(rng) for _ in range(rng.randint(2, 4))),
        "mpaa_rating": rng.choice(RATINGS),
        "runtime_minutes": rng.randint(75, 200),
        "image_link": f"https://image.tmdb.org/t/p/w500/{poster}.jpg" if tmdb_id else "",
        "tmdb_page_link": f"https://www.themoviedb.org/movie/{tmdb_id}" if tmdb_id else "",
        "tmdb_id": tmdb_id,
    }


def _barcode(rng: random.Random) -> str:
    digits = "".join(rng.choices(string.digits, k=12))
    return digits + ean.calc_check_digit(digits)


def bought(rng: random.Random) -> dict[str, Any]:
    return {
        "acquired_on": FIRST_DAY + timedelta(days=rng.randint(0, 7000)),
        "price": Decimal(rng.randint(199, 4999)) / 100,
        "currency": rng.choice(("EUR", "USD", "GBP")),
        "store": rng.choice(STORES),
        "condition": rng.choice(("new", "like_new", "very_good", "good")),
        "notes": sentence(rng),
        "extra": {"signed": rng.random() < 0.1, "shelf_row": rng.randint(1, 9)},
    }


def copy_fields(rng: random.Random, shelves: list[Any]) -> dict[str, Any]:
    """A disc on a shelf or a VOD on a service, with every detail a collector records."""
    form = rng.choice((*DISCS, "VOD"))
    if form == "VOD":
        service, link = rng.choice(SERVICES)
        code = "".join(rng.choices(string.ascii_uppercase + string.digits, k=12))
        return {
            "form": form, "platform": service, "vod_link": f"{link}{code}", "medium": "digital",
            "resolution": "uhd_4k", "hdr": "dolby_vision", "audio": "dolby_digital_plus_atmos",
            "audio_channels": "5.1", "digital_platform": service, **bought(rng),
        }  # fmt: skip
    medium, resolutions, hdrs, audios = DISCS[form]
    shelf = rng.choice(shelves)
    return {
        "form": form, "platform": shelf.name, "vod_link": "", "medium": medium,
        "resolution": rng.choice(resolutions), "hdr": rng.choice(hdrs),
        "audio": rng.choice(audios), "audio_channels": rng.choice(("2.0", "5.1", "7.1")),
        "is_3d": rng.random() < 0.05, "region": rng.choice(("A", "B", "2")),
        "edition": rng.choice(EDITIONS), "disc_count": rng.randint(1, 3),
        "barcode": _barcode(rng), "location": shelf, **bought(rng),
    }  # fmt: skip


def shelves(user: Any) -> list[Any]:
    """The user's shelves, in two rooms: made on the first call."""
    from collection.models import Location

    existing = list(Location.objects.filter(owner=user, kind="shelf").order_by("id"))
    if existing:
        return existing
    rooms = Location.objects.bulk_create(
        [Location(owner=user, name=name, kind="room") for name in ROOMS]
    )
    return Location.objects.bulk_create(
        [
            Location(owner=user, name=shelf, kind="shelf", parent=room)
            for room in rooms
            for shelf in ROOMS[room.name]
        ]
    )


def lend_some(user: Any, copies: list[Any], rng: random.Random) -> None:
    """One copy in twenty lent out, never returned."""
    from collection.models import Loan

    Loan.objects.bulk_create(
        [
            Loan(
                owner=user,
                copy=copy,
                borrower=rng.choice(BORROWERS),
                lent_on=date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)),
            )
            for copy in copies[::20]
        ]
    )


def seed_copies(
    model: Any, user: Any, titles: list[dict[str, Any]], copies: int, make: Any, rng: random.Random
) -> list[Any]:
    """`copies` copies of `model` for each of `titles` (the title fields of a copy), their
    details from `make(rng, shelves)`; one in twenty lent out."""
    places = shelves(user)
    made = model.objects.bulk_create(
        [
            model(owner=user, **title, **make(rng, places))
            for title in titles
            for _ in range(copies)
        ],
        batch_size=5000,
    )
    lend_some(user, made, rng)
    return made


def seed_movies(user: Any, count: int, copies: int, rng: random.Random) -> dict[str, list[int]]:
    """`count` movies x `copies` copies for `user`: their ids, for the `movies/` and `copies/`
    cases (each list in the order of creation)."""
    from movies.models import Movie, MovieCopy

    tmdb_ids = rng.sample(range(1, 2_000_000), count)
    movies = Movie.objects.bulk_create(
        [
            Movie(owner=user, **movie_fields(rng, tmdb_id if i % 10 else None))
            for i, tmdb_id in enumerate(tmdb_ids)
        ],
        batch_size=2000,
    )
    titles = [{"movie": movie} for movie in movies]
    made = seed_copies(MovieCopy, user, titles, copies, copy_fields, rng)
    return {"movies": [m.pk for m in movies], "copies": [c.pk for c in made]}
