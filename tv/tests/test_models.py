"""The database itself refuses a show, season or copy that breaks a rule, whoever writes it."""

import pytest
from django.db import IntegrityError, transaction

from collection.models import Copy
from movies.tests.factories import make_movie
from tv.models import Season, Show
from tv.tests.factories import make_season, make_show

pytestmark = pytest.mark.django_db


def refused(model, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.bulk_create([model(**values)])


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"year_first_aired": 1919},
        {"last_air_year": 2101},
        {"number_of_seasons": 10_000},
        {"number_of_episodes": 100_001},
        {"tmdb_id": 0},
        {"tvdb_id": -1},
    ],
)
def test_the_database_refuses_a_show_that_breaks_a_rule(user, fields):
    refused(Show, owner=user, **{"title": "x", **fields})

    assert not Show.objects.exists()


def test_one_tmdb_id_per_owner(user, other_user):
    make_show(user, tmdb_id=1396)
    make_show(other_user, tmdb_id=1396)
    make_show(user, title="By hand")
    make_show(user, title="By hand too")

    refused(Show, owner=user, title="Again", tmdb_id=1396)


@pytest.mark.parametrize(
    "fields",
    [{"title": ""}, {"season_number": 10_000}, {"episode_count": 100_001},
     {"year_first_aired": 1800}, {"season_number": 1}],
)  # fmt: skip
def test_the_database_refuses_a_season_that_breaks_a_rule(user, fields):
    show = make_show(user)
    make_season(show, 1)

    refused(Season, owner=user, show=show, **{"title": "x", "season_number": 2, **fields})


def test_a_copy_of_a_season_names_its_show_and_no_other_title(user):
    show = make_show(user)
    season = make_season(show, 1)
    movie = make_movie(user)

    refused(Copy, owner=user, season=season)
    refused(Copy, owner=user, show=show, movie=movie)
    refused(Copy, owner=user, movie=movie, season=season)
    Copy.objects.bulk_create(
        [Copy(owner=user, show=show, season=season), Copy(owner=user, show=show)]
    )

    assert list(Copy.objects.order_by("pk").values_list("season_id", flat=True)) == [
        season.pk,
        None,
    ]
    assert {copy.kind for copy in Copy.objects.all()} == {"show"}


def test_shows_and_seasons_read_well_in_the_admin(user):
    show = make_show(user, title="Severance", year_first_aired=2022)
    undated = make_show(user, title="Untitled", year_first_aired=None)

    assert str(show) == "Severance (2022)" and str(undated) == "Untitled"
    assert str(make_season(show, 0, air_date=None)) == "Severance: Specials"
