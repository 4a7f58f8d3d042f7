"""Writes to the movies."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import BaseSerializer

from movies.models import MOVIE_FIELDS, Movie
from movies.selectors import movie_id_for_tmdb_id
from movies.tasks import backfill_tmdb_collections
from movies.tmdb_collections import movie_collection_follow
from movies.tmdb_mapping import movie_fields
from tmdb import client as tmdb_client

# What a one-call add fills from TMDb: every field of a movie but its ids and timestamps.
TMDB_FILLED_FIELDS = tuple(
    field for field in MOVIE_FIELDS if field not in ("id", "tmdb_id", "created_at", "updated_at")
)


def movie_data_from_tmdb(*, data: dict[str, Any], tmdb_id: int) -> dict[str, Any]:
    """The caller's fields, completed from TMDb's details for every field it left out."""
    if all(field in data for field in TMDB_FILLED_FIELDS):
        return data
    details = movie_fields(tmdb_client.movie_details(tmdb_id=tmdb_id))
    filled = {f: details[f] for f in TMDB_FILLED_FIELDS if details.get(f) is not None}
    return {**filled, **data}


def duplicate_tmdb_id_message(*, movie_id: int) -> str:
    return f"This movie is already in your collection (movie id {movie_id})."


def movie_save(*, serializer: BaseSerializer, owner: AbstractBaseUser) -> Movie:
    """Save a validated movie; a duplicate tmdb_id that raced past validation becomes a 400."""
    if serializer.validated_data.get("tmdb_id") is None:
        # Nothing to race on (the unique constraint is on a TMDb id): no savepoint to pay for.
        return serializer.save(owner=owner)
    try:
        with transaction.atomic():
            return serializer.save(owner=owner)
    except IntegrityError as error:
        tmdb_id = serializer.validated_data.get("tmdb_id")
        existing = movie_id_for_tmdb_id(owner=owner, tmdb_id=tmdb_id) if tmdb_id else None
        if existing is None:
            raise
        message = duplicate_tmdb_id_message(movie_id=existing)
        raise ValidationError({"tmdb_id": [message]}) from error


def movie_collection_after_save(*, movie: Movie) -> None:
    """Keep the movie's TMDb collection: from TMDb's details at hand, or, when they are not,
    from a backfill task on the queue."""
    if not movie_collection_follow(movie=movie):
        backfill_tmdb_collections.enqueue(movie_ids=[movie.pk])
