"""What MyColl makes of TMDb's payloads (tmdb.client): search results and a movie's fields.

TMDb's fields may be missing, null or of another type; each becomes "" or None here, never an
error, but a movie without a title, which MyColl cannot store (TMDbUnavailable).
"""

import logging
from typing import Any

from tmdb.errors import TMDbUnavailable
from tmdb.payloads import image_url, listed, positive_int, search_result, text, year

logger = logging.getLogger(__name__)

TMDB_PAGE_URL = "https://www.themoviedb.org/movie/{}"
THEATRICAL_RELEASE_TYPES = (3, 2)  # TMDb release types: 3 theatrical, 2 limited theatrical
SEARCH_FIELDS = {"title": "title", "original_title": "original_title", "date": "release_date"}


def search_results(payload: dict) -> list[dict]:
    """A search answer's movies, in TMDb's order (tmdb.payloads.search_result)."""
    return [search_result(item, **SEARCH_FIELDS) for item in payload["results"]]


def movie_fields(payload: dict) -> dict:
    """One movie's details shaped like a MyColl movie: tmdb_id, title, release_year, overview,
    mpaa_rating, runtime_minutes, image_link and tmdb_page_link."""
    title = text(payload.get("title")).strip()
    if not title:
        error = TMDbUnavailable(reason="details answer without a title")
        logger.warning("TMDb movie %d unusable: %s", payload["id"], error.reason)
        raise error
    release_year = year(payload.get("release_date"))
    return {
        "tmdb_id": payload["id"],
        "title": title,
        "release_year": int(release_year) if release_year else None,
        "overview": text(payload.get("overview")),
        "mpaa_rating": us_certification(payload.get("release_dates")),
        "runtime_minutes": positive_int(payload.get("runtime")),
        "image_link": image_url(payload.get("poster_path")),
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
    us = [c for c in listed(countries) if isinstance(c, dict) and c.get("iso_3166_1") == "US"]
    releases = [r for c in us for r in listed(c.get("release_dates")) if isinstance(r, dict)]
    pairs = [(text(r.get("certification")).strip(), r.get("type")) for r in releases]
    return [(certification, kind) for certification, kind in pairs if certification]
