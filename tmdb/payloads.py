"""Reading TMDb's payloads leniently: a field that is missing, null or of another type becomes
"" or None, never an error. The apps that map TMDb's answers to their models build on these
(movies.tmdb_mapping, tv.tmdb_mapping)."""

import re
from typing import Any

from django.conf import settings

from tmdb.client import is_positive_int

YEAR = re.compile(r"^(\d{4})-")


def listed(value: Any) -> list:
    return value if isinstance(value, list) else []


def text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def year(date: Any) -> str:
    """The year of a TMDb date ("1998-02-13"), as text; "" when there is none."""
    match = YEAR.match(date) if isinstance(date, str) else None
    return match.group(1) if match else ""


def positive_int(value: Any) -> int | None:
    return value if is_positive_int(value) else None


def image_url(poster_path: Any) -> str:
    """A full image URL from TMDb's `poster_path`, or ""."""
    if not isinstance(poster_path, str) or not poster_path.strip():
        return ""
    return f"{settings.TMDB_IMAGE_BASE_URL.rstrip('/')}/{poster_path.strip().lstrip('/')}"


def search_result(item: dict, *, title: str, original_title: str, date: str) -> dict:
    """One search result as the search proxies answer it, from TMDb's fields of these names:
    id, title, original_title, overview, release_year ("" when unknown) and poster_path (a
    full image URL, or "")."""
    return {
        "id": item["id"],
        "title": text(item.get(title)),
        "original_title": text(item.get(original_title)),
        "overview": text(item.get("overview")),
        "release_year": year(item.get(date)),
        "poster_path": image_url(item.get("poster_path")),
    }
