"""What MyColl makes of TMDb's payloads (tmdb.client): search results and a movie's fields.

TMDb's fields may be missing, null or of another type; each becomes "" or None here, never an
error, but a movie without a title, which MyColl cannot store (TMDbUnavailable).
"""

import logging
import re
from typing import Any

from django.conf import settings

from tmdb.client import is_positive_int
from tmdb.errors import TMDbUnavailable

logger = logging.getLogger(__name__)

TMDB_PAGE_URL = "https://www.themoviedb.org/movie/{}"
THEATRICAL_RELEASE_TYPES = (3, 2)  # TMDb release types: 3 theatrical, 2 limited theatrical
YEAR = re.compile(r"^(\d{4})-")


def search_results(payload: dict) -> list[dict]:
    """A search answer's movies, in TMDb's order: id, title, original_title, overview,
    release_year ("" when unknown) and poster_path (a full image URL, or "")."""
    return [search_result(item) for item in payload["results"]]


def search_result(item: dict) -> dict:
    return {
        "id": item["id"],
        "title": _text(item.get("title")),
        "original_title": _text(item.get("original_title")),
        "overview": _text(item.get("overview")),
        "release_year": _year(item.get("release_date")),
        "poster_path": _image_url(item.get("poster_path")),
    }


def movie_fields(payload: dict) -> dict:
    """One movie's details shaped like a MyColl movie: tmdb_id, title, release_year, overview,
    mpaa_rating, runtime_minutes, image_link and tmdb_page_link."""
    title = _text(payload.get("title")).strip()
    if not title:
        error = TMDbUnavailable(reason="details answer without a title")
        logger.warning("TMDb movie %d unusable: %s", payload["id"], error.reason)
        raise error
    year = _year(payload.get("release_date"))
    return {
        "tmdb_id": payload["id"],
        "title": title,
        "release_year": int(year) if year else None,
        "overview": _text(payload.get("overview")),
        "mpaa_rating": us_certification(payload.get("release_dates")),
        "runtime_minutes": _positive_int(payload.get("runtime")),
        "image_link": _image_url(payload.get("poster_path")),
        "tmdb_page_link": TMDB_PAGE_URL.format(payload["id"]),
    }


def us_certification(release_dates: Any) -> str:
    """The US certification: a theatrical release's first, else the first one given, else ""."""
    certified = _us_certified_releases(release_dates)
    for release_type in THEATRICAL_RELEASE_TYPES:
        for certification, kind in certified:
            if kind == release_type:
                return certification
    return certified[0][0] if certified else ""


def _us_certified_releases(release_dates: Any) -> list[tuple[str, Any]]:
    """(certification, release type) of every US release that has a certification."""
    countries = release_dates.get("results") if isinstance(release_dates, dict) else None
    us = [c for c in _list(countries) if isinstance(c, dict) and c.get("iso_3166_1") == "US"]
    releases = [r for c in us for r in _list(c.get("release_dates")) if isinstance(r, dict)]
    pairs = [(_text(r.get("certification")).strip(), r.get("type")) for r in releases]
    return [(certification, kind) for certification, kind in pairs if certification]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _year(release_date: Any) -> str:
    match = YEAR.match(release_date) if isinstance(release_date, str) else None
    return match.group(1) if match else ""


def _positive_int(value: Any) -> int | None:
    return value if is_positive_int(value) else None


def _image_url(poster_path: Any) -> str:
    if not isinstance(poster_path, str) or not poster_path.strip():
        return ""
    return f"{settings.TMDB_IMAGE_BASE_URL.rstrip('/')}/{poster_path.strip().lstrip('/')}"
