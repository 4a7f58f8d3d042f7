"""A thin client for The Movie Database API v3: search and details, cached, retried, bounded.

The rest of the project calls `search_movies` and `movie_details`; both raise only the
errors in tmdb.errors. Requests go through mycoll.outgoing (timeouts, retries within a
deadline, redacted logs). Settings are read at call time.
"""

import hashlib
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache

from mycoll.outgoing import Policy, Upstream
from tmdb.errors import (
    TRANSPORT_ERRORS,
    TMDbCredentialsRejected,
    TMDbError,
    TMDbNotConfigured,
    TMDbNotFound,
    TMDbUnavailable,
)

logger = logging.getLogger(__name__)

TMDB = Upstream("TMDb", errors=TRANSPORT_ERRORS)
TMDB_PAGE_URL = "https://www.themoviedb.org/movie/{}"
THEATRICAL_RELEASE_TYPES = (3, 2)  # TMDb release types: 3 theatrical, 2 limited theatrical
YEAR = re.compile(r"^(\d{4})-")
CACHE_KEY_VERSION = 1
_MISSING = object()


# --- Public API ----------------------------------------------------------------------------


def search_movies(*, query: str, page: int = 1, year: int | None = None) -> list[dict]:
    """Movies matching `query`, in TMDb's order: id, title, original_title, overview,
    release_year ("" when unknown) and poster_path (a full image URL, or "")."""
    params: dict[str, Any] = {"query": query.strip(), "page": page, "include_adult": "false"}
    if year is not None:
        params["primary_release_year"] = year
    try:
        return _cached("/search/movie", params, _search_results, settings.TMDB_SEARCH_CACHE_SECONDS)
    except TMDbNotFound:
        # Search never 404s on the real TMDb: the API URL must be wrong.
        error = TMDbUnavailable(reason="TMDb answered 404 to a search; check TMDB_API_URL")
        logger.warning("TMDb GET /search/movie failed: %s", error.reason)
        raise error from None


def movie_details(*, tmdb_id: int) -> dict:
    """One movie, shaped like a MyColl movie: tmdb_id, title, release_year, overview,
    mpaa_rating, runtime_minutes, image_link and tmdb_page_link."""
    if tmdb_id < 1:
        raise TMDbNotFound(reason="a non-positive id was asked for")
    params = {"append_to_response": "release_dates"}
    return _cached(f"/movie/{tmdb_id:d}", params, _details, settings.TMDB_DETAILS_CACHE_SECONDS)


# --- Shaping TMDb's answers ----------------------------------------------------------------


def _search_results(payload: Any) -> list[dict]:
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list):
        raise TMDbUnavailable(reason="search answer without a results list")
    return [_search_result(item) for item in results]


def _search_result(item: Any) -> dict:
    if not isinstance(item, dict) or not _is_id(item.get("id")):
        raise TMDbUnavailable(reason="search result without an integer id")
    return {
        "id": item["id"],
        "title": _text(item.get("title")),
        "original_title": _text(item.get("original_title")),
        "overview": _text(item.get("overview")),
        "release_year": _year(item.get("release_date")) or "",
        "poster_path": _image_url(item.get("poster_path")),
    }


def _details(payload: Any) -> dict:
    if not isinstance(payload, dict) or not _is_id(payload.get("id")):
        raise TMDbUnavailable(reason="details answer without an integer id")
    title = _text(payload.get("title")).strip()
    if not title:
        raise TMDbUnavailable(reason="details answer without a title")
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


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _year(release_date: Any) -> str:
    match = YEAR.match(release_date) if isinstance(release_date, str) else None
    return match.group(1) if match else ""


def _positive_int(value: Any) -> int | None:
    return value if _is_id(value) else None


def _image_url(poster_path: Any) -> str:
    if not isinstance(poster_path, str) or not poster_path.strip():
        return ""
    return f"{settings.TMDB_IMAGE_BASE_URL.rstrip('/')}/{poster_path.strip().lstrip('/')}"


# --- Cache ---------------------------------------------------------------------------------


def _cached(path: str, params: dict[str, Any], shape: Callable[[Any], Any], timeout: int) -> Any:
    url, query, headers = _request_parts(path, params)
    key = cache_key(path, params)
    hit = cache.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = _fetch(url, query, headers, path=path, shape=shape)
    cache.set(key, value, timeout)
    return value


def cache_key(path: str, params: dict[str, Any]) -> str:
    """A key for every parameter of the call (never the credential) and the URLs it uses."""
    normalized = {
        "v": CACHE_KEY_VERSION,
        "api": settings.TMDB_API_URL,
        "images": settings.TMDB_IMAGE_BASE_URL,
        "path": path,
        "params": {name: str(value) for name, value in params.items()},
    }
    digest = hashlib.sha256(json.dumps(normalized, sort_keys=True).encode()).hexdigest()
    return f"tmdb:{digest}"


# --- HTTP ----------------------------------------------------------------------------------


def _request_parts(path: str, params: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, str]]:
    token = settings.TMDB_READ_ACCESS_TOKEN.strip()
    key = settings.TMDB_API_KEY.strip()
    headers = {"Accept": "application/json"}
    query = dict(params)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif key:
        query["api_key"] = key
    else:
        raise TMDbNotConfigured(reason="neither TMDB_READ_ACCESS_TOKEN nor TMDB_API_KEY is set")
    return f"{settings.TMDB_API_URL.rstrip('/')}{path}", query, headers


def _fetch(
    url: str,
    query: dict[str, Any],
    headers: dict[str, str],
    *,
    path: str,
    shape: Callable[[Any], Any],
) -> Any:
    try:
        return shape(_json_body(TMDB.get(url, policy=policy(), params=query, headers=headers)))
    except TMDbNotFound:
        raise
    except TMDbError as error:
        logger.warning("TMDb GET %s failed: %s", path, error.reason)
        raise


def _json_body(response: requests.Response) -> Any:
    if response.status_code == 401:
        raise TMDbCredentialsRejected(reason="TMDb answered 401")
    if response.status_code == 404:
        raise TMDbNotFound(reason="TMDb answered 404")
    return TMDB.json_body(response)


def policy() -> Policy:
    """Timeouts and retries from the TMDB_* settings."""
    return Policy(
        connect_timeout=settings.TMDB_CONNECT_TIMEOUT,
        read_timeout=settings.TMDB_READ_TIMEOUT,
        max_retries=settings.TMDB_MAX_RETRIES,
        total_seconds=settings.TMDB_RETRY_TOTAL_SECONDS,
        backoff_seconds=settings.TMDB_RETRY_BACKOFF_SECONDS,
    )
