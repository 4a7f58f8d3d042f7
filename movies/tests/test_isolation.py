"""Owner, other user and outsider, on every endpoint and method."""

import pytest

from collection.models import Copy
from movies.models import Movie, MovieCopy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

MOVIE = {"title": "Hijacked", "release_year": 2000}


@pytest.fixture
def others_movie(other_user) -> Movie:
    return make_movie(other_user, title="Theirs")


THEIR_BARCODE = "4006381333931"


@pytest.fixture
def others_copy(others_movie) -> MovieCopy:
    return make_copy(others_movie, platform="Their shelf", barcode=THEIR_BARCODE)


def snapshot() -> list[tuple]:
    return list(Movie.objects.order_by("pk").values_list()) + list(
        Copy.objects.order_by("pk").values_list()
    )


def detail_requests(movie_id: int, copy_id: int, own_movie_id: int) -> list[tuple]:
    copy = {"movie": own_movie_id, "platform": "x", "form": "y"}
    return [
        ("get", f"/api/v1/movies/{movie_id}", None),
        ("put", f"/api/v1/movies/{movie_id}", MOVIE),
        ("patch", f"/api/v1/movies/{movie_id}/", {"title": "Hijacked"}),
        ("delete", f"/api/v1/movies/{movie_id}", None),
        ("get", f"/api/v1/movies/copies/{copy_id}", None),
        ("put", f"/api/v1/movies/copies/{copy_id}/", copy),
        ("patch", f"/api/v1/movies/copies/{copy_id}", {"platform": "Hijacked"}),
        ("delete", f"/api/v1/movies/copies/{copy_id}/", None),
        ("get", f"/api/v1/copies/{copy_id}", None),
        ("put", f"/api/v1/copies/{copy_id}/", {"movie": own_movie_id, "medium": "dvd"}),
        ("patch", f"/api/v1/copies/{copy_id}", {"notes": "Hijacked"}),
        ("delete", f"/api/v1/copies/{copy_id}/", None),
    ]


@pytest.mark.parametrize("index", range(12))
def test_it_answers_another_users_ids_exactly_like_missing_ones(
    owner_client, user, others_movie, others_copy, index
):
    own = make_movie(user)
    before = snapshot()
    method, path, body = detail_requests(others_movie.pk, others_copy.pk, own.pk)[index]
    missing_method, missing_path, missing_body = detail_requests(10**9, 10**9, own.pk)[index]

    theirs = getattr(owner_client, method)(path, body, format="json")
    missing = getattr(owner_client, missing_method)(missing_path, missing_body, format="json")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert snapshot() == before


def test_it_never_lists_another_users_movies_or_copies(owner_client, user, others_copy):
    mine = make_copy(make_movie(user))

    movies = owner_client.get("/api/v1/movies/").json()
    copies = owner_client.get("/api/v1/movies/copies/").json()
    by_movie = owner_client.get(f"/api/v1/movies/copies/?movie={others_copy.movie_id}").json()
    by_platform = owner_client.get("/api/v1/movies/?platform=Their shelf").json()
    every_copy = owner_client.get("/api/v1/copies/").json()
    by_barcode = owner_client.get("/api/v1/copies/lookup", {"barcode": THEIR_BARCODE}).json()
    rich_by_platform = owner_client.get("/api/v1/copies/?platform=Their shelf").json()

    assert [m["id"] for m in movies] == [mine.movie_id]
    assert [c["id"] for c in copies] == [mine.pk]
    assert [c["id"] for c in every_copy] == [mine.pk]
    assert by_movie == by_platform == by_barcode == rich_by_platform == []


@pytest.mark.parametrize("method", ["post", "put", "patch"])
@pytest.mark.parametrize("copies", ["/api/v1/movies/copies/", "/api/v1/copies/"])
def test_it_refuses_a_copy_on_another_users_movie_like_a_missing_one(
    owner_client, user, others_movie, method, copies
):
    own_copy = make_copy(make_movie(user))
    before = snapshot()
    path = copies if method == "post" else f"{copies}{own_copy.pk}"
    payload = {"platform": "Shelf", "form": "DVD", "vod_link": ""}

    theirs = getattr(owner_client, method)(
        path, {**payload, "movie": others_movie.pk}, format="json"
    )
    missing = getattr(owner_client, method)(path, {**payload, "movie": 10**9}, format="json")

    assert theirs.status_code == missing.status_code == 400
    assert list(theirs.json()) == ["movie"]
    assert theirs.json()["movie"][0] == missing.json()["movie"][0].replace(
        str(10**9), str(others_movie.pk)
    )
    assert snapshot() == before


def test_it_lets_the_owner_do_what_the_others_cannot(other_client, others_movie, others_copy):
    assert other_client.get(f"/api/v1/movies/{others_movie.pk}").status_code == 200
    assert other_client.get(f"/api/v1/movies/copies/{others_copy.pk}").status_code == 200
    assert other_client.get(f"/api/v1/copies/{others_copy.pk}").status_code == 200
    assert other_client.delete(f"/api/v1/movies/{others_movie.pk}").status_code == 204


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/movies/"),
        ("post", "/api/v1/movies/"),
        ("get", "/api/v1/movies/copies"),
        ("post", "/api/v1/movies/copies/"),
        ("get", "/api/v1/movies/{movie}"),
        ("put", "/api/v1/movies/{movie}"),
        ("patch", "/api/v1/movies/{movie}"),
        ("delete", "/api/v1/movies/{movie}"),
        ("get", "/api/v1/movies/copies/{copy}"),
        ("put", "/api/v1/movies/copies/{copy}"),
        ("patch", "/api/v1/movies/copies/{copy}"),
        ("delete", "/api/v1/movies/copies/{copy}"),
        ("get", "/api/v1/copies/"),
        ("post", "/api/v1/copies"),
        ("get", "/api/v1/copies/lookup"),
        ("get", "/api/v1/copies/{copy}"),
        ("put", "/api/v1/copies/{copy}"),
        ("patch", "/api/v1/copies/{copy}"),
        ("delete", "/api/v1/copies/{copy}"),
    ],
)
def test_it_answers_the_outsider_with_401_everywhere(
    api_client, others_movie, others_copy, method, path
):
    before = snapshot()

    response = getattr(api_client, method)(
        path.format(movie=others_movie.pk, copy=others_copy.pk), MOVIE, format="json"
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert snapshot() == before
