"""A thin client for Open Library: an edition's data by ISBN or edition id (the Books API,
`/api/books?jscmd=data`), a work's editions, and search (`/search.json`), as Open Library
answers them.

Each function returns Open Library's JSON, checked only as far as this client needs, and
raises only the errors in openlibrary.errors; what MyColl makes of it is the books app's
business (books.openlibrary_mapping). Requests go through mycoll.outgoing with a User-Agent
that names MyColl and the operator's contact (OPENLIBRARY_CONTACT), as Open Library asks of
its API's users; answers are cached. Settings are read at call time.
"""

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import requests
from django.conf import settings

from mycoll.outgoing import Policy, Upstream, cache_key, cached
from openlibrary.errors import (
    TRANSPORT_ERRORS,
    OpenLibraryError,
    OpenLibraryNotFound,
    OpenLibraryUnavailable,
)

logger = logging.getLogger(__name__)

OPEN_LIBRARY = Upstream("Open Library", errors=TRANSPORT_ERRORS)
CACHE_KEY_VERSION = 1
SEARCH_RESULTS = 20
SEARCH_FIELDS = "key,title,subtitle,author_name,first_publish_year,isbn,cover_i,edition_key"


# --- Public API ----------------------------------------------------------------------------


def edition(*, bibkeys: tuple[str, ...]) -> tuple[str, dict]:
    """The first of these bibkeys (`ISBN:9780140328721`, `OLID:OL7353617M`) that Open Library
    knows, with its edition's data: a dict. OpenLibraryNotFound when it knows none."""
    params = {"bibkeys": ",".join(bibkeys), "jscmd": "data", "format": "json"}
    payload = _cached("/api/books", params, _records, settings.OPENLIBRARY_LOOKUP_CACHE_SECONDS)
    found = next((key for key in bibkeys if key in payload), None)
    if found is None:
        raise OpenLibraryNotFound(reason="an answer for other bibkeys")
    return found, payload[found]


def work_editions(*, work_id: str) -> dict:
    """A work's editions: a dict whose `entries` has at least one edition, each a dict with a
    string `key` (`/books/OL7353617M`). OpenLibraryNotFound when there is no such work."""
    path = f"/works/{quote(work_id, safe='')}/editions.json"
    return _cached(path, {"limit": 1}, _editions, settings.OPENLIBRARY_LOOKUP_CACHE_SECONDS)


def search(*, query: str) -> dict:
    """Open Library's answer to a search, in its order: a dict whose `docs` are works, each
    a dict with a string `key` (`/works/OL45883W`)."""
    params = {"q": query.strip(), "fields": SEARCH_FIELDS, "limit": SEARCH_RESULTS}
    return _cached("/search.json", params, _docs, settings.OPENLIBRARY_SEARCH_CACHE_SECONDS)


def user_agent() -> str:
    contact = settings.OPENLIBRARY_CONTACT.strip()
    return f"MyColl (Open Library client; {contact})" if contact else "MyColl (Open Library client)"


# --- What this client checks of Open Library's answers -------------------------------------


def _keyed_dicts(items: Any) -> bool:
    return isinstance(items, list) and all(
        isinstance(item, dict) and isinstance(item.get("key"), str) for item in items
    )


def _records(payload: Any) -> dict:
    if not isinstance(payload, dict) or not all(isinstance(r, dict) for r in payload.values()):
        raise OpenLibraryUnavailable(reason="books answer that is not an object of records")
    if not payload:
        raise OpenLibraryNotFound(reason="no edition with those bibkeys")
    return payload


def _editions(payload: Any) -> dict:
    entries = payload.get("entries") if isinstance(payload, dict) else None
    if not _keyed_dicts(entries):
        raise OpenLibraryUnavailable(reason="editions answer without a list of editions")
    if not entries:
        raise OpenLibraryNotFound(reason="a work without editions")
    return payload


def _docs(payload: Any) -> dict:
    if not _keyed_dicts(payload.get("docs") if isinstance(payload, dict) else None):
        raise OpenLibraryUnavailable(reason="search answer without a list of docs")
    return payload


# --- HTTP ----------------------------------------------------------------------------------


def _cached(path: str, params: dict[str, Any], check: Callable[[Any], dict], timeout: int) -> dict:
    key = cache_key(
        "openlibrary", v=CACHE_KEY_VERSION, api=settings.OPENLIBRARY_URL, path=path, q=params
    )
    return cached(key, lambda: _fetch(path, params, check), timeout)


def _fetch(path: str, params: dict[str, Any], check: Callable[[Any], dict]) -> dict:
    url = f"{settings.OPENLIBRARY_URL.rstrip('/')}{path}"
    headers = {"Accept": "application/json", "User-Agent": user_agent()}
    try:
        return check(
            _json_body(OPEN_LIBRARY.get(url, policy=policy(), params=params, headers=headers))
        )
    except OpenLibraryNotFound:
        raise
    except OpenLibraryError as error:
        logger.warning("Open Library GET %s failed: %s", path, error.reason)
        raise


def _json_body(response: requests.Response) -> Any:
    if response.status_code == 404:
        raise OpenLibraryNotFound(reason="Open Library answered 404")
    return OPEN_LIBRARY.json_body(response)


def policy() -> Policy:
    """Timeouts and retries from the OPENLIBRARY_* settings."""
    return Policy.from_settings("OPENLIBRARY")
