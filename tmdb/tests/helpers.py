"""Canned TMDb payloads and a look at what reached the mocked TMDb."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

API_URL = "https://tmdb.test/3"
API_KEY = "k3y-that-must-never-leak-0123456789"
READ_TOKEN = "t0ken-that-must-never-leak-9876543210"
SEARCH_URL = f"{API_URL}/search/movie"


def details_url(tmdb_id: int) -> str:
    return f"{API_URL}/movie/{tmdb_id}"


def search_payload(*results: dict[str, Any]) -> dict[str, Any]:
    return {"page": 1, "results": list(results), "total_pages": 1, "total_results": len(results)}


def search_item(**fields: Any) -> dict[str, Any]:
    return {
        "id": 10153,
        "title": "Sphere",
        "original_title": "Sphere",
        "overview": "Scientists and a spacecraft on the ocean floor.",
        "release_date": "1998-02-13",
        "poster_path": "/sphere.jpg",
        **fields,
    }


def us_release(*releases: tuple[str, int]) -> dict[str, Any]:
    return {
        "iso_3166_1": "US",
        "release_dates": [{"certification": c, "type": t, "note": ""} for c, t in releases],
    }


def details_payload(**fields: Any) -> dict[str, Any]:
    return {
        "id": 10153,
        "title": "Sphere",
        "original_title": "Sphere",
        "overview": "Scientists and a spacecraft on the ocean floor.",
        "release_date": "1998-02-13",
        "runtime": 134,
        "poster_path": "/sphere.jpg",
        "release_dates": {"results": [us_release(("PG-13", 3))]},
        **fields,
    }


# What MyColl makes of details_payload(): the details endpoint's answer, and a movie's fields.
SPHERE_DETAILS = {
    "tmdb_id": 10153,
    "title": "Sphere",
    "release_year": 1998,
    "overview": "Scientists and a spacecraft on the ocean floor.",
    "mpaa_rating": "PG-13",
    "runtime_minutes": 134,
    "image_link": "https://image.tmdb.test/t/p/w500/sphere.jpg",
    "tmdb_page_link": "https://www.themoviedb.org/movie/10153",
}


def sent_params(call) -> dict[str, list[str]]:
    """The query parameters TMDb received, decoded exactly as a server would."""
    return parse_qs(urlsplit(call.request.url).query, keep_blank_values=True)


# --- TV ------------------------------------------------------------------------------------

TV_SEARCH_URL = f"{API_URL}/search/tv"


def tv_details_url(tmdb_id: int) -> str:
    return f"{API_URL}/tv/{tmdb_id}"


def tv_search_item(**fields: Any) -> dict[str, Any]:
    return {
        "id": 1396,
        "name": "Breaking Bad",
        "original_name": "Breaking Bad",
        "overview": "A chemistry teacher turns to making methamphetamine.",
        "first_air_date": "2008-01-20",
        "poster_path": "/breaking-bad.jpg",
        "origin_country": ["US"],
        **fields,
    }


def tv_season(number: int, episodes: int = 7, air_date: str | None = "2008-01-20", **fields):
    return {
        "id": 3570 + number,
        "season_number": number,
        "name": "Specials" if number == 0 else f"Season {number}",
        "episode_count": episodes,
        "air_date": air_date,
        "overview": "",
        "poster_path": f"/bb-s{number}.jpg",
        **fields,
    }


def tv_details_payload(**fields: Any) -> dict[str, Any]:
    return {
        **tv_search_item(),
        "last_air_date": "2009-05-31",
        "status": "Ended",
        "in_production": False,
        "number_of_seasons": 2,
        "number_of_episodes": 20,
        "networks": [{"id": 174, "name": "AMC", "origin_country": "US"}],
        "seasons": [
            tv_season(0, 2, None),
            tv_season(1, 7, "2008-01-20"),
            tv_season(2, 13, "2009-03-08"),
        ],
        "content_ratings": {"results": [{"iso_3166_1": "US", "rating": "TV-MA"}]},
        "external_ids": {"imdb_id": "tt0903747", "tvdb_id": 81189},
        **fields,
    }
