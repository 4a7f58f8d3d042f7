"""End to end over real HTTP: gunicorn serving MyColl, on a fresh SQLite file, with the
fake TMDb behind it. Bounded: migrations 30 s, start-up 20 s, each request 10 s."""

from collections.abc import Iterator

import pytest

from livetest import Server, serving_a_fresh_database
from tmdb.tests.fake_server import running_fake_tmdb

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("e2e")
    with running_fake_tmdb() as fake_tmdb:
        with serving_a_fresh_database(workdir, **fake_tmdb.environment()) as server:
            yield server


def test_it_searches_and_shows_details_through_gunicorn(server):
    token = server.sign_up("searcher")

    search = server.call("GET", "/api/v1/movies/search", token, params={"query": "Sphere"})
    sphere_id = search.json()[0]["id"]
    details = server.call(
        "GET", "/api/v1/movies/search/details/", token, params={"query": sphere_id}
    )
    anonymous = server.call("GET", "/api/v1/movies/search", params={"query": "Sphere"})

    assert search.status_code == 200, search.text
    assert [movie["title"] for movie in search.json()] == ["Sphere"]
    assert details.status_code == 200, details.text
    assert details.json()["mpaa_rating"] == "PG-13"
    assert details.json()["release_year"] == 1998
    assert anonymous.status_code == 401


def test_it_adds_a_movie_by_tmdb_id_with_a_copy_and_lists_it(server):
    token = server.sign_up("collector")
    sphere_id = server.call(
        "GET", "/api/v1/movies/search", token, params={"query": "Sphere"}
    ).json()[0]["id"]

    added = server.call("POST", "/api/v1/movies/", token, json={"tmdb_id": sphere_id})
    assert added.status_code == 201, added.text
    assert added.json()["title"] == "Sphere"
    copy = {"movie": added.json()["id"], "platform": "Shelf", "form": "DVD", "vod_link": ""}
    copied = server.call("POST", "/api/v1/movies/copies/", token, json=copy)
    assert copied.status_code == 201, copied.text
    listing = server.call("GET", "/api/v1/movies/", token)

    assert listing.status_code == 200, listing.text
    movie = next(m for m in listing.json() if m["id"] == added.json()["id"])
    assert movie["title"] == "Sphere"
    assert [(c["platform"], c["form"]) for c in movie["copies"]] == [("Shelf", "DVD")]
