"""Plain GETs answered before DRF's dispatch (collection/early.py): the very status, headers
and bytes DRF answers, throttled as DRF throttles (and counted once), never another user's,
and everything DRF would refuse left to DRF."""

import pytest
from django.core.cache import cache

from collection import early
from collection.fragments import STORE
from collection.tests.factories import make_loan, make_location
from conftest import client_for
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drf_only(monkeypatch):
    """Every request through DRF's own dispatch, as before early answers."""
    monkeypatch.setattr(early, "early_answer", lambda *args: None)


@pytest.fixture
def paths(user) -> list[str]:
    movie = make_movie(user, title="Sphere")
    copy = make_copy(movie, platform="Shelf", medium="dvd", price="9.99", currency="EUR")
    make_loan(make_copy(movie, form="Blu-ray"))
    make_location(user, "Living room")
    return [
        "/api/v1/movies/",
        f"/api/v1/movies/{movie.pk}",
        "/api/v1/copies/",
        f"/api/v1/copies/{copy.pk}",
        "/api/v1/copies",
        "/api/v1/locations/",
        "/api/v1/loans/",
    ]


def answers(client, path: str) -> list[tuple]:
    """A fresh answer, the same from the cache, then the 304 to its ETag."""
    cache.clear()
    STORE.clear()
    fresh = client.get(path)
    cached = client.get(path)
    conditional = client.get(path, HTTP_IF_NONE_MATCH=fresh["ETag"])
    return [(r.status_code, sorted(r.headers.items()), r.content) for r in (fresh, cached)] + [
        (conditional.status_code, sorted(conditional.headers.items()), conditional.content)
    ]


def test_it_answers_exactly_as_drf_does(owner_client, paths, monkeypatch):
    early_answers = {path: answers(owner_client, path) for path in paths}
    monkeypatch.setattr(early, "early_answer", lambda *args: None)
    drf_answers = {path: answers(owner_client, path) for path in paths}

    assert early_answers == drf_answers
    statuses = {path: [status for status, _, _ in found] for path, found in drf_answers.items()}
    assert set(map(tuple, statuses.values())) == {(200, 200, 304)}


def test_it_answers_before_drf(owner_client, paths, monkeypatch):
    seen = []
    real = early.early_answer
    monkeypatch.setattr(early, "early_answer", lambda *a: seen.append(a[1].path) or real(*a))

    for path in paths:
        owner_client.get(path)
    owner_client.get(paths[0], {"limit": 1})

    assert seen == paths  # not the one with a query string


@pytest.fixture
def rates(settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "user": "3/min"}


@pytest.mark.parametrize("path", ["/api/v1/movies/", "/api/v1/copies/"])
def test_it_throttles_early_answers_as_drf_does_and_counts_each_once(
    user, owner_client, rates, path, monkeypatch
):
    make_movie(user)
    etag = owner_client.get(path)["ETag"]
    early_statuses = [owner_client.get(path, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(2)]
    throttled = owner_client.get(path, HTTP_IF_NONE_MATCH=etag)
    cache.clear()  # the throttle's counts too
    monkeypatch.setattr(early, "early_answer", lambda *args: None)
    drf_statuses = [owner_client.get(path).status_code for _ in range(3)]
    drf_throttled = owner_client.get(path)

    assert early_statuses == [304, 304] and drf_statuses == [200, 200, 200]
    assert throttled.status_code == drf_throttled.status_code == 429
    assert throttled.content == drf_throttled.content
    assert throttled["Retry-After"] == drf_throttled["Retry-After"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"HTTP_AUTHORIZATION": "Bearer not-a-token"}, 401),
        ({"HTTP_AUTHORIZATION": "Bearer"}, 401),
        ({}, 401),
        ({"HTTP_ACCEPT": "text/html"}, 406),
    ],
)
def test_it_leaves_what_drf_refuses_to_drf(user, api_client, headers, status, monkeypatch):
    make_movie(user)
    if headers.get("HTTP_ACCEPT"):
        api_client = client_for(user)
    refused = api_client.get("/api/v1/movies/", **headers)
    monkeypatch.setattr(early, "early_answer", lambda *args: None)
    by_drf = api_client.get("/api/v1/movies/", **headers)

    assert refused.status_code == by_drf.status_code == status
    assert refused.content == by_drf.content
    assert sorted(refused.headers.items()) == sorted(by_drf.headers.items())


@pytest.mark.parametrize("accept", ["*/*", "application/json", "application/json, text/plain, */*"])
def test_it_answers_what_a_browser_accepts(owner_client, user, accept):
    make_movie(user)
    etag = owner_client.get("/api/v1/movies/")["ETag"]

    response = owner_client.get("/api/v1/movies/", HTTP_ACCEPT=accept, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_it_never_answers_one_user_with_anothers_body_or_304(
    owner_client, other_client, user, other_user
):
    mine = make_movie(user, title="Mine")
    make_movie(other_user, title="Theirs")
    first = owner_client.get("/api/v1/movies/")
    detail = owner_client.get(f"/api/v1/movies/{mine.pk}")

    theirs = other_client.get("/api/v1/movies/", HTTP_IF_NONE_MATCH=first["ETag"])
    not_theirs = other_client.get(f"/api/v1/movies/{mine.pk}", HTTP_IF_NONE_MATCH=detail["ETag"])
    missing = other_client.get("/api/v1/movies/999999")

    assert theirs.status_code == 200 and [m["title"] for m in theirs.json()] == ["Theirs"]
    assert not_theirs.status_code == 404 and not_theirs.content == missing.content
