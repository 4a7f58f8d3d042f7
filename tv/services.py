"""Writes to the shows and their seasons. Each runs in one transaction; TMDb is asked before
anything is written, so a TMDb failure or an answer MyColl cannot use stores nothing."""

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import BaseSerializer

from tmdb import client as tmdb_client
from tmdb.errors import TMDbUnavailable
from tv.models import SEASON_FIELDS, SHOW_FIELDS, Season, Show
from tv.tmdb_mapping import show_fields

logger = logging.getLogger(__name__)

# What a one-call add fills from TMDb: every field of a show but its ids and timestamps.
TMDB_FILLED_FIELDS = (
    *(field for field in SHOW_FIELDS if field not in ("id", "tmdb_id", "created_at", "updated_at")),
    "seasons",
)
# What a refresh takes from TMDb again: all it fills but the owner's own words and images.
OWNERS_FIELDS = ("title", "overview", "image_link")
REFRESHED_SHOW_FIELDS = tuple(
    field for field in TMDB_FILLED_FIELDS if field not in (*OWNERS_FIELDS, "seasons")
)
REFRESHED_SEASON_FIELDS = tuple(
    field
    for field in SEASON_FIELDS
    if field not in ("id", "show", "season_number", *OWNERS_FIELDS, "created_at", "updated_at")
)

Validate = Callable[[dict[str, Any]], dict[str, Any]]


def show_data_from_tmdb(*, data: dict[str, Any], tmdb_id: int) -> dict[str, Any]:
    """The caller's fields, completed from TMDb's details for every field it left out."""
    details = show_fields(tmdb_client.tv_details(tmdb_id=tmdb_id))
    filled = {f: details[f] for f in TMDB_FILLED_FIELDS if details.get(f) is not None}
    return {**filled, **data}


def show_create(*, owner: AbstractBaseUser, data: dict[str, Any]) -> Show:
    """A validated show and the seasons it names, together or not at all."""
    fields = dict(data)
    seasons = fields.pop("seasons", [])
    with transaction.atomic():
        show = Show.objects.create(owner=owner, **fields)
        Season.objects.bulk_create(Season(owner=owner, show=show, **s) for s in seasons)
    return show


def show_create_from_tmdb(
    *, owner: AbstractBaseUser, tmdb_id: int, data: dict[str, Any], validate: Validate
) -> Show:
    """The one-call add: the show and all its seasons from one TMDb call, the caller's own
    fields winning; `validate` checks the whole (a 400 naming the field)."""
    return show_create(owner=owner, data=validate(show_data_from_tmdb(data=data, tmdb_id=tmdb_id)))


def season_save(*, serializer: BaseSerializer, owner: AbstractBaseUser) -> Season:
    """Save a validated season under its show's owner; moved to another show, its copies go
    with it."""
    with transaction.atomic():
        season = serializer.save(owner=owner)
        season.copies.exclude(show=season.show).update(show=season.show)
    return season


def show_refresh(*, show: Show) -> Show:
    """Read the show from TMDb again: new seasons appear, TMDb's facts update (episode
    counts, air dates, the totals, the status, ...); the owner's titles, overviews and images,
    and every copy, stay. A show with no TMDb id is a 400, without a call."""
    if show.tmdb_id is None:
        raise ValidationError({"tmdb_id": ["This show has no TMDb id to refresh it from."]})
    details = show_fields(tmdb_client.tv_details(tmdb_id=show.tmdb_id, fresh=True))
    for field in REFRESHED_SHOW_FIELDS:
        setattr(show, field, details[field])
    existing = {season.season_number: season for season in show.seasons.all()}
    new = [
        Season(owner_id=show.owner_id, show=show, **season)
        for season in details["seasons"]
        if season["season_number"] not in existing
    ]
    changed = _refreshed_seasons(existing, details["seasons"])
    _storable(show, [*new, *changed])
    with transaction.atomic():
        show.save()
        Season.objects.bulk_create(new)
        Season.objects.bulk_update(changed, [*REFRESHED_SEASON_FIELDS, "updated_at"])
    return show


def _refreshed_seasons(existing: dict[int, Season], seasons: list[dict]) -> list[Season]:
    """The existing seasons whose TMDb facts have changed, changed."""
    changed = []
    now = timezone.now()
    for fields in seasons:
        season = existing.get(fields["season_number"])
        if season is None:
            continue
        if any(getattr(season, f) != fields[f] for f in REFRESHED_SEASON_FIELDS):
            for field in REFRESHED_SEASON_FIELDS:
                setattr(season, field, fields[field])
            season.updated_at = now
            changed.append(season)
    return changed


def _storable(show: Show, seasons: list[Season]) -> None:
    """TMDb's values fit MyColl's columns, or the refresh is a 502 that stores nothing."""
    try:
        show.clean_fields(exclude=["owner"])
        for season in seasons:
            season.clean_fields(exclude=["show", "owner"])
    except DjangoValidationError as error:
        fields = ", ".join(sorted(error.message_dict))
        unusable = TMDbUnavailable(reason=f"details answer with values out of range: {fields}")
        logger.warning("TMDb show %d unusable: %s", show.tmdb_id, unusable.reason)
        raise unusable from None
