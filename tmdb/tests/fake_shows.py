"""The fake TMDb's TV shows, as TMDb's /tv/<id> answers them with
`append_to_response=content_ratings,external_ids`; and how a show gains a season.

Breaking Bad's Specials have no air date; Severance has a third season announced, airing a
year from today; Fawlty Towers has no US rating.
"""

import copy
from datetime import date, timedelta
from typing import Any


def _season(number: int, episodes: int, air_date: str | None, poster: str) -> dict[str, Any]:
    return {
        "id": 3000 + number * 7 + len(poster),
        "season_number": number,
        "name": "Specials" if number == 0 else f"Season {number}",
        "episode_count": episodes,
        "air_date": air_date,
        "overview": "",
        "poster_path": poster,
        "vote_average": 0.0,
    }


def _ratings(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"results": [{"iso_3166_1": c, "rating": r, "descriptors": []} for c, r in pairs]}


A_YEAR_FROM_NOW = (date.today() + timedelta(days=365)).isoformat()

SHOWS: dict[int, dict[str, Any]] = {
    1396: {
        "id": 1396,
        "name": "Breaking Bad",
        "original_name": "Breaking Bad",
        "overview": "A chemistry teacher diagnosed with cancer turns to making methamphetamine.",
        "first_air_date": "2008-01-20",
        "last_air_date": "2013-09-29",
        "status": "Ended",
        "in_production": False,
        "number_of_seasons": 5,
        "number_of_episodes": 62,
        "networks": [{"id": 174, "name": "AMC", "origin_country": "US"}],
        "poster_path": "/breaking-bad.jpg",
        "origin_country": ["US"],
        "seasons": [
            _season(0, 9, None, "/breaking-bad-s0.jpg"),
            _season(1, 7, "2008-01-20", "/breaking-bad-s1.jpg"),
            _season(2, 13, "2009-03-08", "/breaking-bad-s2.jpg"),
            _season(3, 13, "2010-03-21", "/breaking-bad-s3.jpg"),
            _season(4, 13, "2011-07-17", "/breaking-bad-s4.jpg"),
            _season(5, 16, "2012-07-15", "/breaking-bad-s5.jpg"),
        ],
        "content_ratings": _ratings(("DE", "16"), ("US", "TV-MA")),
        "external_ids": {"imdb_id": "tt0903747", "tvdb_id": 81189, "facebook_id": None},
    },
    95396: {
        "id": 95396,
        "name": "Severance",
        "original_name": "Severance",
        "overview": "Office workers whose memories are split between work and home.",
        "first_air_date": "2022-02-18",
        "last_air_date": "2025-03-21",
        "status": "Returning Series",
        "in_production": True,
        "number_of_seasons": 3,
        "number_of_episodes": 19,
        "networks": [{"id": 2552, "name": "Apple TV+", "origin_country": ""}],
        "poster_path": "/severance.jpg",
        "origin_country": ["US"],
        "seasons": [
            _season(1, 9, "2022-02-18", "/severance-s1.jpg"),
            _season(2, 10, "2025-01-17", "/severance-s2.jpg"),
            _season(3, 0, A_YEAR_FROM_NOW, "/severance-s3.jpg"),
        ],
        "content_ratings": _ratings(("US", "TV-MA"), ("GB", "15")),
        "external_ids": {"imdb_id": "tt11280740", "tvdb_id": 371980},
    },
    2207: {
        "id": 2207,
        "name": "Fawlty Towers",
        "original_name": "Fawlty Towers",
        "overview": "A hotel in Torquay, and the rudest hotelier in England.",
        "first_air_date": "1975-09-19",
        "last_air_date": "1979-10-25",
        "status": "Ended",
        "in_production": False,
        "number_of_seasons": 2,
        "number_of_episodes": 12,
        "networks": [{"id": 332, "name": "BBC Two", "origin_country": "GB"}],
        "poster_path": None,
        "origin_country": ["GB"],
        "seasons": [
            _season(1, 6, "1975-09-19", "/fawlty-towers-s1.jpg"),
            _season(2, 6, "1979-02-19", "/fawlty-towers-s2.jpg"),
        ],
        "content_ratings": _ratings(("GB", "12")),
        "external_ids": {"imdb_id": "tt0072500", "tvdb_id": 75932},
    },
}
SEARCH_FIELDS = ("id", "name", "original_name", "overview", "first_air_date", "poster_path")
APPENDED = ("content_ratings", "external_ids")


def fresh_shows() -> dict[int, dict[str, Any]]:
    """A server's own copy of the shows, which it may change."""
    return copy.deepcopy(SHOWS)


def gain_season(show: dict[str, Any], episodes: int = 8) -> dict[str, Any]:
    """The show gains its next season, airing today, and its totals follow; answers it."""
    number = max((s["season_number"] for s in show["seasons"]), default=0) + 1
    slug = show["name"].lower().replace(" ", "-")
    season = _season(number, episodes, date.today().isoformat(), f"/{slug}-s{number}.jpg")
    show["seasons"].append(season)
    show["number_of_seasons"] += 1
    show["number_of_episodes"] += episodes
    show["last_air_date"] = season["air_date"]
    return season


def search(shows: dict[int, dict[str, Any]], params: dict[str, str]) -> list[dict[str, Any]]:
    words = params.get("query", "").casefold()
    year = params.get("first_air_date_year") or params.get("year") or ""
    return [
        {field: show[field] for field in SEARCH_FIELDS}
        for show in shows.values()
        if words
        and (words in show["name"].casefold() or words in show["original_name"].casefold())
        and show["first_air_date"].startswith(year)
    ]


def details(show: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    appended = params.get("append_to_response", "").split(",")
    return {k: v for k, v in show.items() if k not in APPENDED or k in appended}
