"""Adding a movie in one call: POST movies/ with only a tmdb_id."""

import pytest

from movies.models import Movie
from movies.tests.factories import make_movie
from tmdb.tests.helpers import details_payload, details_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]


def test_it_adds_a_movie_from_its_tmdb_id_alone(owner_client, user, tmdb):
    tmdb.get(details_url(10153), json=details_payload())

    response = owner_client.post("/api/v1/movies/", {"tmdb_id": 10153}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Sphere"
    assert body["release_year"] == 1998
    assert body["mpaa_rating"] == "PG-13"
    assert body["runtime_minutes"] == 134
    assert body["image_link"] == "https://image.tmdb.test/t/p/w500/sphere.jpg"
    assert body["tmdb_page_link"] == "https://www.themoviedb.org/movie/10153"
    assert body["tmdb_id"] == 10153
    assert body["copies"] == []
    assert Movie.objects.get().owner == user
    assert len(tmdb.calls) == 1


def test_the_callers_fields_win_over_tmdbs(owner_client, tmdb):
    tmdb.get(details_url(10153), json=details_payload())

    response = owner_client.post(
        "/api/v1/movies/", {"tmdb_id": "10153", "title": "Sphere (director's cut)"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["title"] == "Sphere (director's cut)"
    assert response.json()["overview"].startswith("Scientists")


def test_a_complete_form_with_a_tmdb_id_does_not_call_tmdb(owner_client, tmdb):
    form = {
        "tmdb_id": 10153,
        "title": "Sphere",
        "release_year": "1998",
        "overview": "",
        "mpaa_rating": "",
        "runtime_minutes": "",
        "image_link": "",
        "tmdb_page_link": "",
    }

    response = owner_client.post("/api/v1/movies/", form, format="json")

    assert response.status_code == 201
    assert len(tmdb.calls) == 0


def test_the_same_tmdb_id_twice_is_refused_before_tmdb_is_asked(owner_client, user, tmdb):
    existing = make_movie(user, tmdb_id=10153)

    response = owner_client.post("/api/v1/movies/", {"tmdb_id": 10153}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "tmdb_id": [f"This movie is already in your collection (movie id {existing.pk})."]
    }
    assert len(tmdb.calls) == 0
    assert Movie.objects.count() == 1


@pytest.mark.parametrize("tmdb_id", [0, -3, "abc", 1.5, True, 2**40])
def test_a_bad_tmdb_id_is_a_400_on_the_field(owner_client, tmdb, tmdb_id):
    response = owner_client.post("/api/v1/movies/", {"tmdb_id": tmdb_id}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["tmdb_id"]
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize(
    ("upstream", "status"),
    [
        ({"status": 404, "json": {"status_code": 34}}, 404),
        ({"status": 500, "json": {}}, 502),
        ({"status": 401, "json": {"status_code": 7}}, 502),
        ({"status": 200, "body": "<html>not json</html>"}, 502),
    ],
)
def test_a_tmdb_fault_stores_nothing(owner_client, tmdb, upstream, status):
    tmdb.get(details_url(10153), **upstream)

    response = owner_client.post("/api/v1/movies/", {"tmdb_id": 10153}, format="json")

    assert response.status_code == status
    assert response.json()["detail"]
    assert not Movie.objects.exists()


def test_a_movie_tmdb_knows_without_a_year_needs_one_from_the_caller(owner_client, tmdb):
    tmdb.get(details_url(10153), json=details_payload(release_date=""))

    response = owner_client.post("/api/v1/movies/", {"tmdb_id": 10153}, format="json")

    assert response.status_code == 400
    assert response.json() == {"release_year": ["This field is required."]}


def test_it_answers_503_naming_the_variables_when_tmdb_is_not_configured(
    owner_client, tmdb_settings
):
    tmdb_settings.TMDB_API_KEY = ""

    response = owner_client.post("/api/v1/movies/", {"tmdb_id": 10153}, format="json")

    assert response.status_code == 503
    assert "TMDB_API_KEY" in response.json()["detail"]
    assert not Movie.objects.exists()
