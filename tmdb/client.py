"""A thin client for The Movie Database API v3: search and details, as TMDb answers them.

The rest of the project calls `search_movies`, `movie_details`, `search_tv` and `tv_details`;
each returns TMDb's JSON, checked only as far as this client needs (a dict with an integer id,
a list of results), and raises only the errors in tmdb.errors. What MyColl makes of the
payloads is the business of the app that owns the model (movies.tmdb_mapping,
tv.tmdb_mapping). Requests go through mycoll.outgoing (timeouts, retries within
a deadline, redacted logs); answers are cached in Django's cache. Settings are read at call
time.
"""

import hashlib
import json
import logging
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
    TMDbShowNotFound,
    TMDbUnavailable,
)

logger = logging.getLogger(__name__)

TMDB = Upstream("TMDb", errors=TRANSPORT_ERRORS)
CACHE_KEY_VERSION = 2  # 2: TMDb's payloads are cached (1 cached MyColl's shapes)
_MISSING = object()


# --- Public API ----------------------------------------------------------------------------


def search_movies(*, query: str, page: int = 1, year: int | None = None) -> dict:
    """TMDb's answer to a movie search, in TMDb's order: a dict whose `results` is a list of
    movies, each a dict with an integer `id`."""
    return _search("/search/movie", query=query, page=page, year=("primary_release_year", year))


def movie_details(*, tmdb_id: int) -> dict:
    """TMDb's details of one movie, its `release_dates` appended: a dict with an integer `id`."""
    if tmdb_id < 1:
        raise TMDbNotFound(reason="a non-positive id was asked for")
    params = {"append_to_response": "release_dates"}
    path = f"/movie/{tmdb_id:d}"
    return _cached(path, params, _details_payload, settings.TMDB_DETAILS_CACHE_SECONDS)


def cached_movie_details(*, tmdb_id: int) -> dict | None:
    """`movie_details` if they are in the cache (a search/details or a one-call add just
    asked), without asking TMDb; None otherwise."""
    params = {"append_to_response": "release_dates"}
    return cache.get(cache_key(f"/movie/{tmdb_id:d}", params))


def search_tv(*, query: str, page: int = 1, year: int | None = None) -> dict:
    """TMDb's answer to a TV search, in TMDb's order: a dict whose `results` is a list of
    shows, each a dict with an integer `id`; `year` is the year of the first air date."""
    return _search("/search/tv", query=query, page=page, year=("first_air_date_year", year))


def tv_details(*, tmdb_id: int, fresh: bool = False) -> dict:
    """TMDb's details of one show with its seasons, its `content_ratings` and `external_ids`
    appended: a dict with an integer `id`. `fresh` asks TMDb even when the answer is cached
    (and caches the new one)."""
    if tmdb_id < 1:
        raise TMDbShowNotFound(reason="a non-positive id was asked for")
    params = {"append_to_response": "content_ratings,external_ids"}
    path = f"/tv/{tmdb_id:d}"
    timeout = settings.TMDB_DETAILS_CACHE_SECONDS
    try:
        return _cached(path, params, _details_payload, timeout, fresh=fresh)
    except TMDbNotFound as error:
        raise TMDbShowNotFound(reason=error.reason) from None


def watch_providers(*, kind: str, tmdb_id: int) -> dict:
    """TMDb's (JustWatch's) offers for a movie (`kind` "movie") or a show ("tv"), in every
    region: a dict whose `results` maps region codes to offers."""
    if tmdb_id < 1:
        raise TMDbNotFound(reason="a non-positive id was asked for")
    path = f"/{kind}/{tmdb_id:d}/watch/providers"
    return _cached(path, {}, _providers_payload, settings.TMDB_PROVIDERS_CACHE_SECONDS)


def collection_details(*, collection_id: int) -> dict:
    """One TMDb collection ("The Matrix Collection"): a dict with an integer `id`, its `name`
    and its `parts`, each a movie with an integer `id`. Shared by every user: public data."""
    if collection_id < 1:
        raise TMDbNotFound(reason="a non-positive id was asked for")
    path = f"/collection/{collection_id:d}"
    return _cached(path, {}, _collection_payload, settings.TMDB_COLLECTION_CACHE_SECONDS)


def _search(path: str, *, query: str, page: int, year: tuple[str, int | None]) -> dict:
    params: dict[str, Any] = {"query": query.strip(), "page": page, "include_adult": "false"}
    year_param, year_value = year
    if year_value is not None:
        params[year_param] = year_value
    try:
        return _cached(path, params, _search_payload, settings.TMDB_SEARCH_CACHE_SECONDS)
    except TMDbNotFound:
        # Search never 404s on the real TMDb: the API URL must be wrong.
        error = TMDbUnavailable(reason="TMDb answered 404 to a search; check TMDB_API_URL")
        logger.warning("TMDb GET %s failed: %s", path, error.reason)
        raise error from None


def is_positive_int(value: Any) -> bool:
    """A TMDb id (or runtime): a whole number above 0, and not a bool."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


# --- What this client checks of TMDb's answers ---------------------------------------------


def _search_payload(payload: Any) -> dict:
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list):
        raise TMDbUnavailable(reason="search answer without a results list")
    if not all(isinstance(item, dict) and is_positive_int(item.get("id")) for item in results):
        raise TMDbUnavailable(reason="search result without an integer id")
    return payload


def _details_payload(payload: Any) -> dict:
    if not isinstance(payload, dict) or not is_positive_int(payload.get("id")):
        raise TMDbUnavailable(reason="details answer without an integer id")
    return payload


def _providers_payload(payload: Any) -> dict:
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), dict):
        raise TMDbUnavailable(reason="watch providers answer without a results object")
    return payload


def _collection_payload(payload: Any) -> dict:
    payload = _details_payload(payload)
    parts = payload.get("parts")
    if not isinstance(parts, list) or not all(
        isinstance(part, dict) and is_positive_int(part.get("id")) for part in parts
    ):
        raise TMDbUnavailable(reason="collection answer without a parts list of movies")
    return payload


# --- Cache ---------------------------------------------------------------------------------


def _cached(
    path: str,
    params: dict[str, Any],
    check: Callable[[Any], dict],
    timeout: int,
    *,
    fresh: bool = False,
) -> dict:
    url, query, headers = _request_parts(path, params)
    key = cache_key(path, params)
    hit = _MISSING if fresh else cache.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = _fetch(url, query, headers, path=path, check=check)
    cache.set(key, value, timeout)
    return value


def cache_key(path: str, params: dict[str, Any]) -> str:
    """A key for every parameter of the call (never the credential) and the URL it uses."""
    normalized = {
        "v": CACHE_KEY_VERSION,
        "api": settings.TMDB_API_URL,
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
    check: Callable[[Any], dict],
) -> dict:
    try:
        return check(_json_body(TMDB.get(url, policy=policy(), params=query, headers=headers)))
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
