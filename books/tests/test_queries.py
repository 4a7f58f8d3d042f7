"""Every books list and detail costs the same number of SQL queries at any collection size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from books.tests.factories import make_library
from collection.fragments import STORE as FRAGMENTS

# Transactional, so that the request's own transaction is the outermost one, as in production,
# and no test savepoint is counted.
pytestmark = pytest.mark.django_db(transaction=True)


def queries_of(client, path: str) -> tuple[int, object]:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/books/", 3),  # the user with their version, the books, their copies
        ("/api/v1/books/?limit=50&offset=0", 4),  # + the count
        ("/api/v1/books/?form=Form 1&ordering=-published_year&search=book", 3),
        ("/api/v1/books/copies/", 2),
        ("/api/v1/books/copies/?limit=50", 3),
        ("/api/v1/copies/?kind=book", 2),
        ("/api/v1/copies/lookup?barcode=9780306406157", 2),
    ],
)
def test_it_answers_in_the_same_queries_at_10_and_1000_books(owner_client, user, path, expected):
    make_library(user, books=10, copies=2)
    small, _ = queries_of(owner_client, path)
    make_library(user, books=990, copies=2)
    FRAGMENTS.clear()  # nothing rendered yet, as for the small list
    large, body = queries_of(owner_client, path)

    assert small == large == expected
    rows = body["results"] if isinstance(body, dict) else body
    if path == "/api/v1/books/":
        assert len(rows) == 1000 and all(len(book["copies"]) == 2 for book in rows)


def test_one_book_costs_the_same_at_any_size(owner_client, user):
    first = make_library(user, books=1, copies=2)[0]
    small, _ = queries_of(owner_client, f"/api/v1/books/{first.pk}")
    make_library(user, books=999, copies=2)
    large, body = queries_of(owner_client, f"/api/v1/books/{first.pk}")

    assert small == large == 3  # the user with their version, the book, its copies
    assert len(body["copies"]) == 2


@pytest.mark.parametrize("path", ["/api/v1/books/", "/api/v1/books/copies/"])
def test_an_unchanged_list_is_served_from_the_cache_in_one_query(owner_client, user, path):
    make_library(user, books=100, copies=2)
    first = owner_client.get(path)

    with CaptureQueriesContext(connection) as again_queries:
        again = owner_client.get(path)
    with CaptureQueriesContext(connection) as unchanged_queries:
        unchanged = owner_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content and len(again_queries) == 1
    assert unchanged.status_code == 304 and len(unchanged_queries) == 1
