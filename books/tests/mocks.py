"""The two services, mocked with `responses` (the `upstream` or `tmdb` fixture): what Google
Books and Open Library answer to an ISBN, and made-up ISBNs that nobody knows."""

from typing import Any

import responses
from responses import matchers

from books.lookup import isbn_bibkeys
from googlebooks.tests.helpers import VOLUMES_URL
from openlibrary.tests.helpers import BOOKS_URL

# Valid ISBN-13s of no real book, for answers made up in each test.
UNKNOWN_ISBNS = [f"9780000000{n:02d}{check}" for n, check in zip(range(1, 8), "9630741")]
SIGNALS_ISBN = "9780306406157"  # the fake Google Books' Signals and Sampling
HOBBIT_ISBN = "9780261103344"  # in both fakes
FOX_ISBN = "9780140328721"  # only Open Library knows Fantastic Mr. Fox


def google_by_isbn(mock: responses.RequestsMock, isbn: str, **answer: Any) -> None:
    """Google's answer to `q=isbn:<isbn>` (json=..., status=..., body=...)."""
    match = [matchers.query_param_matcher({"q": f"isbn:{isbn}"}, strict_match=False)]
    mock.get(VOLUMES_URL, match=match, **answer)


def openlibrary_by_isbn(mock: responses.RequestsMock, isbn: str, **answer: Any) -> None:
    """Open Library's answer to the Books API asked for this ISBN."""
    bibkeys = ",".join(isbn_bibkeys(isbn))
    match = [matchers.query_param_matcher({"bibkeys": bibkeys}, strict_match=False)]
    mock.get(BOOKS_URL, match=match, **answer)


def both_by_isbn(
    mock: responses.RequestsMock, isbn: str, google: dict[str, Any], openlibrary: dict[str, Any]
) -> None:
    google_by_isbn(mock, isbn, **google)
    openlibrary_by_isbn(mock, isbn, **openlibrary)
