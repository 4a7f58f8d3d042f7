"""What MyColl makes of TMDb's TV payloads: lenient about each field, strict about what a
show cannot be stored without."""

from datetime import date

import pytest

from tmdb.errors import TMDbUnavailable
from tmdb.tests.helpers import tv_details_payload, tv_season
from tv.tmdb_mapping import search_results, show_fields, us_rating

pytestmark = pytest.mark.usefixtures("tmdb_settings")


def test_it_maps_a_search_answer_in_tmdbs_order():
    payload = {"results": [{"id": 2, "name": "B", "first_air_date": "1999-12-31"}, {"id": 1}]}

    assert search_results(payload) == [
        {"id": 2, "title": "B", "original_title": "", "overview": "", "release_year": "1999",
         "poster_path": ""},
        {"id": 1, "title": "", "original_title": "", "overview": "", "release_year": "",
         "poster_path": ""},
    ]  # fmt: skip


def _ratings(*pairs: tuple) -> dict:
    return {"results": [{"iso_3166_1": country, "rating": rating} for country, rating in pairs]}


@pytest.mark.parametrize(
    ("content_ratings", "rating"),
    [
        (_ratings(("GB", "15"), ("US", "TV-14")), "TV-14"),
        (_ratings(("GB", "15")), ""),
        (_ratings(("US", " "), ("US", "TV-G")), "TV-G"),
        (_ratings(("US", None)), ""),
        ({"results": "US"}, ""),
        ({"results": [None, 3]}, ""),
        (None, ""),
        ([], ""),
    ],
)
def test_the_tv_rating_is_the_us_one_or_nothing(content_ratings, rating):
    assert us_rating(content_ratings) == rating


def test_odd_fields_become_empty_never_an_error():
    payload = tv_details_payload(
        original_name=None, first_air_date="soon", last_air_date=None, status=7,
        in_production="yes", number_of_seasons=-1, number_of_episodes=True,
        networks=[{"name": "AMC"}, {"name": " "}, "HBO", {"id": 3}], poster_path=" ",
        external_ids={"imdb_id": None, "tvdb_id": "81189"}, content_ratings=None,
    )  # fmt: skip

    fields = show_fields(payload)

    assert {k: v for k, v in fields.items() if k != "seasons"} == {
        "tmdb_id": 1396,
        "title": "Breaking Bad",
        "original_title": "",
        "year_first_aired": None,
        "last_air_year": None,
        "overview": "A chemistry teacher turns to making methamphetamine.",
        "status": "",
        "in_production": None,
        "tv_rating": "",
        "number_of_seasons": None,
        "number_of_episodes": None,
        "networks": ["AMC"],
        "image_link": "",
        "tmdb_page_link": "https://www.themoviedb.org/tv/1396",
        "imdb_id": "",
        "tvdb_id": None,
    }


def test_a_payload_without_external_ids_or_ratings_still_maps():
    payload = tv_details_payload()
    del payload["external_ids"], payload["content_ratings"], payload["networks"]

    fields = show_fields(payload)

    assert (fields["imdb_id"], fields["tvdb_id"], fields["tv_rating"]) == ("", None, "")
    assert fields["networks"] == []


def test_seasons_come_in_number_order_with_unknown_dates_null():
    seasons = [
        tv_season(2, air_date="2009-03-08"),
        tv_season(0, episodes=None, air_date=None, name=""),
        tv_season(1, episodes="7", air_date="2008-02-30", poster_path=None),
        tv_season(3, air_date="", name=None),
    ]

    mapped = show_fields(tv_details_payload(seasons=seasons))["seasons"]

    assert [(s["season_number"], s["title"]) for s in mapped] == [
        (0, "Specials"), (1, "Season 1"), (2, "Season 2"), (3, "Season 3"),
    ]  # fmt: skip
    assert [s["air_date"] for s in mapped] == [None, None, date(2009, 3, 8), None]
    assert [s["year_first_aired"] for s in mapped] == [None, None, 2009, None]
    assert [s["episode_count"] for s in mapped] == [None, None, 7, 7]
    assert mapped[1]["image_link"] == ""


def test_a_show_with_no_seasons_yet_maps_to_no_seasons():
    assert show_fields(tv_details_payload(seasons=[]))["seasons"] == []


@pytest.mark.parametrize(
    "payload",
    [
        tv_details_payload(name=None),
        tv_details_payload(name="  "),
        tv_details_payload(seasons=None),
        tv_details_payload(seasons={"1": {}}),
        tv_details_payload(seasons=[tv_season(1), None]),
        tv_details_payload(seasons=[tv_season(1), {"season_number": "2"}]),
        tv_details_payload(seasons=[tv_season(1), {"season_number": 2.0}]),
        tv_details_payload(seasons=[tv_season(1), {"season_number": True}]),
        tv_details_payload(seasons=[tv_season(1), tv_season(2), tv_season(1)]),
    ],
)
def test_an_answer_a_show_cannot_be_stored_from_is_unusable(payload):
    with pytest.raises(TMDbUnavailable):
        show_fields(payload)


def test_a_missing_seasons_list_is_unusable():
    payload = tv_details_payload()
    del payload["seasons"]

    with pytest.raises(TMDbUnavailable):
        show_fields(payload)
