"""The client's TV calls: search_tv and tv_details return TMDb's payloads, checked as the movie
ones are, cached, and asked again on demand."""

import pytest

from tmdb.client import movie_details, search_tv, tv_details
from tmdb.errors import TMDbNotFound, TMDbShowNotFound, TMDbUnavailable
from tmdb.tests.helpers import (
    API_KEY,
    TV_SEARCH_URL,
    details_payload,
    details_url,
    sent_params,
    tv_details_payload,
    tv_details_url,
    tv_search_item,
)


def test_it_returns_the_tv_search_payload_as_tmdb_sends_it(tmdb):
    payload = {"page": 1, "results": [tv_search_item(), tv_search_item(id=7, name=None)]}
    tmdb.get(TV_SEARCH_URL, json=payload)

    assert search_tv(query="Breaking Bad") == payload


def test_it_sends_the_tv_search_parameters(tmdb):
    tmdb.get(TV_SEARCH_URL, json={"page": 1, "results": []})

    search_tv(query=" Breaking Bad ", page=3, year=2008)
    search_tv(query="Breaking Bad")

    with_year, without_year = (sent_params(call) for call in tmdb.calls)
    assert with_year == {
        "query": ["Breaking Bad"],
        "page": ["3"],
        "include_adult": ["false"],
        "first_air_date_year": ["2008"],
        "api_key": [API_KEY],
    }
    assert "first_air_date_year" not in without_year


@pytest.mark.parametrize("payload", [{"page": 1}, {"results": [tv_search_item(id="1396")]}])
def test_it_refuses_a_wrong_shaped_tv_search_answer(tmdb, payload):
    tmdb.get(TV_SEARCH_URL, json=payload)

    with pytest.raises(TMDbUnavailable):
        search_tv(query="Breaking Bad")


def test_a_404_from_the_tv_search_is_tmdb_misbehaving(tmdb):
    tmdb.get(TV_SEARCH_URL, status=404, json={"status_code": 34})

    with pytest.raises(TMDbUnavailable):
        search_tv(query="Breaking Bad")


def test_it_returns_a_shows_details_with_ratings_and_external_ids_appended(tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload(vote_average=8.9))

    details = tv_details(tmdb_id=1396)

    assert details == tv_details_payload(vote_average=8.9)
    assert sent_params(tmdb.calls[0])["append_to_response"] == ["content_ratings,external_ids"]


@pytest.mark.parametrize("payload", [tv_details_payload(id=None), [tv_details_payload()], "x"])
def test_it_refuses_a_wrong_shaped_details_answer(tmdb, payload):
    tmdb.get(tv_details_url(1396), json=payload)

    with pytest.raises(TMDbUnavailable):
        tv_details(tmdb_id=1396)


def test_an_unknown_show_is_not_found_and_says_show(tmdb):
    tmdb.get(tv_details_url(99), status=404, json={"status_code": 34})

    with pytest.raises(TMDbNotFound) as raised:
        tv_details(tmdb_id=99)
    with pytest.raises(TMDbShowNotFound):
        tv_details(tmdb_id=0)

    assert str(raised.value) == "TMDb has no show with that id."
    assert len(tmdb.calls) == 1


def test_details_are_cached_and_fresh_asks_again_and_caches_the_new_answer(tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload(status="Returning Series"))
    tmdb.get(tv_details_url(1396), json=tv_details_payload(status="Ended"))

    first = tv_details(tmdb_id=1396)
    cached = tv_details(tmdb_id=1396)
    fresh = tv_details(tmdb_id=1396, fresh=True)
    after = tv_details(tmdb_id=1396)

    assert first["status"] == cached["status"] == "Returning Series"
    assert fresh["status"] == after["status"] == "Ended"
    assert len(tmdb.calls) == 2


def test_a_show_and_a_movie_with_one_id_are_cached_apart(tmdb):
    tmdb.get(tv_details_url(603), json=tv_details_payload(id=603))
    tmdb.get(details_url(603), json=details_payload(id=603, title="The Matrix"))

    assert tv_details(tmdb_id=603)["name"] == "Breaking Bad"
    assert movie_details(tmdb_id=603)["title"] == "The Matrix"
