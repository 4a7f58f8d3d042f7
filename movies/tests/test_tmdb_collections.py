"""TMDb collections: a movie keeps the collection it belongs to (at once, or from a task on
the queue), and movies/collections/ shows the films missing from each."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from movies.models import Movie
from movies.tests.factories import make_movie
from tmdb.tests.helpers import API_URL, details_payload, details_url

pytestmark = pytest.mark.usefixtures("tmdb_settings")

MATRIX = {"id": 2344, "name": "The Matrix Collection"}
PARTS = {
    "id": 2344,
    "name": "The Matrix Collection",
    "parts": [
        {"id": 605, "title": "The Matrix Revolutions", "release_date": "2003-11-05"},
        {"id": 603, "title": "The Matrix", "release_date": "1999-03-31"},
        {"id": 604, "title": "The Matrix Reloaded", "release_date": "2003-05-15"},
    ],
}
COLLECTION_URL = f"{API_URL}/collection/2344"
# What the SPA posts: every field, so that nothing is asked of TMDb.
SPA_FIELDS = dict.fromkeys(("overview", "mpaa_rating", "image_link", "tmdb_page_link"), "")
SPA_FIELDS["runtime_minutes"] = 136


def film(tmdb_id: int, title: str) -> dict:
    return details_payload(id=tmdb_id, title=title, belongs_to_collection=MATRIX)


@pytest.fixture
def matrix_films(tmdb):
    tmdb.get(details_url(603), json=film(603, "The Matrix"))
    tmdb.get(details_url(604), json=film(604, "The Matrix Reloaded"))
    tmdb.get(COLLECTION_URL, json=PARTS)
    return tmdb


def run_the_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db
def test_a_one_call_add_keeps_the_movies_collection(owner_client, matrix_films):
    added = owner_client.post("/api/v1/movies/", {"tmdb_id": 603}, format="json")

    movie = Movie.objects.get()
    assert added.status_code == 201 and "tmdb_collection_id" not in added.json()
    assert (movie.tmdb_collection_id, movie.tmdb_collection_checked) == (2344, True)
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_two_films_of_three_show_the_third_missing(owner_client, other_client, matrix_films):
    for tmdb_id in (603, 604):
        assert (
            owner_client.post("/api/v1/movies/", {"tmdb_id": tmdb_id}, format="json").status_code
            == 201
        )
    ids = dict(Movie.objects.values_list("tmdb_id", "pk"))

    listed = owner_client.get("/api/v1/movies/collections/")
    incomplete = owner_client.get("/api/v1/movies/collections", {"incomplete": 1})
    theirs = other_client.get("/api/v1/movies/collections/")

    assert listed.status_code == 200
    assert listed.json() == incomplete.json() == [{
        "tmdb_id": 2344, "name": "The Matrix Collection", "owned_count": 2, "total": 3,
        "parts": [
            {"tmdb_id": 603, "title": "The Matrix", "release_year": 1999, "owned": True,
             "movie": ids[603]},
            {"tmdb_id": 604, "title": "The Matrix Reloaded", "release_year": 2003,
             "owned": True, "movie": ids[604]},
            {"tmdb_id": 605, "title": "The Matrix Revolutions", "release_year": 2003,
             "owned": False, "movie": None},
        ],
    }]  # fmt: skip
    assert theirs.json() == []
    stats = owner_client.get("/api/v1/stats/").json()
    assert stats["completeness"]["collections_missing_films"] == 1
    assert len([c for c in matrix_films.calls if c.request.url.startswith(COLLECTION_URL)]) == 1


@pytest.mark.django_db
def test_a_complete_collection_is_left_out_of_the_incomplete_ones(owner_client, user, tmdb):
    tmdb.get(COLLECTION_URL, json={**PARTS, "parts": PARTS["parts"][:1]})
    make_movie(user, tmdb_id=605, tmdb_collection_id=2344, tmdb_collection_checked=True)

    assert owner_client.get("/api/v1/movies/collections/").json()[0]["owned_count"] == 1
    assert owner_client.get("/api/v1/movies/collections/", {"incomplete": "1"}).json() == []


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["yes", "2", "-1"])
def test_a_bad_incomplete_is_a_400(owner_client, value):
    answer = owner_client.get("/api/v1/movies/collections/", {"incomplete": value})

    assert answer.status_code == 400 and list(answer.json()) == ["incomplete"]


@pytest.mark.django_db
def test_tmdb_failing_with_nothing_cached_answers_as_for_search(owner_client, user, tmdb):
    make_movie(user, tmdb_id=603, tmdb_collection_id=2344, tmdb_collection_checked=True)
    tmdb.get(COLLECTION_URL, status=503)

    answer = owner_client.get("/api/v1/movies/collections/")

    assert answer.status_code == 502 and answer.json()["code"] == "tmdb_unavailable"


@pytest.mark.django_db(transaction=True)
def test_a_movie_added_in_full_gets_its_collection_from_the_queue(owner_client, matrix_films):
    full = {**SPA_FIELDS, "title": "The Matrix", "release_year": 1999, "tmdb_id": 603}

    added = owner_client.post("/api/v1/movies/", full, format="json")
    before = Movie.objects.get()
    run_the_worker()

    assert added.status_code == 201 and before.tmdb_collection_checked is False
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Movie.objects.get().tmdb_collection_id == 2344


@pytest.mark.django_db
def test_a_movie_added_after_its_details_were_read_gets_its_collection_at_once(
    owner_client, matrix_films
):
    details = owner_client.get("/api/v1/movies/search/details", {"query": 603}).json()

    owner_client.post("/api/v1/movies/", details, format="json")

    assert Movie.objects.get().tmdb_collection_id == 2344
    assert not DBTaskResult.objects.exists()
    assert len(matrix_films.calls) == 1


@pytest.mark.django_db(transaction=True)
def test_the_backfill_command_queues_what_the_worker_fills_in(user, tmdb, capsys):
    tmdb.get(details_url(603), json=film(603, "The Matrix"))
    tmdb.get(details_url(10153), json=details_payload())
    tmdb.get(details_url(404), status=404, json={"status_code": 34})
    tmdb.get(details_url(500), status=500)
    made = {n: make_movie(user, title=f"M{n}", tmdb_id=n) for n in (603, 10153, 404, 500)}
    make_movie(user, title="No TMDb id", tmdb_id=None)

    call_command("backfill_tmdb_collections")
    run_the_worker()

    movies = {m.tmdb_id: m for m in Movie.objects.all()}
    assert "Queued task" in capsys.readouterr().out
    assert (movies[603].tmdb_collection_id, movies[603].tmdb_collection_checked) == (2344, True)
    assert (movies[10153].tmdb_collection_id, movies[10153].tmdb_collection_checked) == (None, True)
    assert movies[404].tmdb_collection_checked is True  # TMDb does not know it: nothing to ask
    assert movies[500].tmdb_collection_checked is False  # TMDb failed: left for the next run
    assert len(made) == 4 and DBTaskResult.objects.get().return_value == 3


@pytest.mark.django_db
def test_an_outsider_gets_a_401(api_client):
    assert api_client.get("/api/v1/movies/collections/").status_code == 401
