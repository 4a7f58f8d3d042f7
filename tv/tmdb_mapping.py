"""What MyColl makes of TMDb's TV payloads (tmdb.client): search results, and a show's fields
with its seasons.

TMDb's fields may be missing, null or of another type; each becomes "", None or [] here,
never an error, but for what MyColl cannot store a show without: a name, and a list of
seasons each with its number. Those make the whole answer unusable (TMDbUnavailable), so that
no show is ever stored without some of its seasons.
"""

import logging
from datetime import date
from typing import Any

from tmdb.errors import TMDbUnavailable
from tmdb.payloads import image_url, listed, positive_int, search_result, text, year
from tv.models import season_title

logger = logging.getLogger(__name__)

TMDB_PAGE_URL = "https://www.themoviedb.org/tv/{}"
SEARCH_FIELDS = {"title": "name", "original_title": "original_name", "date": "first_air_date"}


def search_results(payload: dict) -> list[dict]:
    """A TV search answer's shows, in TMDb's order (tmdb.payloads.search_result): `title` is
    TMDb's name, `release_year` the year of the first air date."""
    return [search_result(item, **SEARCH_FIELDS) for item in payload["results"]]


def show_fields(payload: dict) -> dict[str, Any]:
    """One show's details shaped like a MyColl show, with its seasons in season order."""
    title = text(payload.get("name")).strip()
    if not title:
        _unusable(payload, "details answer without a name")
    external = payload.get("external_ids") if isinstance(payload.get("external_ids"), dict) else {}
    page = TMDB_PAGE_URL.format(payload["id"])
    return {
        "tmdb_id": payload["id"],
        "title": title,
        "original_title": text(payload.get("original_name")).strip(),
        "year_first_aired": _year(payload.get("first_air_date")),
        "last_air_year": _year(payload.get("last_air_date")),
        "overview": text(payload.get("overview")),
        "status": text(payload.get("status")).strip(),
        "in_production": _bool(payload.get("in_production")),
        "tv_rating": us_rating(payload.get("content_ratings")),
        "number_of_seasons": _count(payload.get("number_of_seasons")),
        "number_of_episodes": _count(payload.get("number_of_episodes")),
        "networks": _networks(payload.get("networks")),
        "image_link": image_url(payload.get("poster_path")),
        "tmdb_page_link": page,
        "imdb_id": text(external.get("imdb_id")).strip(),
        "tvdb_id": positive_int(external.get("tvdb_id")),
        "seasons": _seasons(payload, page),
    }


def us_rating(content_ratings: Any) -> str:
    """The US content rating (TV-MA, ...), or "" when TMDb has none."""
    results = content_ratings.get("results") if isinstance(content_ratings, dict) else None
    for rating in listed(results):
        if isinstance(rating, dict) and rating.get("iso_3166_1") == "US":
            if value := text(rating.get("rating")).strip():
                return value
    return ""


def _seasons(payload: dict, page: str) -> list[dict[str, Any]]:
    seasons = payload.get("seasons")
    if not isinstance(seasons, list) or not all(_numbered(season) for season in seasons):
        _unusable(payload, "details answer without a list of numbered seasons")
    numbers = [season["season_number"] for season in seasons]
    if len(set(numbers)) != len(numbers):
        _unusable(payload, "details answer with a season number twice")
    ordered = sorted(seasons, key=lambda season: season["season_number"])
    return [_season(season, page) for season in ordered]


def _season(season: dict, page: str) -> dict[str, Any]:
    number = season["season_number"]
    air_date = _date(season.get("air_date"))
    return {
        "season_number": number,
        "title": text(season.get("name")).strip() or season_title(number),
        "episode_count": _count(season.get("episode_count")),
        "year_first_aired": air_date.year if air_date else None,
        "air_date": air_date,
        "overview": text(season.get("overview")),
        "image_link": image_url(season.get("poster_path")),
        "tmdb_page_link": f"{page}/season/{number}",
    }


def _numbered(season: Any) -> bool:
    number = season.get("season_number") if isinstance(season, dict) else None
    return _count(number) is not None


def _unusable(payload: dict, reason: str) -> None:
    error = TMDbUnavailable(reason=reason)
    logger.warning("TMDb show %d unusable: %s", payload["id"], reason)
    raise error


def _year(value: Any) -> int | None:
    found = year(value)
    return int(found) if found else None


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _count(value: Any) -> int | None:
    """A whole number of at least 0 (not a bool), or None."""
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and value >= 0 else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _networks(value: Any) -> list[str]:
    names = (text(n.get("name")).strip() for n in listed(value) if isinstance(n, dict))
    return [name for name in names if name]
