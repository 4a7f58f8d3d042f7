"""tv/, tv/season/ and tv/season/copy/: shapes, writes, validation, filters, cascades."""

from datetime import date

import pytest

from collection.models import Copy
from movies.tests.factories import make_movie
from tv.models import Season, Show
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show
from tv.tests.scenarios import COPY, SEASON, SHOW

pytestmark = pytest.mark.django_db

SHOW_KEYS = [
    "id", "title", "original_title", "year_first_aired", "last_air_year", "overview", "status",
    "in_production", "tv_rating", "number_of_seasons", "number_of_episodes", "networks",
    "image_link", "tmdb_page_link", "tmdb_id", "imdb_id", "tvdb_id", "seasons",
    "series_copies", "created_at", "updated_at",
]  # fmt: skip
SEASON_KEYS = [
    "id", "show", "title", "season_number", "episode_count", "year_first_aired", "air_date",
    "overview", "image_link", "tmdb_page_link", "season_copies", "created_at", "updated_at",
]  # fmt: skip
COPY_KEYS = ["id", "season", "platform", "form", "vod_link", "created_at", "updated_at"]


def snapshot() -> list[tuple]:
    return [
        *Show.objects.order_by("pk").values_list(),
        *Season.objects.order_by("pk").values_list(),
        *Copy.objects.order_by("pk").values_list(),
    ]


@pytest.fixture
def show(user) -> Show:
    show = make_show(user, **{k: v for k, v in SHOW.items() if k != "title"})
    make_season(show, 0, air_date=None)
    make_season_copy(make_season(show, 1), **COPY)
    make_season(show, 2)
    return show


# --- shapes --------------------------------------------------------------------------------


def test_it_lists_each_show_with_its_seasons_in_order_and_their_copies(owner_client, show):
    box = make_series_copy(show)

    body = owner_client.get("/api/v1/tv/").json()

    assert [list(s) for s in body] == [SHOW_KEYS]
    listed = body[0]
    assert {k: listed[k] for k in SHOW} == {**SHOW, "title": "Breaking Bad"}
    assert [list(s) for s in listed["seasons"]] == [SEASON_KEYS] * 3
    assert [s["season_number"] for s in listed["seasons"]] == [0, 1, 2]
    specials, one, _ = listed["seasons"]
    assert (specials["title"], specials["air_date"], specials["show"]) == (
        "Specials",
        None,
        show.pk,
    )
    assert one["air_date"] == "2009-01-20" and one["year_first_aired"] == 2009
    assert [list(c) for c in one["season_copies"]] == [COPY_KEYS]
    assert {k: one["season_copies"][0][k] for k in COPY} == COPY
    assert [c["id"] for c in listed["series_copies"]] == [box.pk]
    assert listed["series_copies"][0]["show"] == show.pk
    assert owner_client.get(f"/api/v1/tv/{show.pk}").json() == listed


def test_a_season_reads_the_same_alone_in_its_list_and_on_its_show(owner_client, show):
    on_show = owner_client.get(f"/api/v1/tv/{show.pk}").json()["seasons"]

    listed = owner_client.get("/api/v1/tv/season").json()
    alone = [owner_client.get(f"/api/v1/tv/season/{s['id']}/").json() for s in on_show]

    assert listed == alone == on_show


def test_a_season_copy_reads_the_same_everywhere(owner_client, show):
    season = show.seasons.get(season_number=1)
    on_show = owner_client.get(f"/api/v1/tv/{show.pk}").json()["seasons"][1]["season_copies"]

    listed = owner_client.get("/api/v1/tv/season/copy/").json()
    alone = owner_client.get(f"/api/v1/tv/season/copy/{on_show[0]['id']}").json()

    assert listed == [alone] == on_show
    assert alone["season"] == season.pk


def test_pages_are_opt_in(owner_client, user, show):
    make_show(user, title="Severance")

    page = owner_client.get("/api/v1/tv/", {"limit": 1, "offset": 1}).json()

    assert page["count"] == 2 and [s["title"] for s in page["results"]] == ["Severance"]
    assert page["results"][0]["seasons"] == []


# --- shows: writes -------------------------------------------------------------------------


def test_it_adds_a_show_in_full_with_its_seasons(owner_client, user):
    seasons = [SEASON, {"season_number": 0}, {"season_number": 2, "title": "Two"}]

    response = owner_client.post("/api/v1/tv/", {**SHOW, "seasons": seasons}, format="json")

    assert response.status_code == 201
    body = response.json()
    assert [(s["season_number"], s["title"]) for s in body["seasons"]] == [
        (0, "Specials"), (1, "Season 1"), (2, "Two"),
    ]  # fmt: skip
    assert body["seasons"][1]["year_first_aired"] == 2008  # from its air date
    assert Season.objects.filter(owner=user, show_id=body["id"]).count() == 3


