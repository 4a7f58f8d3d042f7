"""Reads of the movies, shaped for the list endpoints without a model instance per row."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from collection.copies import legacy_columns, legacy_copy_shape
from collection.rendering import CHUNK, json_array
from movies.models import MOVIE_FIELDS, Movie, MovieCopy

COPY_COLUMNS = legacy_columns("movie")
copy_shape = legacy_copy_shape("movie")


def movie_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    movies = Movie.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return movies.values_list("pk", flat=True).first()


def _movie(row: tuple, copies: Iterable[tuple]) -> dict[str, Any]:
    *fields, created_at, updated_at = row
    return {
        **dict(zip(MOVIE_FIELDS[:-2], fields, strict=True)),
        "copies": [copy_shape(copy) for copy in copies],
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _copies_by_movie(copies: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in copies:
        grouped[row[1]].append(row)
    return grouped


def copy_rows(copies: Iterable[tuple]) -> list[dict[str, Any]]:
    """Copies as the legacy endpoints show them, from `values_list(*COPY_COLUMNS)` rows."""
    return [copy_shape(row) for row in copies]


def movie_rows(movies: Iterable[tuple], copies: QuerySet[MovieCopy]) -> list[dict[str, Any]]:
    """Movies as the API shows them, from `values_list(*MOVIE_FIELDS)` rows, each with its
    copies: two queries for any number."""
    grouped = _copies_by_movie(copies.order_by("id").values_list(*COPY_COLUMNS))
    return [_movie(row, grouped.get(row[0], ())) for row in movies]


def movie_list_json(movies: QuerySet[Movie], copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `movie_rows`, built a chunk at a time: a worker never holds a Python
    object for every movie of a large collection at once, only the tuples of their copies."""
    rows = copies.order_by("id").values_list(*COPY_COLUMNS).iterator(chunk_size=CHUNK)
    grouped = _copies_by_movie(rows)
    rows = (
        _movie(row, grouped.pop(row[0], ()))
        for row in movies.values_list(*MOVIE_FIELDS).iterator(chunk_size=CHUNK)
    )
    return json_array(rows)


def copy_list_json(copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `copy_rows`, built a chunk at a time."""
    return json_array(copy_shape(row) for row in copies.values_list(*COPY_COLUMNS).iterator(CHUNK))
