"""tv/<id>/completeness: which aired seasons the owner has a copy of."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show

pytestmark = pytest.mark.django_db

TODAY = date.today()


@pytest.fixture
def show(user):
    show = make_show(user)
    make_season(show, 0, air_date=None)  # the specials, no air date
    for number in (1, 2, 3):
        make_season(show, number)
    make_season(show, 4, air_date=TODAY)  # airs today: aired
    make_season(show, 5, air_date=TODAY + timedelta(days=1))  # announced
    make_season(show, 6, air_date=None)  # announced, no date yet
    return show


def completeness(client, show) -> dict:
    response = client.get(f"/api/v1/tv/{show.pk}/completeness")
    assert response.status_code == 200
    return response.json()


def copy_of(show, number: int):
    return make_season_copy(show.seasons.get(season_number=number))


def test_it_lists_aired_owned_and_missing_seasons_in_order(owner_client, show):
    copy_of(show, 3)
    copy_of(show, 1)
    copy_of(show, 1)

    assert completeness(owner_client, show) == {
        "aired": [1, 2, 3, 4], "owned": [1, 3], "missing": [2, 4], "complete": False,
    }  # fmt: skip


def test_specials_and_unaired_seasons_never_count_as_missing(owner_client, show):
    for number in (1, 2, 3, 4):
        copy_of(show, number)

    assert completeness(owner_client, show) == {
        "aired": [1, 2, 3, 4], "owned": [1, 2, 3, 4], "missing": [], "complete": True,
    }  # fmt: skip


def test_a_copy_of_the_whole_series_owns_every_aired_season(owner_client, show):
    make_series_copy(show)

    body = completeness(owner_client, show)

    assert body == {"aired": [1, 2, 3, 4], "owned": [1, 2, 3, 4], "missing": [], "complete": True}


def test_owning_only_unaired_seasons_or_the_specials_owns_nothing_aired(owner_client, show):
    copy_of(show, 0)
    copy_of(show, 5)

    body = completeness(owner_client, show)

    assert (body["owned"], body["missing"], body["complete"]) == ([], [1, 2, 3, 4], False)


def test_a_show_with_nothing_owned_is_not_complete(owner_client, user):
    bare = make_show(user, title="Nothing aired yet")
    make_season(bare, 1, air_date=None)

    assert completeness(owner_client, bare) == {
        "aired": [], "owned": [], "missing": [], "complete": False,
    }  # fmt: skip


def test_it_follows_every_write(owner_client, show):
    first = completeness(owner_client, show)
    copy = copy_of(show, 2)
    second = completeness(owner_client, show)
    owner_client.delete(f"/api/v1/tv/season/copy/{copy.pk}")
    etag = owner_client.get(f"/api/v1/tv/{show.pk}/completeness")["ETag"]
    unchanged = owner_client.get(f"/api/v1/tv/{show.pk}/completeness", HTTP_IF_NONE_MATCH=etag)

    assert first["owned"] == [] and second["owned"] == [2]
    assert unchanged.status_code == 304


def test_its_answer_is_for_the_day_it_was_asked(owner_client, show, monkeypatch):
    copy_of(show, 1)
    today = completeness(owner_client, show)
    etag = owner_client.get(f"/api/v1/tv/{show.pk}/completeness")["ETag"]
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY + timedelta(days=1))

    tomorrow = owner_client.get(f"/api/v1/tv/{show.pk}/completeness", HTTP_IF_NONE_MATCH=etag)

    assert 5 not in today["aired"]
    assert tomorrow.status_code == 200
    assert tomorrow.json()["aired"] == [1, 2, 3, 4, 5]
