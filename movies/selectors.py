"""Reads of a collection, shaped for the list endpoints without a model instance per row.

Rows keep their datetimes: orjson writes them (OPT_UTC_Z) exactly as DRF's DateTimeField does.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import orjson
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from movies.models import CollectionVersion, Movie, MovieCopy

MOVIE_FIELDS = (
    "id",
    "title",
    "overview",
    "release_year",
    "mpaa_rating",
    "runtime_minutes",
    "image_link",
    "tmdb_page_link",
    "tmdb_id",
    "created_at",
    "updated_at",
)
COPY_FIELDS = ("id", "movie_id", "platform", "form", "vod_link", "created_at", "updated_at")
CHUNK = 1000  # rows fetched, and rendered to JSON, at a time


def collection_token(*, owner: AbstractBaseUser) -> str:
    """The owner's collection version; "0" until the first write.

    Free when the authentication loaded it with the user (mycoll.authentication); one query
    otherwise.
    """
    try:
        return owner.collection_version.token.hex
    except CollectionVersion.DoesNotExist:
        return "0"


def movie_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    movies = Movie.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return movies.values_list("pk", flat=True).first()


def _copy(row: tuple) -> dict[str, Any]:
    copy_id, movie_id, platform, form, vod_link, created_at, updated_at = row
    return {
        "id": copy_id,
        "movie": movie_id,
        "platform": platform,
        "form": form,
        "vod_link": vod_link,
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _movie(row: tuple, copies: Iterable[tuple]) -> dict[str, Any]:
    *fields, created_at, updated_at = row
    return {
        **dict(zip(MOVIE_FIELDS[:-2], fields, strict=True)),
        "copies": [_copy(copy) for copy in copies],
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _copies_by_movie(copies: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in copies:
        grouped[row[1]].append(row)
    return grouped


def copy_rows(copies: Iterable[tuple]) -> list[dict[str, Any]]:
    """Copies as the API shows them, from `values_list(*COPY_FIELDS)` rows."""
    return [_copy(row) for row in copies]


def movie_rows(movies: Iterable[tuple], copies: QuerySet[MovieCopy]) -> list[dict[str, Any]]:
    """Movies as the API shows them, from `values_list(*MOVIE_FIELDS)` rows, each with its
    copies: two queries for any number."""
    grouped = _copies_by_movie(copies.order_by("id").values_list(*COPY_FIELDS))
    return [_movie(row, grouped.get(row[0], ())) for row in movies]


def movie_list_json(movies: QuerySet[Movie], copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `movie_rows`, built a chunk at a time: a worker never holds a Python
    object for every movie of a large collection at once, only the tuples of their copies."""
    rows = copies.order_by("id").values_list(*COPY_FIELDS).iterator(chunk_size=CHUNK)
    grouped = _copies_by_movie(rows)
    rows = (
        _movie(row, grouped.pop(row[0], ()))
        for row in movies.values_list(*MOVIE_FIELDS).iterator(chunk_size=CHUNK)
    )
    return _json_array(rows)


def copy_list_json(copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `copy_rows`, built a chunk at a time."""
    return _json_array(_copy(row) for row in copies.values_list(*COPY_FIELDS).iterator(CHUNK))


def _json_array(items: Iterable[dict[str, Any]]) -> bytes:
    rows: Iterator[dict[str, Any]] = iter(items)
    parts = []
    while chunk := list(islice(rows, CHUNK)):
        parts.append(orjson.dumps(chunk, option=orjson.OPT_UTC_Z)[1:-1])
    return b"[" + b",".join(parts) + b"]"
