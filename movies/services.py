"""Writes to a collection."""

import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import BaseSerializer

from movies.models import CollectionVersion, Movie
from movies.selectors import movie_id_for_tmdb_id
from movies.tmdb_mapping import movie_fields
from tmdb import client as tmdb_client

TMDB_FILLED_FIELDS = (
    "title",
    "release_year",
    "overview",
    "mpaa_rating",
    "runtime_minutes",
    "image_link",
    "tmdb_page_link",
)


def collection_touch(*, owner_id: int) -> None:
    """Give the owner's collection a new version token (creating its row on the first write).

    Called from the movies' and copies' save and delete signals, so that it runs in the same
    transaction as every write, from the API, the admin or a shell alike.
    """
    token = uuid.uuid4()
    if CollectionVersion.objects.filter(owner_id=owner_id).update(token=token):
        return
    try:
        with transaction.atomic():
            CollectionVersion.objects.create(owner_id=owner_id, token=token)
    except IntegrityError:  # a concurrent first write created it: change it instead
        CollectionVersion.objects.filter(owner_id=owner_id).update(token=token)


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
