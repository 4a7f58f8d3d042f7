from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from collection.models import Copy
from collection.services import collection_write
from tv.models import Season, SeasonCopy, Show, season_title


def make_show(owner: AbstractBaseUser, **fields: Any) -> Show:
    fields.setdefault("title", "Breaking Bad")
    fields.setdefault("year_first_aired", 2008)
    fields.setdefault("overview", "A chemistry teacher turns to crime.")
    with collection_write(owner_id=owner.pk):
        return Show.objects.create(owner=owner, **fields)


def make_season(show: Show, season_number: int = 1, **fields: Any) -> Season:
    fields.setdefault("title", season_title(season_number))
    fields.setdefault("episode_count", 7)
    fields.setdefault("air_date", date(2008 + season_number, 1, 20) if season_number else None)
    if fields["air_date"] is not None:
        fields.setdefault("year_first_aired", fields["air_date"].year)
    with collection_write(owner_id=show.owner_id):
        return Season.objects.create(
            owner_id=show.owner_id, show=show, season_number=season_number, **fields
        )


def make_season_copy(season: Season, **fields: Any) -> SeasonCopy:
    fields.setdefault("platform", "Shelf")
    fields.setdefault("form", "Blu-ray")
    with collection_write(owner_id=season.owner_id):
        return SeasonCopy.objects.create(
            season=season, show_id=season.show_id, owner_id=season.owner_id, **fields
        )


def make_series_copy(show: Show, **fields: Any) -> Copy:
    """A copy of the whole series: a complete box set."""
    fields.setdefault("platform", "Shelf")
    fields.setdefault("form", "DVD")
    fields.setdefault("edition", "The Complete Series")
    with collection_write(owner_id=show.owner_id):
        return Copy.objects.create(show=show, owner_id=show.owner_id, **fields)


def make_shows(owner: AbstractBaseUser, shows: int, seasons: int = 3, copies: int = 1) -> list:
    """Many shows quickly: three bulk inserts; `copies` of each season."""
    with collection_write(owner_id=owner.pk):
        made = Show.objects.bulk_create(
            Show(owner=owner, title=f"Show {i:05d}", year_first_aired=1950 + i % 70)
            for i in range(shows)
        )
        made_seasons = Season.objects.bulk_create(
            Season(owner=owner, show=show, season_number=n, title=season_title(n), episode_count=8)
            for show in made
            for n in range(seasons)
        )
        SeasonCopy.objects.bulk_create(
            SeasonCopy(owner=owner, show_id=season.show_id, season=season, form=f"Form {n}")
            for season in made_seasons
            for n in range(copies)
        )
    return made


def stored() -> list[tuple]:
    """Every show, season and copy as stored: what a rejected request must leave alone."""
    return [
        *Show.objects.order_by("pk").values_list(),
        *Season.objects.order_by("pk").values_list(),
        *Copy.objects.order_by("pk").values_list(),
    ]
