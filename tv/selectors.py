"""Reads of the shows and their seasons, shaped for the API without a model instance per row:
a few `values_list` queries, grouped in Python, for any number of shows."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from collection.copies import legacy_columns, legacy_copy_shape
from collection.models import Copy
from collection.rendering import CHUNK, json_array
from tv.models import SEASON_FIELDS, SHOW_FIELDS, Season, SeasonCopy, Show

# A show's copies, season copies and whole-series ones alike: (season_id, *legacy columns).
COPY_COLUMNS = ("season_id", *legacy_columns("show"))
SEASON_COPY_COLUMNS = legacy_columns("season")
series_copy_shape = legacy_copy_shape("show")
season_copy_shape = legacy_copy_shape("season")
Owner = AbstractBaseUser | int  # a user, or a user's id


def show_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    shows = Show.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return shows.values_list("pk", flat=True).first()


def season_id_for_number(
    *, show_id: int, season_number: int, exclude_id: int | None = None
) -> int | None:
    seasons = Season.objects.filter(show_id=show_id, season_number=season_number)
    return seasons.exclude(pk=exclude_id).values_list("pk", flat=True).first()


class _Copies:
    """A show's copies from `COPY_COLUMNS` rows: by season, and the whole-series ones by show."""

    def __init__(self, rows: Iterable[tuple]) -> None:
        self.by_season: dict[int, list[dict]] = defaultdict(list)
        self.by_show: dict[int, list[dict]] = defaultdict(list)
        for season_id, *row in rows:
            if season_id is None:
                self.by_show[row[1]].append(series_copy_shape(row))
            else:
                self.by_season[season_id].append(season_copy_shape((row[0], season_id, *row[2:])))


def _season(row: tuple, copies: _Copies) -> dict[str, Any]:
    *fields, created_at, updated_at = row
    return {
        **dict(zip(SEASON_FIELDS[:-2], fields, strict=True)),
        "season_copies": copies.by_season.pop(row[0], []),
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _show(row: tuple, seasons: dict[int, list[dict]], copies: _Copies) -> dict[str, Any]:
    *fields, created_at, updated_at = row
    return {
        **dict(zip(SHOW_FIELDS[:-2], fields, strict=True)),
        "seasons": seasons.pop(row[0], []),
        "series_copies": copies.by_show.pop(row[0], []),
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _seasons_by_show(seasons: QuerySet[Season], copies: _Copies) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = defaultdict(list)
    rows = seasons.order_by("show_id", "season_number").values_list(*SEASON_FIELDS)
    for row in rows.iterator(chunk_size=CHUNK):
        grouped[row[1]].append(_season(row, copies))
    return grouped


def _copies(copies: QuerySet[Copy]) -> _Copies:
    return _Copies(copies.order_by("id").values_list(*COPY_COLUMNS).iterator(chunk_size=CHUNK))


def show_rows(shows: Iterable[tuple], *, owner: Owner) -> list[dict[str, Any]]:
    """Shows as the API shows them, from `values_list(*SHOW_FIELDS)` rows, each with its
    seasons and copies: two queries more for any number."""
    shows = list(shows)
    ids = [row[0] for row in shows]
    copies = _copies(Copy.objects.filter(owner=owner, show_id__in=ids))
    seasons = _seasons_by_show(Season.objects.filter(owner=owner, show_id__in=ids), copies)
    return [_show(row, seasons, copies) for row in shows]


def show_list_json(shows: QuerySet[Show], *, owner: AbstractBaseUser) -> bytes:
    """The JSON array of `show_rows`, the shows read and rendered a chunk at a time."""
    selected = shows.order_by().values("pk")
    copies = _copies(Copy.objects.filter(owner=owner, show__in=selected))
    seasons = _seasons_by_show(Season.objects.filter(owner=owner, show__in=selected), copies)
    rows = shows.values_list(*SHOW_FIELDS).iterator(chunk_size=CHUNK)
    return json_array(_show(row, seasons, copies) for row in rows)


def show_detail(*, show: Show) -> dict[str, Any]:
    """One show as the API shows it."""
    rows = Show.objects.filter(pk=show.pk).values_list(*SHOW_FIELDS)
    return show_rows(rows, owner=show.owner_id)[0]


def season_rows(seasons: Iterable[tuple], *, owner: Owner) -> list[dict[str, Any]]:
    """Seasons as the API shows them, from `values_list(*SEASON_FIELDS)` rows, each with its
    copies: one query more for any number."""
    seasons = list(seasons)
    copies = SeasonCopy.objects.filter(owner=owner, season_id__in=[row[0] for row in seasons])
    grouped = _copies(copies)
    return [_season(row, grouped) for row in seasons]


def season_list_json(seasons: QuerySet[Season], *, owner: AbstractBaseUser) -> bytes:
    copies = SeasonCopy.objects.filter(owner=owner, season__in=seasons.order_by().values("pk"))
    grouped = _copies(copies)
    rows = seasons.values_list(*SEASON_FIELDS).iterator(chunk_size=CHUNK)
    return json_array(_season(row, grouped) for row in rows)


def season_detail(*, season: Season) -> dict[str, Any]:
    rows = Season.objects.filter(pk=season.pk).values_list(*SEASON_FIELDS)
    return season_rows(rows, owner=season.owner_id)[0]


def season_copy_rows(copies: Iterable[tuple]) -> list[dict[str, Any]]:
    """Season copies as `tv/season/copy` shows them, from `SEASON_COPY_COLUMNS` rows."""
    return [season_copy_shape(row) for row in copies]


def season_copy_list_json(copies: QuerySet[SeasonCopy]) -> bytes:
    rows = copies.values_list(*SEASON_COPY_COLUMNS).iterator(CHUNK)
    return json_array(season_copy_shape(row) for row in rows)


def show_completeness(*, show: Show, today: date) -> dict[str, Any]:
    """Which aired seasons (numbered above 0, aired on or before `today`) the owner has a copy
    of; a copy of the whole series owns them all. `complete` when none is missing and the
    owner has something of the show."""
    seasons = show.seasons.order_by("season_number").values_list("pk", "season_number", "air_date")
    owned_ids = set(Copy.objects.filter(show=show).values_list("season_id", flat=True))
    whole_series = None in owned_ids
    aired = [(pk, number) for pk, number, air_date in seasons if _aired(number, air_date, today)]
    owned = [number for pk, number in aired if whole_series or pk in owned_ids]
    missing = [number for pk, number in aired if not (whole_series or pk in owned_ids)]
    return {
        "aired": [number for _, number in aired],
        "owned": owned,
        "missing": missing,
        "complete": not missing and bool(owned_ids),
    }


def _aired(season_number: int, air_date: date | None, today: date) -> bool:
    return season_number > 0 and air_date is not None and air_date <= today


def shows_missing_seasons(owner: AbstractBaseUser, today: date | None = None) -> int:
    """How many of the owner's shows miss an aired season (numbered above 0, aired by
    `today`): no copy of it, and no copy of the whole series. Two queries at any size."""
    today = today or timezone.localdate()
    aired = Season.objects.filter(
        show__owner=owner, season_number__gt=0, air_date__lte=today
    ).values_list("pk", "show_id")
    copies = Copy.objects.filter(owner=owner, show__isnull=False).values_list(
        "show_id", "season_id"
    )
    whole_series = {show for show, season in copies if season is None}
    owned = {season for _, season in copies}
    return len({show for season, show in aired if show not in whole_series and season not in owned})
