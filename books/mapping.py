"""What the two services' mappings share (books.googlebooks_mapping,
books.openlibrary_mapping): their values made safe for a book's fields, and the two shapes
they produce, a book's fields (the create payload) and a search result.

A service's field may be missing, null or of another type; it becomes "", None or [] here,
never an error. Text is cut to its column's length, lists of names to their limits, links are
https, ISBNs canonical.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from books.isbn import isbn10, isbn13_or_none
from books.models import (
    BOOK_FIELDS,
    MAX_NAME_LENGTH,
    MAX_NAMES,
    MAX_PAGE_COUNT,
    MAX_PUBLISHED_YEAR,
    MIN_PUBLISHED_YEAR,
    Book,
    validate_published_date,
)

# What a lookup fills: every field of a book but its id and timestamps.
FILLED_FIELDS = tuple(f for f in BOOK_FIELDS if f not in ("id", "created_at", "updated_at"))
# The fields that are not text, as they read when a service gives nothing.
EMPTY_BOOK: dict[str, Any] = {
    "authors": [],
    "categories": [],
    "page_count": None,
    "published_year": None,
}
EMPTY_RESULT: dict[str, Any] = {
    "id": "",
    "title": "",
    "subtitle": "",
    "authors": [],
    "published_year": None,
    "isbn_13": "",
    "image_link": "",
}


def text(value: Any, field: str | None = None) -> str:
    """A string, stripped, and cut to the column's length when a field is named."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if field is not None:
        value = value[: Book._meta.get_field(field).max_length]
    return value


def names(values: Any) -> list[str]:
    """A list of names (authors, categories): strings only, each cut to its limit, no
    repeats, at most MAX_NAMES."""
    if not isinstance(values, list):
        return []
    kept = [text(v)[:MAX_NAME_LENGTH] for v in values if text(v)]
    return list(dict.fromkeys(kept))[:MAX_NAMES]


def https(link: Any) -> str:
    """An http(s) link as https; "" for anything else."""
    link = text(link)
    if link.startswith("http://"):
        link = f"https://{link.removeprefix('http://')}"
    return link if link.startswith("https://") and len(link) <= 500 else ""


def page_count(value: Any) -> int | None:
    valid = isinstance(value, int) and not isinstance(value, bool)
    return value if valid and 1 <= value <= MAX_PAGE_COUNT else None


def year(value: Any) -> int | None:
    valid = isinstance(value, int) and not isinstance(value, bool)
    return value if valid and MIN_PUBLISHED_YEAR <= value <= MAX_PUBLISHED_YEAR else None


def is_published_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real date."""
    try:
        validate_published_date(value)
    except ValidationError:
        return False
    return True


def first_isbn(values: Iterable[Any]) -> str:
    """The canonical ISBN-13 of the first valid ISBN among these, or ""."""
    found = (isbn13_or_none(v) for v in values if isinstance(v, str))
    return next((number for number in found if number), "")


def _fresh(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def book_payload(**fields: Any) -> dict[str, Any]:
    """A book's fields in the API's order, ready to POST to books/: each one given, else
    empty; the ISBN-10 derived from the ISBN-13, the year from the date."""
    isbn, date = fields.get("isbn_13", ""), fields.get("published_date", "")
    fields["isbn_10"] = isbn10(isbn) if isbn else ""
    if date:
        fields["published_year"] = int(date[:4])
    return {field: _fresh(fields.get(field, EMPTY_BOOK.get(field, ""))) for field in FILLED_FIELDS}


def search_result(**fields: Any) -> dict[str, Any]:
    """One search result: `id` (what details accepts), title, subtitle, authors,
    published_year, isbn_13 and image_link."""
    return {key: _fresh(fields.get(key, empty)) for key, empty in EMPTY_RESULT.items()}
