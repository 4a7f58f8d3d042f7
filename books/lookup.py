"""Books looked up by ISBN, by id, or by search text: Google Books first, Open Library
whenever Google has no result, fails (5xx, timeout, a bad answer) or refuses (429, 403
`unknownLocation`, a quota error).

When Google failed and Open Library has nothing either, Google's failure is the answer (it is
not known that Google has nothing); when both fail, Open Library's failure is. Each service's
errors are answered by mycoll.exceptions.exception_handler with their own status and code.
"""

import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

from books import googlebooks_mapping, openlibrary_mapping
from books.isbn import isbn10, isbn13_or_none, looks_like_isbn
from googlebooks import client as google
from googlebooks.errors import GoogleBooksError, GoogleBooksNotFound
from mycoll.errors import ApplicationError
from openlibrary import client as openlibrary
from openlibrary.errors import OpenLibraryNotFound

logger = logging.getLogger(__name__)

T = TypeVar("T")
OPENLIBRARY_EDITION = re.compile(r"^OL[0-9]{1,12}M$")
OPENLIBRARY_WORK = re.compile(r"^OL[0-9]{1,12}W$")
GOOGLE_VOLUME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class BookNotKnown(ApplicationError):
    status_code = 404
    code = "book_not_found"
    default_message = "Neither Google Books nor Open Library knows this book."


def book_by_isbn(isbn: str) -> dict[str, Any]:
    """A book's fields (the create payload) for a canonical ISBN-13; BookNotKnown when
    neither service knows it."""
    found = _google_then_openlibrary(
        lambda: googlebooks_mapping.book_fields(
            google.volumes_by_isbn(isbn=isbn)["items"][0], isbn=isbn
        ),
        lambda: openlibrary_mapping.book_fields(
            *openlibrary.edition(bibkeys=isbn_bibkeys(isbn)), isbn=isbn
        ),
    )
    if found is None:
        raise BookNotKnown(f"Neither Google Books nor Open Library knows ISBN {isbn}.")
    return found


def book_by_id(identifier: str) -> dict[str, Any]:
    """A book's fields for an Open Library edition or work key (OL7353617M, OL45883W), or a
    Google volume id; each service's NotFound when it has no such book."""
    if OPENLIBRARY_WORK.match(identifier):
        entries = openlibrary.work_editions(work_id=identifier)["entries"]
        identifier = entries[0]["key"].rsplit("/", 1)[-1]
    if OPENLIBRARY_EDITION.match(identifier):
        return openlibrary_mapping.book_fields(
            *openlibrary.edition(bibkeys=(f"OLID:{identifier}",))
        )
    return googlebooks_mapping.book_fields(google.volume(volume_id=identifier))


def is_book_id(text: str) -> bool:
    """An id that `book_by_id` takes."""
    return bool(GOOGLE_VOLUME.match(text))


def search(query: str) -> list[dict[str, Any]]:
    """Search results for a title, an author, any text, or an ISBN in any written form."""
    isbn = isbn13_or_none(query) if looks_like_isbn(query) else None
    if isbn is not None:
        found = _google_then_openlibrary(
            lambda: googlebooks_mapping.search_results(google.volumes_by_isbn(isbn=isbn)),
            lambda: [
                openlibrary_mapping.edition_result(
                    openlibrary.edition(bibkeys=isbn_bibkeys(isbn))[1]
                )
            ],
        )
    else:
        found = _google_then_openlibrary(
            lambda: googlebooks_mapping.search_results(google.search_volumes(query=query)),
            lambda: openlibrary_mapping.search_results(openlibrary.search(query=query)),
        )
    return found or []


def isbn_bibkeys(isbn: str) -> tuple[str, ...]:
    """Open Library's bibkeys for a canonical ISBN-13: its ISBN-10's too, as older editions
    may be recorded under that alone."""
    old = isbn10(isbn)
    return (f"ISBN:{isbn}", f"ISBN:{old}") if old else (f"ISBN:{isbn}",)


def _google_then_openlibrary(
    ask_google: Callable[[], T], ask_openlibrary: Callable[[], T]
) -> T | None:
    """Google's answer; Open Library's when Google has none or fails; None when neither has
    one (see the module's description for which failure is raised)."""
    failure: GoogleBooksError | None = None
    try:
        answer = ask_google()
    except GoogleBooksNotFound:
        answer = None
    except GoogleBooksError as error:
        failure, answer = error, None
    if answer:
        return answer
    logger.info("Asking Open Library (Google Books: %s)", failure.reason if failure else "none")
    try:
        answer = ask_openlibrary()
    except OpenLibraryNotFound:
        answer = None
    if not answer and failure is not None:
        raise failure
    return answer or None
