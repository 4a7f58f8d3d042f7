"""Reads of a collection, shaped for the list endpoints without a model instance per row."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

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


def _isoformat(value: datetime) -> str:
    # The same text as DRF's DateTimeField: ISO 8601 with "Z" for UTC.
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _copy_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "movie": row["movie_id"],
        "platform": row["platform"],
        "form": row["form"],
        "vod_link": row["vod_link"],
        "created_at": _isoformat(row["created_at"]),
        "updated_at": _isoformat(row["updated_at"]),
    }


def copy_rows(copies: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies as the API shows them, from `values(*COPY_FIELDS)` rows."""
    return [_copy_row(row) for row in copies]


def movie_rows(
    movies: Iterable[dict[str, Any]], copies: QuerySet[MovieCopy]
) -> list[dict[str, Any]]:
    """Movies as the API shows them, each with its copies: two queries for any number."""
    copies_by_movie: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for copy in copy_rows(copies.order_by("id").values(*COPY_FIELDS)):
        copies_by_movie[copy["movie"]].append(copy)
    return [
        {
            **{field: row[field] for field in MOVIE_FIELDS[:-2]},
            "copies": copies_by_movie.get(row["id"], []),
            "created_at": _isoformat(row["created_at"]),
            "updated_at": _isoformat(row["updated_at"]),
        }
        for row in movies
    ]
