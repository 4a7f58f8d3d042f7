"""The fast list path shows exactly what the model serializers show."""

import pytest
from rest_framework.test import APIRequestFactory

from movies.models import Movie, MovieCopy
from movies.selectors import COPY_FIELDS, MOVIE_FIELDS, copy_rows, movie_rows
from movies.serializers import MovieCopySerializer, MovieSerializer
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db


def test_movie_rows_equal_the_serializers_output(user):
    sphere = make_movie(user, tmdb_id=10153, image_link="https://example.com/a.jpg")
    make_copy(sphere, vod_link="https://example.com/watch")
    make_copy(sphere, form="Blu-ray")
    make_movie(user, title="No copies", runtime_minutes=None)
    request = APIRequestFactory().get("/")
    request.user = user
    movies = Movie.objects.filter(owner=user).order_by("title", "id")

    rows = movie_rows(movies.values(*MOVIE_FIELDS), MovieCopy.objects.filter(owner=user))
    serialized = MovieSerializer(movies, many=True, context={"request": request}).data

    assert rows == [dict(movie) for movie in serialized]
    assert list(rows[0]) == list(serialized[0])
    assert [len(m["copies"]) for m in rows] == [0, 2]


def test_copy_rows_equal_the_serializers_output(user):
    make_copy(make_movie(user), vod_link="https://example.com/watch")
    request = APIRequestFactory().get("/")
    request.user = user
    copies = MovieCopy.objects.filter(owner=user)

    rows = copy_rows(copies.values(*COPY_FIELDS))
    serialized = MovieCopySerializer(copies, many=True, context={"request": request}).data

    assert rows == [dict(copy) for copy in serialized]
