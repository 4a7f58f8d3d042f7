"""What MyColl makes of Google Books' volumes (googlebooks.client): a book's fields and search
results. A volume without a title, which MyColl cannot store, is Google failing
(GoogleBooksUnavailable), so that Open Library is asked instead."""

import logging
import re
from typing import Any

from books.mapping import (
    book_payload,
    first_isbn,
    https,
    is_published_date,
    names,
    page_count,
    search_result,
    text,
)
from googlebooks.errors import GoogleBooksUnavailable

logger = logging.getLogger(__name__)

DATE_PREFIX = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
IMAGE_SIZES = ("thumbnail", "smallThumbnail")
ISBN_TYPES = ("ISBN_13", "ISBN_10")


def book_fields(volume: dict, *, isbn: str = "") -> dict[str, Any]:
    """One volume as a book's fields; `isbn` (canonical) is the one it was found by."""
    info = volume["volumeInfo"]
    title = text(info.get("title"), "title")
    if not title:
        logger.warning("Google Books volume %s unusable: no title", volume["id"])
        raise GoogleBooksUnavailable(reason="volume without a title")
    return book_payload(
        title=title,
        subtitle=text(info.get("subtitle"), "subtitle"),
        authors=names(info.get("authors")),
        publisher=text(info.get("publisher"), "publisher"),
        published_date=published_date(info.get("publishedDate")),
        description=text(info.get("description")),
        page_count=page_count(info.get("pageCount")),
        language=text(info.get("language"), "language"),
        categories=names(info.get("categories")),
        isbn_13=isbn or isbn_of(info),
        google_books_id=text(volume["id"], "google_books_id"),
        image_link=image_link(info),
        info_link=https(info.get("infoLink")),
    )


def search_results(payload: dict) -> list[dict[str, Any]]:
    """A volumes answer as search results, in Google's order."""
    return [search_result_of(volume) for volume in payload.get("items", [])]


def search_result_of(volume: dict) -> dict[str, Any]:
    info = volume["volumeInfo"]
    date = published_date(info.get("publishedDate"))
    return search_result(
        id=volume["id"],
        title=text(info.get("title")),
        subtitle=text(info.get("subtitle")),
        authors=names(info.get("authors")),
        published_year=int(date[:4]) if date else None,
        isbn_13=isbn_of(info),
        image_link=image_link(info),
    )


def published_date(value: Any) -> str:
    """Google's date as given (YYYY, YYYY-MM or YYYY-MM-DD), or its year when the rest is not
    a date; "" when it has none."""
    match = DATE_PREFIX.match(text(value))
    date = match.group(0) if match else ""
    return next((d for d in (date, date[:4]) if d and is_published_date(d)), "")


def isbn_of(info: dict) -> str:
    """The volume's ISBN-13, else its ISBN-10's, canonical; "" when it has neither."""
    identifiers = info.get("industryIdentifiers")
    listed = (
        [i for i in identifiers if isinstance(i, dict)] if isinstance(identifiers, list) else []
    )
    ranked = sorted(listed, key=lambda i: i.get("type") != "ISBN_13")
    return first_isbn(i.get("identifier") for i in ranked if i.get("type") in ISBN_TYPES)


def image_link(info: dict) -> str:
    links = info.get("imageLinks")
    links = links if isinstance(links, dict) else {}
    return next((https(links[size]) for size in IMAGE_SIZES if https(links.get(size))), "")
