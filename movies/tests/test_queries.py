"""Every list and detail request costs the same number of SQL queries at any collection size."""

import pytest
from django.core.cache import cache

from movies.tests.factories import make_collection

# Transactional, so that the request's own transaction is the outermost one, as in production,
# and no test savepoint is counted.
pytestmark = pytest.mark.django_db(transaction=True)

# Authentication's user lookup, the collection version, movies, copies.
LIST_QUERIES = 4


@pytest.mark.parametrize("size", [1, 200])
@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/api/v1/movies/", LIST_QUERIES),
        ("/api/v1/movies/?limit=50&offset=0", LIST_QUERIES + 1),  # + the count
        ("/api/v1/movies/?form=Form 1&ordering=-release_year", LIST_QUERIES),
        ("/api/v1/movies/copies/", LIST_QUERIES - 1),
        ("/api/v1/movies/copies/?limit=50", LIST_QUERIES),
    ],
)
def test_it_lists_in_constant_queries(
    owner_client, user, django_assert_max_num_queries, size, path, budget
):
    make_collection(user, movies=size, copies=2)
    cache.clear()

    with django_assert_max_num_queries(budget):
        response = owner_client.get(path)

    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    assert len(rows) >= 1


@pytest.mark.parametrize("size", [1, 200])
def test_it_shows_a_movie_in_constant_queries(
    owner_client, user, django_assert_max_num_queries, size
):
    movie = make_collection(user, movies=size, copies=2)[0]

    with django_assert_max_num_queries(3):
        response = owner_client.get(f"/api/v1/movies/{movie.pk}")

    assert len(response.json()["copies"]) == 2


@pytest.mark.parametrize("size", [1, 200])
def test_it_serves_an_unchanged_list_from_the_cache_in_two_queries(
    owner_client, user, django_assert_max_num_queries, size
):
    make_collection(user, movies=size, copies=2)
    first = owner_client.get("/api/v1/movies/")

    with django_assert_max_num_queries(2):
        again = owner_client.get("/api/v1/movies/")

    assert again.content == first.content
    assert len(first.json()) == size
