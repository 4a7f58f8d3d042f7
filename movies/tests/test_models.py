"""The database itself refuses bad rows, whatever code path writes them."""

import pytest
from django.db import IntegrityError, transaction

from movies.models import Movie, MovieCopy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"release_year": 1869},
        {"release_year": 2101},
        {"runtime_minutes": -1},
        {"tmdb_id": 0},
    ],
)
def test_the_database_refuses_a_bad_movie(user, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Movie.objects.bulk_create(
            [Movie(owner=user, **{"title": "T", "release_year": 2000, **fields})]
        )

    assert not Movie.objects.exists()


def test_the_database_refuses_a_second_tmdb_id_for_one_owner(user, other_user):
    make_movie(user, tmdb_id=603)
    make_movie(other_user, tmdb_id=603)
    make_movie(user, tmdb_id=None)
    make_movie(user, tmdb_id=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        Movie.objects.bulk_create(
            [Movie(owner=user, title="Again", release_year=1999, tmdb_id=603)]
        )

    assert Movie.objects.filter(tmdb_id=603).count() == 2


def test_deleting_a_movie_deletes_its_copies_only(user):
    kept = make_copy(make_movie(user, title="Kept"))
    movie = make_movie(user)
    make_copy(movie)

    movie.delete()

    assert list(MovieCopy.objects.all()) == [kept]


def test_models_read_well_in_the_admin(user):
    movie = make_movie(user)
    copy = make_copy(movie, form="DVD", platform="Shelf")

    assert str(movie) == "Sphere (1998)"
    assert str(copy) == "DVD on Shelf"
