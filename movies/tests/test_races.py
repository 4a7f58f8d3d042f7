"""Concurrent requests against the real database: no 500, no duplicate, no lost write."""

from collections import Counter

import pytest

from conftest import client_for
from movies.models import Movie
from movies.tests.factories import make_copy, make_movie
from mycoll.tests.helpers import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)

COMPLETE = {
    "tmdb_id": 10153,
    "title": "Sphere",
    "release_year": 1998,
    "overview": "",
    "mpaa_rating": "",
    "runtime_minutes": 134,
    "image_link": "",
    "tmdb_page_link": "",
}


def test_twenty_concurrent_adds_of_one_tmdb_id_make_one_movie(user):
    clients = [client_for(user) for _ in range(20)]

    responses = run_concurrently(
        [lambda c=c: c.post("/api/v1/movies/", COMPLETE, format="json") for c in clients]
    )

    statuses = Counter(r.status_code for r in responses)
    assert statuses == {201: 1, 400: 19}
    movie = Movie.objects.get()
    expected = f"This movie is already in your collection (movie id {movie.pk})."
    assert all(r.json() == {"tmdb_id": [expected]} for r in responses if r.status_code == 400)


def test_concurrent_update_and_delete_of_one_movie_never_fail(user):
    movie = make_movie(user)
    make_copy(movie)
    clients = [client_for(user) for _ in range(10)]
    path = f"/api/v1/movies/{movie.pk}"
    calls = [
        lambda c=c, n=n: (
            c.delete(path)
            if n % 2
            else c.put(path, {"title": f"Title {n}", "release_year": 1998}, format="json")
        )
        for n, c in enumerate(clients)
    ]

    responses = run_concurrently(calls)

    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {200, 204, 404}
    assert statuses[204] == 1
    assert not Movie.objects.exists()


def test_concurrent_copies_of_one_movie_are_all_kept(user):
    movie = make_movie(user)
    clients = [client_for(user) for _ in range(10)]
    body = {"movie": movie.pk, "platform": "Shelf", "form": "DVD"}

    responses = run_concurrently(
        [lambda c=c: c.post("/api/v1/movies/copies/", body, format="json") for c in clients]
    )

    assert [r.status_code for r in responses] == [201] * 10
    assert movie.copies.count() == 10
    listed = clients[0].get("/api/v1/movies/").json()
    assert len(listed[0]["copies"]) == 10
