"""The fake TMDb's collections and where-to-watch offers (tmdb.tests.fake_server serves them):
The Matrix Collection of three films, and offers in two regions for a few titles."""

from typing import Any

US_RATED_R = {"iso_3166_1": "US", "release_dates": [{"certification": "R", "type": 3}]}
MATRIX_COLLECTION = {"id": 2344, "name": "The Matrix Collection", "poster_path": "/mc.jpg"}


def _movie(movie_id: int, title: str, date: str, runtime: int) -> dict[str, Any]:
    return {
        "id": movie_id,
        "title": title,
        "original_title": title,
        "overview": f"{title}: the fight for Zion goes on.",
        "release_date": date,
        "runtime": runtime,
        "poster_path": f"/{movie_id}.jpg",
        "belongs_to_collection": MATRIX_COLLECTION,
        "release_dates": {"results": [US_RATED_R]},
    }


MORE_MOVIES = {
    604: _movie(604, "The Matrix Reloaded", "2003-05-15", 138),
    605: _movie(605, "The Matrix Revolutions", "2003-11-05", 129),
}
COLLECTIONS = {
    2344: {
        **MATRIX_COLLECTION,
        "overview": "The Matrix trilogy.",
        "parts": [
            {"id": 603, "title": "The Matrix", "release_date": "1999-03-31"},
            {"id": 604, "title": "The Matrix Reloaded", "release_date": "2003-05-15"},
            {"id": 605, "title": "The Matrix Revolutions", "release_date": "2003-11-05"},
        ],
    }
}


def _offer(provider_id: int, name: str, priority: int) -> dict[str, Any]:
    return {"provider_id": provider_id, "provider_name": name,
            "logo_path": f"/logo{provider_id}.jpg", "display_priority": priority}  # fmt: skip


NETFLIX, PRIME, APPLE, TUBI = (
    _offer(8, "Netflix", 1), _offer(9, "Amazon Prime Video", 2), _offer(2, "Apple TV", 3),
    _offer(73, "Tubi TV", 9),
)  # fmt: skip
PROVIDERS: dict[tuple[str, int], dict[str, Any]] = {
    ("movie", 603): {
        "US": {"link": "https://www.themoviedb.org/movie/603/watch?locale=US",
               "flatrate": [NETFLIX], "rent": [APPLE, PRIME], "buy": [APPLE]},
        "DE": {"link": "https://www.themoviedb.org/movie/603/watch?locale=DE",
               "flatrate": [PRIME], "buy": [APPLE]},
    },
    ("movie", 10153): {
        "US": {"link": "https://www.themoviedb.org/movie/10153/watch?locale=US",
               "free": [TUBI], "rent": [APPLE]},
    },
    ("tv", 1396): {
        "US": {"link": "https://www.themoviedb.org/tv/1396/watch?locale=US",
               "flatrate": [NETFLIX], "buy": [APPLE, PRIME]},
        "GB": {"link": "https://www.themoviedb.org/tv/1396/watch?locale=GB",
               "flatrate": [NETFLIX]},
    },
}  # fmt: skip


def watch_providers(kind: str, tmdb_id: int, known: bool) -> dict[str, Any] | None:
    """TMDb's watch/providers answer; a known title without offers has empty results."""
    if not known:
        return None
    return {"id": tmdb_id, "results": PROVIDERS.get((kind, tmdb_id), {})}
