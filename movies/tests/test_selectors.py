"""The fast list path shows exactly what the model serializers show."""

import orjson
import pytest
from rest_framework.test import APIRequestFactory

from movies.models import Movie, MovieCopy
from movies.selectors import (
    CHUNK,
    COPY_COLUMNS,
    MOVIE_FIELDS,
    copy_list_json,
    copy_rows,
    movie_list_json,
    movie_rows,
)
from movies.serializers import MovieCopySerializer, MovieSerializer
from movies.tests.factories import make_collection, make_copy, make_movie
from mycoll.renderers import ORJSONRenderer

render = ORJSONRenderer().render

pytestmark = pytest.mark.django_db


def test_movie_rows_equal_the_serializers_output(user):
    sphere = make_movie(user, tmdb_id=10153, image_link="https://example.com/a.jpg")
    make_copy(sphere, vod_link="https://example.com/watch")
    make_copy(sphere, form="Blu-ray")
    make_movie(user, title="No copies", runtime_minutes=None)
    request = APIRequestFactory().get("/")
    request.user = user
    movies = Movie.objects.filter(owner=user).order_by("title", "id")

    copies = MovieCopy.objects.filter(owner=user)
    rows = orjson.loads(render(movie_rows(movies.values_list(*MOVIE_FIELDS), copies)))
    whole = orjson.loads(movie_list_json(movies, copies))
    serialized = MovieSerializer(movies, many=True, context={"request": request}).data

    assert rows == [dict(movie) for movie in serialized]
    assert whole == rows
    assert list(rows[0]) == list(serialized[0])
    assert [len(m["copies"]) for m in rows] == [0, 2]


def test_copy_rows_equal_the_serializers_output(user):
    make_copy(make_movie(user), vod_link="https://example.com/watch")
    request = APIRequestFactory().get("/")
    request.user = user
    copies = MovieCopy.objects.filter(owner=user)

    rows = orjson.loads(render(copy_rows(copies.values_list(*COPY_COLUMNS))))
    serialized = MovieCopySerializer(copies, many=True, context={"request": request}).data

    assert rows == [dict(copy) for copy in serialized]
    assert orjson.loads(copy_list_json(copies)) == rows


def test_a_list_longer_than_a_chunk_is_whole_and_in_order(user):
    make_collection(user, movies=CHUNK * 2 + 3, copies=1)
    movies = Movie.objects.filter(owner=user).order_by("title", "id")

    listed = orjson.loads(movie_list_json(movies, MovieCopy.objects.filter(owner=user)))

    assert [m["id"] for m in listed] == list(movies.values_list("id", flat=True))
    assert all(len(m["copies"]) == 1 and m["copies"][0]["movie"] == m["id"] for m in listed)
