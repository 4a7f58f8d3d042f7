"""A thin client for the Google Books API v1: volume search, volumes by ISBN, one volume, as
Google answers them.

Each function returns Google's JSON, checked only as far as this client needs (volumes are
dicts with a string `id` and a `volumeInfo` dict), and raises only the errors in
googlebooks.errors. What MyColl makes of the volumes is the books app's business
(books.googlebooks_mapping). Requests go through mycoll.outgoing; answers are cached. Settings
are read at call time: GOOGLE_BOOKS_API_KEY is optional, GOOGLE_BOOKS_COUNTRY goes out as
`country` (without it, Google refuses servers it cannot place).
"""

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import requests
from django.conf import settings

from googlebooks.errors import (
    TRANSPORT_ERRORS,
    GoogleBooksError,
    GoogleBooksNotFound,
    GoogleBooksRateLimited,
    GoogleBooksRefused,
    GoogleBooksUnavailable,
)
from mycoll.outgoing import Policy, Upstream, cache_key, cached, retry_after_seconds

logger = logging.getLogger(__name__)

GOOGLE_BOOKS = Upstream("Google Books", errors=TRANSPORT_ERRORS)
CACHE_KEY_VERSION = 1
SEARCH_RESULTS = 20
# The `reason`s of Google's error bodies that mean "over quota", whatever the status.
QUOTA_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded", "quotaExceeded"}
)
REFUSED_STATUSES = (400, 403)


# --- Public API ----------------------------------------------------------------------------


def search_volumes(*, query: str) -> dict:
    """Google's answer to a search, in its order: a dict whose `items`, absent when there are
    none, are volumes."""
    params = {"q": query.strip(), "maxResults": SEARCH_RESULTS, "printType": "books"}
    seconds = settings.GOOGLE_BOOKS_SEARCH_CACHE_SECONDS
    return _cached("/volumes", params, _volumes_payload, seconds)


def volumes_by_isbn(*, isbn: str) -> dict:
    """Google's volumes with this ISBN: a dict whose `items` has at least one volume;
    GoogleBooksNotFound when Google has none."""
    params = {"q": f"isbn:{isbn}", "maxResults": SEARCH_RESULTS, "printType": "books"}
    seconds = settings.GOOGLE_BOOKS_LOOKUP_CACHE_SECONDS
    return _cached("/volumes", params, _volumes_found, seconds)


def volume(*, volume_id: str) -> dict:
    """One volume, by its Google id; GoogleBooksNotFound when Google has no such volume."""
    path = f"/volumes/{quote(volume_id, safe='')}"
    return _cached(path, {}, _volume, settings.GOOGLE_BOOKS_LOOKUP_CACHE_SECONDS)


# --- What this client checks of Google's answers -------------------------------------------


def _is_volume(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str)
        and bool(item["id"])
        and isinstance(item.get("volumeInfo"), dict)
    )


def _volumes_payload(payload: Any) -> dict:
    items = payload.get("items", []) if isinstance(payload, dict) else None
    if not isinstance(items, list) or not all(_is_volume(item) for item in items):
        raise GoogleBooksUnavailable(reason="volumes answer without a list of volumes")
    return payload


def _volumes_found(payload: Any) -> dict:
    if not _volumes_payload(payload).get("items"):
        raise GoogleBooksNotFound(reason="no volume with that ISBN")
    return payload


def _volume(payload: Any) -> dict:
    if not _is_volume(payload):
        raise GoogleBooksUnavailable(reason="volume answer without an id and volumeInfo")
    return payload


# --- HTTP ----------------------------------------------------------------------------------


def _cached(path: str, params: dict[str, Any], check: Callable[[Any], dict], timeout: int) -> dict:
    query = {**params, "country": settings.GOOGLE_BOOKS_COUNTRY}
    key = cache_key(
        "googlebooks", v=CACHE_KEY_VERSION, api=settings.GOOGLE_BOOKS_API_URL, path=path, q=query
    )
    return cached(key, lambda: _fetch(path, query, check), timeout)


def _fetch(path: str, query: dict[str, Any], check: Callable[[Any], dict]) -> dict:
    url = f"{settings.GOOGLE_BOOKS_API_URL.rstrip('/')}{path}"
    key = settings.GOOGLE_BOOKS_API_KEY.strip()
    params = {**query, "key": key} if key else query
    headers = {"Accept": "application/json"}
    try:
        return check(
            _json_body(GOOGLE_BOOKS.get(url, policy=policy(), params=params, headers=headers))
        )
    except GoogleBooksNotFound:
        raise
    except GoogleBooksError as error:
        logger.warning("Google Books GET %s failed: %s", path, error.reason)
        raise


def _json_body(response: requests.Response) -> Any:
    status = response.status_code
    if status == 404:
        raise GoogleBooksNotFound(reason="Google Books answered 404")
    if status in REFUSED_STATUSES:
        reasons = error_reasons(response)
        why = f"Google Books answered {status} ({', '.join(sorted(reasons)) or 'no reason'})"
        if reasons & QUOTA_REASONS:
            raise GoogleBooksRateLimited(retry_after_seconds(response), reason=why)
        raise GoogleBooksRefused(reason=why)
    return GOOGLE_BOOKS.json_body(response)


def error_reasons(response: requests.Response) -> set[str]:
    """The `reason`s of a Google API error body: {"error": {"errors": [{"reason": ...}]}}."""
    try:
        errors = response.json().get("error", {}).get("errors", [])
    except (ValueError, AttributeError):
        return set()
    if not isinstance(errors, list):
        return set()
    return {e["reason"] for e in errors if isinstance(e, dict) and isinstance(e.get("reason"), str)}


def policy() -> Policy:
    """Timeouts and retries from the GOOGLE_BOOKS_* settings."""
    return Policy.from_settings("GOOGLE_BOOKS")
