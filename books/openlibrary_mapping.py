"""What MyColl makes of Open Library's answers (openlibrary.client): an edition's data
(`jscmd=data`) as a book's fields or a search result, and a search's works as search results.
An edition without a title, which MyColl cannot store, is Open Library failing
(OpenLibraryUnavailable)."""

import logging
import re
from datetime import datetime
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
    year,
)
from openlibrary.errors import OpenLibraryUnavailable

logger = logging.getLogger(__name__)

COVERS_URL = "https://covers.openlibrary.org/b/id/{}-M.jpg"
COVER_SIZES = ("large", "medium", "small")
# Open Library's free-text dates, each with how precise it is: (strptime format, precision).
DATE_FORMATS = (
    ("%B %d, %Y", "day"),
    ("%B %d %Y", "day"),
    ("%b %d, %Y", "day"),
    ("%b %d %Y", "day"),
    ("%d %B %Y", "day"),
    ("%d %b %Y", "day"),
    ("%Y-%m-%d", "day"),
    ("%B %Y", "month"),
    ("%b %Y", "month"),
    ("%Y-%m", "month"),
    ("%Y", "year"),
)
YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
SEPT = re.compile(r"\bSept\b", re.IGNORECASE)  # strptime's %b knows only "Sep"


def book_fields(bibkey: str, record: dict, *, isbn: str = "") -> dict[str, Any]:
    """An edition's data as a book's fields; `isbn` (canonical) is the one it was found by."""
    title = text(record.get("title"), "title")
    if not title:
        logger.warning("Open Library edition %s unusable: no title", bibkey)
        raise OpenLibraryUnavailable(reason="edition without a title")
    return book_payload(
        title=title,
        subtitle=text(record.get("subtitle"), "subtitle"),
        authors=_names_of(record.get("authors")),
        publisher=text(next(iter(_names_of(record.get("publishers"))), ""), "publisher"),
        published_date=published_date(record.get("publish_date")),
        description=_description(record),
        page_count=page_count(record.get("number_of_pages")),
        categories=_names_of(record.get("subjects")),
        isbn_13=isbn or isbn_of(record),
        openlibrary_id=edition_id(record),
        image_link=cover(record),
        info_link=https(record.get("url")),
    )


def edition_result(record: dict) -> dict[str, Any]:
    """An edition's data as a search result; its `id` is its edition key (OL7353617M)."""
    date = published_date(record.get("publish_date"))
    return search_result(
        id=edition_id(record),
        title=text(record.get("title")),
        subtitle=text(record.get("subtitle")),
        authors=_names_of(record.get("authors")),
        published_year=int(date[:4]) if date else None,
        isbn_13=isbn_of(record),
        image_link=cover(record),
    )


def search_results(payload: dict) -> list[dict[str, Any]]:
    """A search's works as search results, in Open Library's order; each `id` is the work's
    key (OL45883W)."""
    return [_work_result(doc) for doc in payload["docs"]]


def _work_result(doc: dict) -> dict[str, Any]:
    cover_id = doc.get("cover_i")
    has_cover = isinstance(cover_id, int) and not isinstance(cover_id, bool) and cover_id > 0
    isbns = doc.get("isbn")
    return search_result(
        id=doc["key"].rsplit("/", 1)[-1],
        title=text(doc.get("title")),
        subtitle=text(doc.get("subtitle")),
        authors=names(doc.get("author_name")),
        published_year=year(doc.get("first_publish_year")),
        isbn_13=first_isbn(isbns if isinstance(isbns, list) else []),
        image_link=COVERS_URL.format(cover_id) if has_cover else "",
    )


def published_date(value: Any) -> str:
    """Open Library's free text ("June 2, 2009", "June 2009", "c1988") as YYYY-MM-DD, YYYY-MM
    or YYYY, as precise as it says; "" when it names no year."""
    written = SEPT.sub("Sep", " ".join(text(value).replace(".", " ").split()))
    for form, precision in DATE_FORMATS:
        try:
            when = datetime.strptime(written, form)
        except ValueError:
            continue
        date = {
            "day": f"{when.year:04d}-{when.month:02d}-{when.day:02d}",
            "month": f"{when.year:04d}-{when.month:02d}",
            "year": f"{when.year:04d}",
        }[precision]
        if is_published_date(date):
            return date
    match = YEAR.search(written)
    return match.group(1) if match and is_published_date(match.group(1)) else ""


def isbn_of(record: dict) -> str:
    """The edition's ISBN-13, else its ISBN-10's, canonical; "" when it has neither."""
    identifiers = record.get("identifiers")
    identifiers = identifiers if isinstance(identifiers, dict) else {}
    listed = [identifiers.get("isbn_13"), identifiers.get("isbn_10")]
    return first_isbn(
        number for numbers in listed if isinstance(numbers, list) for number in numbers
    )


def edition_id(record: dict) -> str:
    """The edition's key, `/books/OL7353617M`, as OL7353617M."""
    return text(record.get("key")).rsplit("/", 1)[-1][:20]


def cover(record: dict) -> str:
    covers = record.get("cover")
    covers = covers if isinstance(covers, dict) else {}
    return next((https(covers[size]) for size in COVER_SIZES if https(covers.get(size))), "")


def _names_of(items: Any) -> list[str]:
    """The names of `[{"name": ...}, ...]` (authors, publishers, subjects)."""
    listed = items if isinstance(items, list) else []
    return names([item.get("name") for item in listed if isinstance(item, dict)])


def _description(record: dict) -> str:
    """An edition's description: a text, or `{"type": "/type/text", "value": ...}`."""
    value = record.get("description")
    return text(value.get("value") if isinstance(value, dict) else value)
