"""The TV proxies: tv/search and tv/search/details in MyColl's shapes; TMDb's failures answer
exactly as the movie search's do."""

import logging

import pytest

from movies.tests.test_tmdb_views import FAULTS
from tmdb.tests.helpers import (
    API_KEY,
    TV_SEARCH_URL,
    sent_params,
    tv_details_payload,
    tv_details_url,
    tv_search_item,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]

SEARCH = "/api/v1/tv/search"
DETAILS = "/api/v1/tv/search/details"


@pytest.mark.parametrize("path", [SEARCH, f"{SEARCH}/"])
def test_it_searches_tmdbs_shows_in_the_movie_searchs_shape(owner_client, tmdb, path):
    unknown = tv_search_item(id=7, name=None, first_air_date="", poster_path="", overview=None)
    tmdb.get(TV_SEARCH_URL, json={"page": 1, "results": [tv_search_item(), unknown]})

    response = owner_client.get(path, {"query": "Breaking", "page": 2, "year": 2008})

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": 1396,
            "title": "Breaking Bad",
            "original_title": "Breaking Bad",
            "overview": "A chemistry teacher turns to making methamphetamine.",
            "release_year": "2008",
            "poster_path": "https://image.tmdb.test/t/p/w500/breaking-bad.jpg",
        },
        {
            "id": 7,
            "title": "",
            "original_title": "Breaking Bad",
            "overview": "",
            "release_year": "",
            "poster_path": "",
        },
    ]
    sent = sent_params(tmdb.calls[0])
    assert (sent["query"], sent["page"], sent["first_air_date_year"]) == (
        ["Breaking"], ["2"], ["2008"],
    )  # fmt: skip
    assert sent["include_adult"] == ["false"]


@pytest.mark.parametrize("query", ["Tom & Jerry", "C# #1", "Amélie", "七人の侍", "%20 x"])
def test_it_passes_any_search_text_to_tmdb_intact(owner_client, tmdb, query):
    tmdb.get(TV_SEARCH_URL, json={"page": 1, "results": []})

    response = owner_client.get(SEARCH, {"query": query})

    assert response.json() == []
    assert sent_params(tmdb.calls[0])["query"] == [query]
    assert "first_air_date_year" not in sent_params(tmdb.calls[0])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "query"),
        ({"query": "  "}, "query"),
        ({"query": "x" * 201}, "query"),
        ({"query": "Lost", "page": "0"}, "page"),
        ({"query": "Lost", "year": "1919"}, "year"),
        ({"query": "Lost", "year": "2004.0"}, "year"),
    ],
)
def test_it_refuses_bad_search_parameters(owner_client, tmdb, params, field):
    response = owner_client.get(SEARCH, params)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize("path", [DETAILS, f"{DETAILS}/"])
def test_it_answers_a_shows_details_as_a_create_payload(owner_client, tmdb, path):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())

    response = owner_client.get(path, {"query": "1396"})

    assert response.status_code == 200
    body = response.json()
    assert list(body) == [
        "tmdb_id", "title", "original_title", "year_first_aired", "last_air_year", "overview",
        "status", "in_production", "tv_rating", "number_of_seasons", "number_of_episodes",
        "networks", "image_link", "tmdb_page_link", "imdb_id", "tvdb_id", "seasons",
    ]  # fmt: skip
    assert body["seasons"][0] == {
        "season_number": 0,
        "title": "Specials",
        "episode_count": 2,
        "year_first_aired": None,
        "air_date": None,
        "overview": "",
        "image_link": "https://image.tmdb.test/t/p/w500/bb-s0.jpg",
        "tmdb_page_link": "https://www.themoviedb.org/tv/1396/season/0",
    }


@pytest.mark.parametrize("tmdb_id", [None, "", "abc", "0", "-5", "1e3", str(2**31)])
def test_it_refuses_a_bad_tmdb_id(owner_client, tmdb, tmdb_id):
    response = owner_client.get(DETAILS, {} if tmdb_id is None else {"query": tmdb_id})

    assert response.status_code == 400
    assert list(response.json()) == ["query"]
    assert len(tmdb.calls) == 0


def test_it_answers_404_naming_a_show_tmdb_does_not_know(owner_client, tmdb):
    tmdb.get(tv_details_url(999999), status=404, json={"status_code": 34})

    response = owner_client.get(DETAILS, {"query": "999999"})

    assert response.status_code == 404
    assert response.json() == {"detail": "TMDb has no show with that id.", "code": "tmdb_not_found"}


@pytest.mark.parametrize("path", [SEARCH, DETAILS])
def test_it_refuses_anonymous_requests(api_client, tmdb, path):
    assert api_client.get(path, {"query": "1"}).status_code == 401
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize(("answer", "status", "code", "calls"), FAULTS)
@pytest.mark.parametrize("path", [SEARCH, DETAILS])
def test_it_maps_each_tmdb_failure_as_the_movie_search_does(
    owner_client, tmdb, caplog, path, answer, status, code, calls
):
    caplog.set_level(logging.DEBUG)
    tmdb.get(TV_SEARCH_URL if path == SEARCH else tv_details_url(1396), **answer)

    response = owner_client.get(path, {"query": "1396"})

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert len(tmdb.calls) == calls
    assert API_KEY not in response.content.decode()
    assert API_KEY not in caplog.text


def test_it_answers_a_repeated_details_request_from_the_cache(owner_client, other_client, tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())

    first = owner_client.get(DETAILS, {"query": "1396"})
    again = other_client.get(DETAILS, {"query": "1396"})

    assert first.json() == again.json()
    assert len(tmdb.calls) == 1
