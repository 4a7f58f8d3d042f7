"""tv/season/, tv/season/copy/, and copies/ of seasons and whole series: writes, validation,
filters, moves and cascades."""

from datetime import date

import pytest

from collection.models import Copy
from movies.tests.factories import make_movie
from tv.models import Season
from tv.tests.factories import make_season, make_series_copy, make_show, stored
from tv.tests.scenarios import SEASON, SHOW
from tv.tests.test_views import COPY_KEYS

pytestmark = pytest.mark.django_db


# --- seasons -------------------------------------------------------------------------------


def test_it_adds_a_season_by_hand(owner_client, user, show):
    body = {"show": show.pk, "season_number": 3, "air_date": "2010-03-21"}

    response = owner_client.post("/api/v1/tv/season/", body, format="json")

    assert response.status_code == 201
    season = Season.objects.get(pk=response.json()["id"])
    assert (season.owner, season.show, season.title) == (user, show, "Season 3")
    assert season.year_first_aired == 2010


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"season_number": 1}, "season_number"),
        ({"season_number": -1}, "season_number"),
        ({"season_number": 10_000}, "season_number"),
        ({"season_number": "one"}, "season_number"),
        ({"season_number": 5, "episode_count": -1}, "episode_count"),
        ({"season_number": 5, "air_date": "2010-02-30"}, "air_date"),
        ({"season_number": 5, "title": ""}, "title"),
        ({"season_number": 5, "tmdb_page_link": "nope"}, "tmdb_page_link"),
        ({"season_number": 5, "show": None}, "show"),
        ({"season_number": 5, "show": 10**9}, "show"),
    ],
)
def test_it_rejects_a_bad_season_and_names_the_field(owner_client, show, body, field):
    before = stored()

    response = owner_client.post("/api/v1/tv/season", {"show": show.pk, **body}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert stored() == before


def test_a_taken_season_number_names_the_season(owner_client, show):
    one = show.seasons.get(season_number=1)
    two = show.seasons.get(season_number=2)

    created = owner_client.post("/api/v1/tv/season", {"show": show.pk, **SEASON}, format="json")
    moved = owner_client.patch(f"/api/v1/tv/season/{two.pk}", {"season_number": 1}, format="json")
    kept = owner_client.put(
        f"/api/v1/tv/season/{one.pk}", {"show": show.pk, **SEASON}, format="json"
    )

    message = {"season_number": [f"The show already has a season 1 (season id {one.pk})."]}
    assert created.json() == moved.json() == message
    assert kept.status_code == 200


def test_a_season_moved_to_another_show_takes_its_copies(owner_client, user, show):
    other = make_show(user, title="Better Call Saul")
    season = show.seasons.get(season_number=1)

    response = owner_client.patch(
        f"/api/v1/tv/season/{season.pk}", {"show": other.pk, "season_number": 7}, format="json"
    )

    assert response.status_code == 200
    assert set(season.copies.values_list("show_id", flat=True)) == {other.pk}
    assert owner_client.get(f"/api/v1/copies/{season.copies.get().pk}").json()["show"] == other.pk


def test_a_season_delete_takes_its_copies(owner_client, show):
    season = show.seasons.get(season_number=1)
    box = make_series_copy(show)

    response = owner_client.delete(f"/api/v1/tv/season/{season.pk}/")

    assert response.status_code == 204
    assert list(Copy.objects.values_list("pk", flat=True)) == [box.pk]


def test_it_filters_and_sorts_seasons(owner_client, user, show):
    other = make_show(user, title="Alias")
    make_season(other, 1, air_date=date(2001, 9, 30))

    by_show = owner_client.get("/api/v1/tv/season", {"show": show.pk}).json()
    by_number = owner_client.get("/api/v1/tv/season", {"season_number": 1}).json()
    latest = owner_client.get("/api/v1/tv/season", {"ordering": "-air_date"}).json()
    everything = owner_client.get("/api/v1/tv/season").json()

    assert [s["season_number"] for s in by_show] == [0, 1, 2]
    assert [s["show"] for s in by_number] == [other.pk, show.pk]
    assert [s["show"] for s in everything] == [other.pk, show.pk, show.pk, show.pk]
    earliest = owner_client.get("/api/v1/tv/season", {"ordering": "air_date"}).json()
    dates = ["2001-09-30", "2009-01-20", "2010-01-20", None]  # unknown dates last either way
    assert [s["air_date"] for s in earliest] == dates
    assert [s["air_date"] for s in latest] == [*reversed(dates[:3]), None]


# --- season copies -------------------------------------------------------------------------


def test_a_season_copy_names_its_season_and_gets_its_show_and_medium(owner_client, show):
    season = show.seasons.get(season_number=2)
    body = {"season": season.pk, "platform": "Shelf", "form": "Blu-ray"}

    created = owner_client.post("/api/v1/tv/season/copy/", body, format="json")

    assert created.status_code == 201 and list(created.json()) == COPY_KEYS
    rich = owner_client.get(f"/api/v1/copies/{created.json()['id']}").json()
    assert (rich["kind"], rich["show"], rich["season"], rich["movie"]) == (
        "show", show.pk, season.pk, None,
    )  # fmt: skip
    assert rich["medium"] == "bluray"
    assert rich["title"] == {"title": "Breaking Bad", "year": SHOW["year_first_aired"]}


def test_a_season_copy_moved_to_another_season_follows_its_show(owner_client, user, show):
    copy = show.seasons.get(season_number=1).copies.get()
    elsewhere = make_season(make_show(user, title="Alias"), 1)

    response = owner_client.patch(
        f"/api/v1/tv/season/copy/{copy.pk}", {"season": elsewhere.pk}, format="json"
    )

    assert response.status_code == 200
    copy.refresh_from_db()
    assert (copy.season_id, copy.show_id) == (elsewhere.pk, elsewhere.show_id)


def test_a_whole_series_copy_is_not_a_season_copy(owner_client, show):
    box = make_series_copy(show)

    alone = owner_client.get(f"/api/v1/tv/season/copy/{box.pk}")
    listed = owner_client.get("/api/v1/tv/season/copy").json()

    assert alone.status_code == 404
    assert box.pk not in [c["id"] for c in listed]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"platform": "Shelf"}, "form"),
        ({"form": "DVD"}, "platform"),
        ({"platform": "Shelf", "form": ""}, "form"),
        ({"platform": "x", "form": "y", "vod_link": "nope"}, "vod_link"),
        ({"platform": "x", "form": "y", "season": 10**9}, "season"),
        ({"platform": "x", "form": "y", "season": "1.0"}, "season"),
    ],
)
def test_it_rejects_a_bad_season_copy(owner_client, show, body, field):
    season = show.seasons.get(season_number=1)
    before = stored()

    response = owner_client.post(
        "/api/v1/tv/season/copy/", {"season": season.pk, **body}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert stored() == before


# --- copies/ -------------------------------------------------------------------------------


def test_copies_takes_a_season_alone_or_a_whole_series(owner_client, show):
    season = show.seasons.get(season_number=2)

    def post(body: dict):
        return owner_client.post("/api/v1/copies/", body, format="json")

    of_season = post({"season": season.pk, "medium": "bluray"})
    box = post({"show": show.pk, "edition": "Complete"})
    both = post({"show": show.pk, "season": season.pk})

    assert of_season.status_code == box.status_code == both.status_code == 201
    assert (of_season.json()["show"], of_season.json()["season"]) == (show.pk, season.pk)
    assert (box.json()["kind"], box.json()["show"], box.json()["season"]) == ("show", show.pk, None)
    kinds = owner_client.get("/api/v1/copies/", {"kind": "show"}).json()
    assert len(kinds) == 4  # the fixture's season copy, and these three


def test_copies_refuses_a_season_of_another_show_or_a_movie_with_a_show(owner_client, user, show):
    other = make_show(user, title="Alias")
    season = show.seasons.get(season_number=1)
    copy = season.copies.get()
    movie = make_movie(user)
    before = stored()

    mismatched = owner_client.post(
        "/api/v1/copies/", {"show": other.pk, "season": season.pk}, format="json"
    )
    retitled = owner_client.patch(f"/api/v1/copies/{copy.pk}", {"show": other.pk}, format="json")
    both = owner_client.post(
        "/api/v1/copies/", {"movie": movie.pk, "season": season.pk}, format="json"
    )

    assert mismatched.status_code == retitled.status_code == both.status_code == 400
    assert mismatched.json() == {"season": ["This season belongs to another show."]}
    assert retitled.json() == {"show": ["The copy's season belongs to another show."]}
    assert list(both.json()) == ["show"]
    assert stored() == before


def test_a_series_copy_becomes_a_season_copy_and_back(owner_client, show):
    box = make_series_copy(show)
    season = show.seasons.get(season_number=2)
    path = f"/api/v1/copies/{box.pk}"

    to_season = owner_client.patch(path, {"season": season.pk}, format="json")
    back = owner_client.patch(path, {"season": None}, format="json")

    assert to_season.json()["season"] == season.pk
    assert (back.json()["show"], back.json()["season"]) == (show.pk, None)
