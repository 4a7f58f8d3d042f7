"""Every list and detail request costs the same number of SQL queries at any collection size."""

import pytest
from django.core.cache import cache

from movies.tests.factories import make_collection

# Transactional, so that the request's own transaction is the outermost one, as in production,
# and no test savepoint is counted.
pytestmark = pytest.mark.django_db(transaction=True)

# The user with their collection version (one query, at authentication), movies, copies.
LIST_QUERIES = 3


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

    with django_assert_max_num_queries(LIST_QUERIES):
        response = owner_client.get(f"/api/v1/movies/{movie.pk}")

    assert len(response.json()["copies"]) == 2


@pytest.mark.parametrize("size", [1, 200])
@pytest.mark.parametrize("path", ["/api/v1/movies/", "/api/v1/movies/{id}"])
def test_it_serves_an_unchanged_answer_from_the_cache_in_one_query(
    owner_client, user, django_assert_num_queries, size, path
):
    movie = make_collection(user, movies=size, copies=2)[0]
    copy = {"movie": movie.pk, "platform": "Attic", "form": "VHS"}
    assert owner_client.post("/api/v1/movies/copies/", copy, format="json").status_code == 201
    path = path.format(id=movie.pk)
    first = owner_client.get(path)

    with django_assert_num_queries(1):
        again = owner_client.get(path)
    with django_assert_num_queries(1):
        unchanged = owner_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert unchanged.status_code == 304
    assert len(first.content) > 100
