"""copies/ answers in the same number of SQL queries at any collection size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collection.fragments import STORE as FRAGMENTS
from collection.fragments import fragments_enabled
from collection.models import Location
from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_collection, make_copy

# Transactional, so that the request's own transaction is the outermost one, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def queries_of(client, path: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/copies/", 2),  # the user with their version, then the copies with titles
        ("/api/v1/copies/?limit=50&kind=movie&ordering=-acquired_on", 3),  # + the count
        ("/api/v1/copies/lookup?barcode=4006381333931", 2),
    ],
)
def test_it_answers_in_the_same_queries_at_100_and_10000_copies(owner_client, user, path, expected):
    make_collection(user, movies=50, copies=2)
    small, _ = queries_of(owner_client, path)
    make_collection(user, movies=4950, copies=2)
    FRAGMENTS.clear()  # nothing rendered yet, as for the small list (after a write: below)
    large, body = queries_of(owner_client, path)

    assert small == large == expected
    if "limit" in path:
        assert body["count"] == 10_000
    elif "lookup" not in path:
        assert len(body) == 10_000


def test_it_answers_right_after_a_write_in_the_same_queries_at_100_and_10000_copies(
    owner_client, user
):
    # The user with their version; the copies' row versions, then the copies that changed
    # (collection/fragments.py; on SQLite the copies at once: one query fewer).
    expected = 3 if fragments_enabled() else 2
    movie = make_collection(user, movies=50, copies=2)[0]
    queries_of(owner_client, "/api/v1/copies/")
    make_copy(movie, form="VHS")
    small, _ = queries_of(owner_client, "/api/v1/copies/")
    make_collection(user, movies=4950, copies=2)
    queries_of(owner_client, "/api/v1/copies/")
    make_copy(movie, form="Laserdisc")
    large, body = queries_of(owner_client, "/api/v1/copies/")

    assert small == large == expected
    assert len(body) == 10_002 and "Laserdisc" in {copy["form"] for copy in body}


def test_one_copy_costs_the_same_at_any_size(owner_client, user):
    first = make_collection(user, movies=1, copies=1)[0].copies.get()
    small, _ = queries_of(owner_client, f"/api/v1/copies/{first.pk}")
    make_collection(user, movies=2000, copies=2)
    large, body = queries_of(owner_client, f"/api/v1/copies/{first.pk}")

    assert small == large == 2
    assert body["id"] == first.pk


def make_places_and_loans(user, count: int) -> None:
    rooms = [make_location(user, f"Room {n:04d}") for n in range(count)]
    shelves = [make_location(user, f"Shelf {n}", parent=rooms[n]) for n in range(count)]
    movies = make_collection(user, movies=count, copies=1)
    for movie, shelf in zip(movies, shelves, strict=True):
        movie.copies.update(location=shelf)
        make_loan(movie.copies.get())


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/locations/", 2),
        ("/api/v1/locations/?tree=1", 3),  # + the copy counts
        ("/api/v1/loans/", 2),
        ("/api/v1/loans/?overdue=0&limit=5", 3),
        ("/api/v1/copies/?on_loan=1&location={shelf}", 4),  # + the location, and the tree
    ],
)
def test_locations_and_loans_answer_in_constant_queries(owner_client, user, path, expected):
    make_places_and_loans(user, 3)
    shelf = Location.objects.filter(parent__isnull=False).first().pk
    small, _ = queries_of(owner_client, path.format(shelf=shelf))
    make_places_and_loans_more(user)
    large, _ = queries_of(owner_client, path.format(shelf=shelf))

    assert small == large == expected


def make_places_and_loans_more(user) -> None:
    for n in range(60):
        make_location(user, f"Extra {n}")
    for movie in make_collection(user, movies=60, copies=1):
        make_loan(movie.copies.get())
