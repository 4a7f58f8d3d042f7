"""/api/v1/stats/: the collection in numbers, only the requester's, in bounded queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collection.models import TITLE_KINDS
from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_collection, make_copy, make_movie
from stats import completeness
from stats.completeness import register_completeness
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show

pytestmark = pytest.mark.django_db

PATH = "/api/v1/stats/"
NONE = dict.fromkeys(TITLE_KINDS, 0)  # every kind of title, none of it


@pytest.fixture
def collection(user):
    room = make_location(user, "Living room")
    attic = make_location(user, "Attic")
    shelf = make_location(user, "Shelf", parent=room)
    sphere = make_movie(user, title="Sphere", release_year=1998)
    alien = make_movie(user, title="Alien", release_year=1979)
    make_movie(user, title="Up", release_year=2009)
    make_copy(sphere, medium="dvd", platform="Shelf", condition="good", location=shelf,
              price="9.99", currency="EUR", acquired_on=date(2024, 2, 1))  # fmt: skip
    make_copy(sphere, medium="uhd_bluray", resolution="uhd_4k", hdr="dolby_vision",
              platform="Shelf", location=room, price="39.99", currency="EUR",
              acquired_on=date(2024, 6, 1))  # fmt: skip
    vod = make_copy(alien, medium="digital", platform="Prime Video", price="4.00",
                    currency="USD", location=attic)  # fmt: skip
    make_loan(vod, lent_on=date(2026, 1, 1), due_on=date(2026, 1, 5))
    return {"room": room}


def test_it_counts_titles_copies_spending_and_loans(owner_client, collection):
    stats = owner_client.get(PATH).json()

    assert stats == {
        "titles": {**NONE, "movie": 3},
        "titles_by_decade": {"1970": 1, "1990": 1, "2000": 1},
        "copies": {
            "total": 3,
            "by_kind": {**NONE, "movie": 3},
            "by_medium": {"digital": 1, "dvd": 1, "uhd_bluray": 1},
            "by_resolution": {"uhd_4k": 1},
            "by_hdr": {"dolby_vision": 1},
            "by_platform": {"Shelf": 2, "Prime Video": 1},
            "by_condition": {"good": 1},
            "by_location": {"Living room": 2, "Attic": 1},
        },
        "spending": [
            {"currency": "EUR", "year": 2024, "total": "49.98"},
            {"currency": "USD", "year": None, "total": "4.00"},
        ],
        "loans": {"on_loan": 1, "overdue": 1},
        "completeness": {"shows_missing_seasons": 0, "collections_missing_films": 0},
    }


def test_it_shows_only_the_requesters_collection(other_client, collection):
    stats = other_client.get(PATH).json()

    assert stats["titles"] == NONE and stats["copies"]["total"] == 0
    assert stats["spending"] == [] and stats["copies"]["by_location"] == {}


def test_it_counts_what_each_medium_registers_as_incomplete(owner_client, collection, monkeypatch):
    monkeypatch.setattr(completeness, "_COUNTERS", {})
    register_completeness("collections_missing_films", lambda owner: owner.movies.count())

    stats = owner_client.get(PATH).json()

    assert stats["completeness"]["collections_missing_films"] == 3


def test_an_unknown_completeness_key_is_refused():
    with pytest.raises(ValueError, match="Unknown completeness key"):
        register_completeness("films_i_should_see", lambda owner: 0)


@pytest.mark.django_db(transaction=True)
def test_it_answers_in_the_same_queries_at_10_and_5000_copies(owner_client, user, collection):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert owner_client.get(PATH).status_code == 200
        return len(captured)

    make_collection(user, movies=5, copies=2)
    small = queries()
    make_collection(user, movies=2500, copies=2)
    large = queries()

    assert small == large
    assert owner_client.get(PATH).json()["copies"]["total"] == 5013


def test_an_outsider_gets_a_401(api_client):
    assert api_client.get(PATH).status_code == 401


def test_it_counts_the_shows_that_miss_an_aired_season(owner_client, user):
    complete, partial, boxed, unaired = (
        make_show(user, title=name, tmdb_id=n) for n, name in enumerate("ABCD", start=1)
    )
    for show in (complete, partial, boxed):
        make_season(show, 0)  # Specials: never missing
        make_season_copy(make_season(show, 1))
        make_season(show, 2)
    make_season_copy(complete.seasons.get(season_number=2))
    make_series_copy(boxed)
    make_season(unaired, 1, air_date=date(2099, 1, 1), year_first_aired=2099)

    stats = owner_client.get(PATH).json()

    assert stats["completeness"]["shows_missing_seasons"] == 1  # `partial` misses season 2
    assert stats["titles"]["show"] == 4 and stats["copies"]["by_kind"]["show"] == 5
