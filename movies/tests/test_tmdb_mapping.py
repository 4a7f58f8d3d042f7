"""What MyColl makes of TMDb's payloads: search results and a movie's fields."""

import pytest

from movies.services import TMDB_FILLED_FIELDS
from movies.tmdb_mapping import movie_fields, search_results, us_certification
from tmdb.errors import TMDbUnavailable
from tmdb.tests.helpers import (
    SPHERE_DETAILS,
    details_payload,
    search_item,
    search_payload,
    us_release,
)

pytestmark = pytest.mark.usefixtures("tmdb_settings")


def test_it_shapes_search_results_with_title_not_original_title():
    amelie = search_item(
        id=194,
        title="Amélie",
        original_title="Le Fabuleux Destin d'Amélie Poulain",
        release_date="2001-04-25",
        poster_path="/amelie.jpg",
        genre_ids=[35],
    )

    assert search_results(search_payload(amelie)) == [
        {
            "id": 194,
            "title": "Amélie",
            "original_title": "Le Fabuleux Destin d'Amélie Poulain",
            "overview": "Scientists and a spacecraft on the ocean floor.",
            "release_year": "2001",
            "poster_path": "https://image.tmdb.test/t/p/w500/amelie.jpg",
        }
    ]


def test_it_keeps_tmdbs_order():
    payload = search_payload(search_item(id=3), search_item(id=1), search_item(id=2))

    assert [result["id"] for result in search_results(payload)] == [3, 1, 2]


def test_it_gives_empty_strings_for_missing_search_fields():
    bare = {"id": 7, "title": "Bare", "overview": None, "release_date": "", "poster_path": None}
    odd = search_item(id=8, title=42, release_date="1998", poster_path="  ")

    first, second = search_results(search_payload(bare, odd))

    assert first == {
        "id": 7,
        "title": "Bare",
        "original_title": "",
        "overview": "",
        "release_year": "",
        "poster_path": "",
    }
    assert (second["title"], second["release_year"], second["poster_path"]) == ("", "", "")


def test_it_builds_image_urls_from_the_image_base_url(settings):
    settings.TMDB_IMAGE_BASE_URL = "https://images.example/t/p/w342/"

    [result] = search_results(search_payload(search_item(poster_path=" sphere.jpg ")))

    assert result["poster_path"] == "https://images.example/t/p/w342/sphere.jpg"
    assert movie_fields(details_payload())["image_link"] == (
        "https://images.example/t/p/w342/sphere.jpg"
    )


def test_it_shapes_movie_details():
    assert movie_fields(details_payload()) == SPHERE_DETAILS


@pytest.mark.parametrize("runtime", [0, None, -5, True, "134", 134.5])
def test_it_gives_none_or_empty_for_unknown_details(runtime):
    payload = details_payload(
        release_date="", runtime=runtime, poster_path=None, overview=None, release_dates=None
    )

    fields = movie_fields(payload)

    assert fields["release_year"] is None
    assert fields["runtime_minutes"] is None
    assert fields["image_link"] == ""
    assert fields["overview"] == ""
    assert fields["mpaa_rating"] == ""


def test_it_strips_the_title():
    assert movie_fields(details_payload(title="  Sphere \n"))["title"] == "Sphere"


@pytest.mark.parametrize("title", [None, "", "  ", 42])
def test_it_refuses_a_movie_without_a_title(caplog, title):
    with pytest.raises(TMDbUnavailable) as raised:
        movie_fields(details_payload(title=title))

    assert raised.value.code == "tmdb_unavailable"
    assert [r.levelname for r in caplog.records if r.name == "movies.tmdb_mapping"] == ["WARNING"]


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        pytest.param([us_release(("R", 4), ("PG-13", 3), ("PG", 2))], "PG-13", id="theatrical"),
        pytest.param([us_release(("", 3), ("R", 4), ("PG", 2))], "PG", id="limited-theatrical"),
        pytest.param([us_release(("", 1), ("NR", 5), ("R", 4))], "NR", id="first-non-empty"),
        pytest.param([us_release(("", 3), (" ", 4))], "", id="only-empty"),
        pytest.param(
            [{"iso_3166_1": "FR", "release_dates": [{"certification": "U", "type": 3}]}],
            "",
            id="no-us-release",
        ),
        pytest.param(
            [
                {"iso_3166_1": "DE", "release_dates": [{"certification": "16", "type": 3}]},
                us_release(("R", 3)),
            ],
            "R",
            id="us-among-others",
        ),
        pytest.param([], "", id="none"),
        pytest.param([{"iso_3166_1": "US", "release_dates": "R"}, "US"], "", id="malformed"),
    ],
)
def test_it_picks_the_us_certification(countries, expected):
    assert us_certification({"results": countries}) == expected
    assert movie_fields(details_payload(release_dates={"results": countries}))["mpaa_rating"] == (
        expected
    )


@pytest.mark.parametrize("release_dates", [None, [], "PG", {"results": None}])
def test_it_gives_no_certification_for_malformed_release_dates(release_dates):
    assert us_certification(release_dates) == ""


def test_it_fills_exactly_the_fields_a_one_call_add_takes_from_tmdb(tmdb_settings):
    fields = movie_fields(details_payload())

    assert set(fields) == {"tmdb_id", *TMDB_FILLED_FIELDS}
