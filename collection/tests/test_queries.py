"""copies/ answers in the same number of SQL queries at any collection size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from movies.tests.factories import make_collection

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
    large, body = queries_of(owner_client, path)

    assert small == large == expected
    if "limit" in path:
        assert body["count"] == 10_000
    elif "lookup" not in path:
        assert len(body) == 10_000


def test_one_copy_costs_the_same_at_any_size(owner_client, user):
    first = make_collection(user, movies=1, copies=1)[0].copies.get()
    small, _ = queries_of(owner_client, f"/api/v1/copies/{first.pk}")
    make_collection(user, movies=2000, copies=2)
    large, body = queries_of(owner_client, f"/api/v1/copies/{first.pk}")

    assert small == large == 2
    assert body["id"] == first.pk
