"""The SPA's calls, verbatim from the client contract: paths, bodies and the fields it reads."""

import pytest

from movies.models import Movie, MovieCopy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

MOVIE_KEYS = {
    "id",
    "title",
    "overview",
    "release_year",
    "mpaa_rating",
    "runtime_minutes",
    "image_link",
    "tmdb_page_link",
    "copies",
}
COPY_KEYS = {"id", "movie", "platform", "form", "vod_link"}
FORM = {
    "title": "Sphere",
    "release_year": "1998",
    "mpaa_rating": "PG-13",
    "overview": "A spacecraft on the ocean floor.",
    "runtime_minutes": "134",
    "image_link": "https://image.tmdb.org/t/p/w500/sphere.jpg",
    "tmdb_page_link": "https://www.themoviedb.org/movie/10153",
}


def test_it_lists_the_collection_as_a_plain_array(owner_client, user):
    movie = make_movie(user)
    copy = make_copy(movie, platform="Prime Video", form="VOD", vod_link="https://example.com/v")

    response = owner_client.get("/api/v1/movies/")

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert MOVIE_KEYS <= set(body[0])
    assert COPY_KEYS <= set(body[0]["copies"][0])
    assert body[0]["copies"][0]["movie"] == movie.pk
    assert body[0]["copies"][0]["id"] == copy.pk
    assert body[0]["runtime_minutes"] == 134


def test_it_adds_a_movie_from_the_form_with_numbers_as_strings(owner_client, user):
    response = owner_client.post("/api/v1/movies/", FORM, format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["copies"] == []
    movie = Movie.objects.get(pk=body["id"])
    assert (movie.owner, movie.release_year, movie.runtime_minutes) == (user, 1998, 134)


def test_it_updates_a_movie_with_put_without_a_trailing_slash(owner_client, user):
    movie = make_movie(user)

    response = owner_client.put(
        f"/api/v1/movies/{movie.pk}", {**FORM, "title": "Sphere (1998)"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Sphere (1998)"
    movie.refresh_from_db()
    assert movie.title == "Sphere (1998)"


def test_it_deletes_a_movie_and_its_copies_without_a_trailing_slash(owner_client, user):
    movie = make_movie(user)
    make_copy(movie)
    make_copy(movie, form="Blu-ray")

    response = owner_client.delete(f"/api/v1/movies/{movie.pk}")

    assert response.status_code == 204
    assert not Movie.objects.exists()
    assert not MovieCopy.objects.exists()


def test_it_adds_a_copy_and_answers_its_movie(owner_client, user):
    movie = make_movie(user)
    payload = {"movie": movie.pk, "platform": "Shelf", "form": "DVD", "vod_link": ""}

    response = owner_client.post("/api/v1/movies/copies/", payload, format="json")

    assert response.status_code == 201
    assert response.json()["movie"] == movie.pk
    copy = MovieCopy.objects.get(pk=response.json()["id"])
    assert (copy.owner, copy.vod_link) == (user, "")


def test_it_deletes_a_copy_without_a_trailing_slash(owner_client, user):
    copy = make_copy(make_movie(user))

    response = owner_client.delete(f"/api/v1/movies/copies/{copy.pk}")

    assert response.status_code == 204
    assert not MovieCopy.objects.exists()
    assert Movie.objects.exists()
