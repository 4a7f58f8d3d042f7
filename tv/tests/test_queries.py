"""Every TV list and detail costs the same number of SQL queries at any size: the shows' list
at 10 and at 1,000 shows, the others at 10 and at 200."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collection.fragments import STORE as FRAGMENTS
from tv.tests.factories import make_series_copy, make_shows

# Transactional, so that the request's own transaction is the outermost one, as in production.
pytestmark = pytest.mark.django_db(transaction=True)

# The user with their collection version (one query, at authentication), then the shows, their
# seasons and their copies.
LIST_QUERIES = 4


def queries_of(client, path: str) -> tuple[int, object]:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize(
    ("path", "expected", "size"),
    [
        ("/api/v1/tv/", LIST_QUERIES, 1000),
        ("/api/v1/tv/?limit=50&offset=5", LIST_QUERIES + 1, 1000),  # + the count
        ("/api/v1/tv/?form=Form 0&ordering=-year_first_aired&search=show", LIST_QUERIES, 1000),
        ("/api/v1/tv/{show}", LIST_QUERIES, 200),
        ("/api/v1/tv/{show}/completeness", LIST_QUERIES, 200),
        ("/api/v1/tv/season/", LIST_QUERIES - 1, 200),
        ("/api/v1/tv/season/?limit=50&ordering=-season_number", LIST_QUERIES, 200),
        ("/api/v1/tv/season/{season}", LIST_QUERIES - 1, 200),
        ("/api/v1/tv/season/copy/", LIST_QUERIES - 2, 200),
        ("/api/v1/tv/season/copy/?limit=50&show={show}", LIST_QUERIES - 1, 200),
        ("/api/v1/copies/?kind=show", LIST_QUERIES - 2, 200),
    ],
)
def test_it_answers_in_the_same_queries_at_any_size(owner_client, user, path, expected, size):
    first = make_shows(user, shows=10, seasons=3, copies=1)[0]
    make_series_copy(first)
    ids = {"show": first.pk, "season": first.seasons.first().pk}
    small, small_body = queries_of(owner_client, path.format(**ids))
    make_shows(user, shows=size - 10, seasons=3, copies=1)
    FRAGMENTS.clear()  # nothing rendered yet, as for the small list
    large, body = queries_of(owner_client, path.format(**ids))

    assert small == large == expected
    if path == "/api/v1/tv/":
        assert len(small_body) == 10 and len(body) == 1000
        assert sum(len(show["seasons"]) for show in body) == 3000
        assert sum(len(s["season_copies"]) for show in body for s in show["seasons"]) == 3000


@pytest.mark.parametrize("path", ["/api/v1/tv/", "/api/v1/tv/{show}"])
def test_it_serves_an_unchanged_answer_from_the_cache_in_one_query(
    owner_client, user, django_assert_num_queries, path
):
    show = make_shows(user, shows=20, seasons=2, copies=1)[0]
    path = path.format(show=show.pk)
    first = owner_client.get(path)

    with django_assert_num_queries(1):
        again = owner_client.get(path)
    with django_assert_num_queries(1):
        unchanged = owner_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert unchanged.status_code == 304
