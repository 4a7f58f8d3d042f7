"""Reads of the movies, shaped for the list endpoints without a model instance per row."""

from django.contrib.auth.models import AbstractBaseUser

from collection.listing import TitleListing
from collection.rendering import CHUNK  # noqa: F401 (the list's chunk, for the tests)
from movies.models import MOVIE_FIELDS, Movie

MOVIES = TitleListing("movie", MOVIE_FIELDS)
COPY_COLUMNS = MOVIES.copy_columns
copy_rows = MOVIES.copy_rows
movie_rows = MOVIES.title_rows
movie_list_json = MOVIES.title_list_json
copy_list_json = MOVIES.copy_list_json


def movie_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    movies = Movie.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return movies.values_list("pk", flat=True).first()