def test_a_put_or_patch_leaves_the_seasons_alone(owner_client, show):
    path = f"/api/v1/tv/{show.pk}"

    put = owner_client.put(path, {**SHOW, "title": "Put", "seasons": []}, format="json")
    patched = owner_client.patch(path, {"seasons": [{"season_number": 9}]}, format="json")

    assert put.status_code == patched.status_code == 200
    assert put.json()["title"] == "Put"
    assert [s["season_number"] for s in patched.json()["seasons"]] == [0, 1, 2]


def test_a_delete_takes_the_seasons_and_every_copy_with_it(owner_client, user, show):
    make_series_copy(show)
    other = make_show(user, title="Kept")
    kept = make_season_copy(make_season(other, 1))

    response = owner_client.delete(f"/api/v1/tv/{show.pk}")

    assert response.status_code == 204
    assert list(Show.objects.values_list("pk", flat=True)) == [other.pk]
    assert list(Season.objects.values_list("show_id", flat=True)) == [other.pk]
    assert list(Copy.objects.values_list("pk", flat=True)) == [kept.pk]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field may not be blank."),
        ("title", "x" * 201, "Ensure this field has no more than 200 characters."),
        ("year_first_aired", 1919, "Ensure this value is greater than or equal to 1920."),
        ("year_first_aired", 2008.5, "A whole number is required."),
        ("number_of_seasons", -1, "Ensure this value is greater than or equal to 0."),
        ("number_of_episodes", 100_001, "Ensure this value is less than or equal to 100000."),
        ("in_production", "perhaps", "Must be a valid boolean."),
        ("networks", "AMC", 'Expected a list of items but got type "str".'),
        ("imdb_id", "nm0000001", "This value does not match the required pattern."),
        ("tvdb_id", 0, "Ensure this value is greater than or equal to 1."),
        ("tv_rating", "x" * 17, "Ensure this field has no more than 16 characters."),
        ("image_link", "not a url", "Enter a valid URL."),
        ("tmdb_id", True, "A whole number is required."),
    ],
)
def test_it_rejects_a_bad_show_field_and_names_it(owner_client, show, field, value, message):
    before = snapshot()
    body = {**SHOW, "seasons": [], "tmdb_id": 7, field: value}

    created = owner_client.post("/api/v1/tv/", body, format="json")
    updated = owner_client.put(f"/api/v1/tv/{show.pk}", body, format="json")

    for response in (created, updated):
        assert response.status_code == 400
        assert response.json() == {field: [message]}
    assert snapshot() == before


def test_it_rejects_a_bad_season_of_a_new_show_and_stores_nothing(owner_client, show):
    before = snapshot()
    bad = [{"season_number": 1}, {"season_number": 1}]
    negative = [{"season_number": 1}, {"season_number": -1}]

    twice = owner_client.post("/api/v1/tv/", {"title": "X", "seasons": bad}, format="json")
    below = owner_client.post("/api/v1/tv/", {"title": "X", "seasons": negative}, format="json")

    assert twice.status_code == below.status_code == 400
    assert twice.json() == {"seasons": ["Season 1 is named twice."]}
    assert below.json() == {
        "seasons": {"1": {"season_number": ["Ensure this value is greater than or equal to 0."]}}
    }
    assert snapshot() == before


def test_it_names_the_show_that_has_a_tmdb_id_already(owner_client, show):
    body = {**SHOW, "title": "Again", "seasons": []}

    response = owner_client.post("/api/v1/tv/", body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "tmdb_id": [f"This show is already in your collection (show id {show.pk})."]
    }


def test_it_keeps_its_own_tmdb_id_on_update(owner_client, show):
    response = owner_client.patch(f"/api/v1/tv/{show.pk}", {"tmdb_id": 1396}, format="json")

    assert response.status_code == 200


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
    before = snapshot()

    response = owner_client.post("/api/v1/tv/season", {"show": show.pk, **body}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert snapshot() == before


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
    before = snapshot()

    response = owner_client.post(
        "/api/v1/tv/season/copy/", {"season": season.pk, **body}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert snapshot() == before


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
    before = snapshot()

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
    assert snapshot() == before


def test_a_series_copy_becomes_a_season_copy_and_back(owner_client, show):
    box = make_series_copy(show)
    season = show.seasons.get(season_number=2)
    path = f"/api/v1/copies/{box.pk}"

    to_season = owner_client.patch(path, {"season": season.pk}, format="json")
    back = owner_client.patch(path, {"season": None}, format="json")

    assert to_season.json()["season"] == season.pk
    assert (back.json()["show"], back.json()["season"]) == (show.pk, None)
