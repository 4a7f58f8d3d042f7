"""The TV seeder: N shows, each with one season and C copies of that season (discs or VOD with
every rich detail, as the movies' copies), shaped like a TMDb-filled collection. Feeds the
`tv/` cases."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from bench.seed_movies import WORDS, copy_fields, seed_copies, sentence

NETWORKS = ("HBO", "BBC One", "AMC", "Netflix", "Apple TV+", "FX", "Channel 4")
STATUSES = ("Ended", "Returning Series", "Canceled")
TV_RATINGS = ("TV-MA", "TV-14", "TV-PG", "TV-G", "")


def show_fields(rng: random.Random, tmdb_id: int | None) -> dict[str, Any]:
    first = rng.randint(1960, 2024)
    return {
        "title": " ".join(rng.choices(WORDS, k=rng.randint(1, 3))).title(),
        "year_first_aired": first,
        "last_air_year": min(2026, first + rng.randint(0, 8)),
        "overview": " ".join(sentence(rng) for _ in range(rng.randint(2, 4))),
        "status": rng.choice(STATUSES),
        "in_production": rng.random() < 0.3,
        "tv_rating": rng.choice(TV_RATINGS),
        "number_of_seasons": rng.randint(1, 9),
        "number_of_episodes": rng.randint(6, 120),
        "networks": rng.sample(NETWORKS, k=rng.randint(1, 2)),
        "image_link": f"https://image.tmdb.org/t/p/w500/s{tmdb_id}.jpg" if tmdb_id else "",
        "tmdb_page_link": f"https://www.themoviedb.org/tv/{tmdb_id}" if tmdb_id else "",
        "tmdb_id": tmdb_id,
        "imdb_id": f"tt{rng.randint(100000, 9999999)}" if tmdb_id else "",
    }


def season_fields(rng: random.Random, show: Any) -> dict[str, Any]:
    aired = date(show.year_first_aired, 1, 1) + timedelta(days=rng.randint(0, 300))
    return {
        "title": "Season 1",
        "season_number": 1,
        "episode_count": rng.randint(6, 24),
        "year_first_aired": aired.year,
        "air_date": aired,
        "overview": sentence(rng),
    }


def seed_shows(user: Any, count: int, copies: int, rng: random.Random) -> dict[str, list[int]]:
    """`count` shows x one season x `copies` copies of it for `user`: the shows' ids, for the
    `tv/` cases, in the order of creation."""
    from tv.models import Season, SeasonCopy, Show

    tmdb_ids = rng.sample(range(1, 2_000_000), count)
    shows = Show.objects.bulk_create(
        [
            Show(owner=user, **show_fields(rng, tmdb_id if i % 10 else None))
            for i, tmdb_id in enumerate(tmdb_ids)
        ],
        batch_size=2000,
    )
    seasons = Season.objects.bulk_create(
        [Season(owner=user, show=show, **season_fields(rng, show)) for show in shows],
        batch_size=2000,
    )
    titles = [{"show": season.show, "season": season} for season in seasons]
    seed_copies(SeasonCopy, user, titles, copies, copy_fields, rng)
    return {"tv": [s.pk for s in shows]}
