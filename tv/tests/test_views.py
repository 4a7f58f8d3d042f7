"""tv/: each show with its seasons and copies, read the same everywhere; writes, validation,
cascades (seasons and their copies: test_seasons.py)."""

import pytest

from collection.models import Copy
from tv.models import Season, Show
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show, stored
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
    before = stored()
    body = {**SHOW, "seasons": [], "tmdb_id": 7, field: value}

    created = owner_client.post("/api/v1/tv/", body, format="json")
    updated = owner_client.put(f"/api/v1/tv/{show.pk}", body, format="json")

    for response in (created, updated):
        assert response.status_code == 400
        assert response.json() == {field: [message]}
    assert stored() == before


def test_it_rejects_a_bad_season_of_a_new_show_and_stores_nothing(owner_client, show):
    before = stored()
    bad = [{"season_number": 1}, {"season_number": 1}]
    negative = [{"season_number": 1}, {"season_number": -1}]

    twice = owner_client.post("/api/v1/tv/", {"title": "X", "seasons": bad}, format="json")
    below = owner_client.post("/api/v1/tv/", {"title": "X", "seasons": negative}, format="json")

    assert twice.status_code == below.status_code == 400
    assert twice.json() == {"seasons": ["Season 1 is named twice."]}
    assert below.json() == {
        "seasons": {"1": {"season_number": ["Ensure this value is greater than or equal to 0."]}}
    }
    assert stored() == before


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
