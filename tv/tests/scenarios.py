"""The TV operations, as the OpenAPI conformance tests run them (mycoll/tests/test_openapi)."""

from typing import Any

import requests
import responses

from movies.tests.scenarios import providers_scenario
from mycoll.tests.conformance import Scenario, detail_scenario, scenario
from tmdb.tests.helpers import (
    TV_SEARCH_URL,
    tv_details_payload,
    tv_details_url,
    tv_search_item,
    tv_season,
)
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show

SHOW = {
    "title": "Breaking Bad",
    "original_title": "Breaking Bad",
    "year_first_aired": 2008,
    "last_air_year": 2013,
    "overview": "A chemistry teacher turns to making methamphetamine.",
    "status": "Ended",
    "in_production": False,
    "tv_rating": "TV-MA",
    "number_of_seasons": 5,
    "number_of_episodes": 62,
    "networks": ["AMC"],
    "image_link": "https://image.tmdb.test/t/p/w500/breaking-bad.jpg",
    "tmdb_page_link": "https://www.themoviedb.org/tv/1396",
    "tmdb_id": 1396,
    "imdb_id": "tt0903747",
    "tvdb_id": 81189,
}
SEASON = {"season_number": 1, "title": "Season 1", "episode_count": 7, "air_date": "2008-01-20"}
COPY = {"platform": "Shelf", "form": "Blu-ray", "vod_link": ""}


@scenario("GET", "/api/v1/tv/")
def show_list(api, owner_client, api_client, user, **_):
    bad = make_show(user, title="Breaking Bad", status="Ended")
    make_season_copy(make_season(bad, 1))
    make_series_copy(bad)
    make_show(user, title="Severance", year_first_aired=2022, tmdb_id=95396)
    path = "/api/v1/tv/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [s["title"] for s in everything.json()] == ["Breaking Bad", "Severance"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1}, slash=False)
    assert page.json()["count"] == 2 and page.json()["next"]
    api.call(owner_client, "GET", path, 200, query={"offset": 1, "ordering": "-year_first_aired"})
    filters = {"search": "bad", "year_first_aired": 2008, "status": "ended", "form": "blu-ray"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters).json()) == 1
    by_tmdb = {"tmdb_id": 95396, "platform": "nowhere"}
    assert api.call(owner_client, "GET", path, 200, query=by_tmdb).json() == []
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"ordering": "owner"})
    api.call(owner_client, "GET", path, 400, query={"year_first_aired": "soon"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/tv/")
def show_create(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/tv/"
    full = api.call(owner_client, "POST", path, 201, body={**SHOW, "seasons": [SEASON]})
    assert [s["season_number"] for s in full.json()["seasons"]] == [1]
    minimal = api.call(owner_client, "POST", path, 201, body={"title": "Home Videos"})
    assert minimal.json()["seasons"] == [] and minimal.json()["series_copies"] == []
    tmdb.get(tv_details_url(95396), json=tv_details_payload(id=95396, name="Severance"))
    added = api.call(owner_client, "POST", path, 201, body={"tmdb_id": 95396}, slash=False)
    assert [s["season_number"] for s in added.json()["seasons"]] == [0, 1, 2]
    api.call(owner_client, "POST", path, 400, body={"tmdb_id": 95396})  # already there
    api.call(owner_client, "POST", path, 400, body={**SHOW, "seasons": [], "imdb_id": "nm1"})
    api.call(owner_client, "POST", path, 400, body=[SHOW])
    tmdb.get(tv_details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "POST", path, 404, body={"tmdb_id": 404})
    tmdb.get(tv_details_url(502), json=tv_details_payload(id=502, seasons=[{"name": "?"}]))
    api.call(owner_client, "POST", path, 502, body={"tmdb_id": 502})
    tmdb.get(tv_details_url(504), body=requests.ReadTimeout())
    api.call(owner_client, "POST", path, 504, body={"tmdb_id": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "POST", path, 503, body={"tmdb_id": 503})
    api.call(api_client, "POST", path, 401, body=SHOW)


def show_detail(method: str, expect: int, body: Any = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        show = make_show(user, tmdb_id=1396)
        make_season_copy(make_season(show, 1), **COPY)
        make_season(show, 0)
        make_series_copy(show)
        return show.pk, {}

    spoil = {"year_first_aired": "2008.5"}
    return detail_scenario("/api/v1/tv/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/tv/{id}/")(show_detail("GET", 200))
scenario("PUT", "/api/v1/tv/{id}/")(show_detail("PUT", 200, {**SHOW, "title": "Breaking Good"}))
scenario("PATCH", "/api/v1/tv/{id}/")(show_detail("PATCH", 200, {"networks": ["AMC", "Netflix"]}))
scenario("DELETE", "/api/v1/tv/{id}/")(show_detail("DELETE", 204))


@scenario("POST", "/api/v1/tv/{id}/refresh/")
def show_refresh(api, owner_client, other_client, api_client, user, tmdb, settings, **_):
    path = "/api/v1/tv/{id}/refresh/"
    show = make_show(user, tmdb_id=1396)
    make_season(show, 1, episode_count=6)
    three = [tv_season(0, 2, None), tv_season(1), tv_season(2), tv_season(3, 8, "2010-03-21")]
    tmdb.get(tv_details_url(1396), json=tv_details_payload(seasons=three))
    refreshed = api.call(owner_client, "POST", path, 200, params={"id": show.pk})
    assert [s["season_number"] for s in refreshed.json()["seasons"]] == [0, 1, 2, 3]
    api.call(owner_client, "POST", path, 200, params={"id": show.pk}, slash=False)
    api.call(other_client, "POST", path, 404, params={"id": show.pk})
    api.call(api_client, "POST", path, 401, params={"id": show.pk})
    by_hand = make_show(user, title="Home Videos")
    api.call(owner_client, "POST", path, 400, params={"id": by_hand.pk})
    gone = make_show(user, title="Gone", tmdb_id=404)
    tmdb.get(tv_details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "POST", path, 404, params={"id": gone.pk})
    broken = make_show(user, title="Broken", tmdb_id=502)
    tmdb.get(tv_details_url(502), status=500)
    api.call(owner_client, "POST", path, 502, params={"id": broken.pk})
    slow = make_show(user, title="Slow", tmdb_id=504)
    tmdb.get(tv_details_url(504), body=requests.ConnectTimeout())
    api.call(owner_client, "POST", path, 504, params={"id": slow.pk})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "POST", path, 503, params={"id": show.pk})


@scenario("GET", "/api/v1/tv/{id}/completeness/")
def show_completeness(api, owner_client, other_client, api_client, user, **_):
    path = "/api/v1/tv/{id}/completeness/"
    show = make_show(user)
    make_season(show, 0)
    make_season_copy(make_season(show, 1))
    make_season(show, 2)

    first = api.call(owner_client, "GET", path, 200, params={"id": show.pk})
    assert first.json() == {"aired": [1, 2], "owned": [1], "missing": [2], "complete": False}
    api.call(owner_client, "GET", path, 200, params={"id": show.pk}, slash=False)
    api.call(owner_client, "GET", path, 404, params={"id": 987654321})
    api.call(other_client, "GET", path, 404, params={"id": show.pk})
    api.call(api_client, "GET", path, 401, params={"id": show.pk})


@scenario("GET", "/api/v1/tv/season/")
def season_list(api, owner_client, api_client, user, **_):
    show = make_show(user)
    make_season_copy(make_season(show, 1))
    make_season(show, 0)
    path = "/api/v1/tv/season/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [s["season_number"] for s in everything.json()] == [0, 1]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["count"] == 2
    filters = {"show": show.pk, "season_number": 1, "ordering": "-air_date"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"show": "bad"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/tv/season/")
def season_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/tv/season/"
    show = make_show(user)
    created = api.call(owner_client, "POST", path, 201, body={"show": show.pk, **SEASON})
    assert created.json()["year_first_aired"] == 2008 and created.json()["season_copies"] == []
    specials = api.call(owner_client, "POST", path, 201, body={"show": show.pk, "season_number": 0})
    assert specials.json()["title"] == "Specials"
    api.call(owner_client, "POST", path, 400, body={"show": show.pk, **SEASON})  # taken
    theirs = make_show(other_user)
    api.call(owner_client, "POST", path, 400, body={"show": theirs.pk, **SEASON})
    api.call(api_client, "POST", path, 401, body={"show": show.pk, **SEASON})


def season_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        show = make_show(user)
        season = make_season(show, 1)
        make_season_copy(season, **COPY)
        return season.pk, {"show": show.pk}

    spoil = {"season_number": -1}
    return detail_scenario("/api/v1/tv/season/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/tv/season/{id}/")(season_detail("GET", 200))
scenario("PUT", "/api/v1/tv/season/{id}/")(season_detail("PUT", 200, {**SEASON, "title": "One"}))
scenario("PATCH", "/api/v1/tv/season/{id}/")(season_detail("PATCH", 200, {"episode_count": 8}))
scenario("DELETE", "/api/v1/tv/season/{id}/")(season_detail("DELETE", 204))


@scenario("GET", "/api/v1/tv/season/copy/")
def season_copy_list(api, owner_client, api_client, user, **_):
    show = make_show(user)
    one = make_season(show, 1)
    make_season_copy(one, form="Blu-ray")
    make_season_copy(make_season(show, 2), form="DVD")
    make_series_copy(show)
    path = "/api/v1/tv/season/copy/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [c["form"] for c in everything.json()] == ["Blu-ray", "DVD"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["previous"] is not None
    filters = {"season": one.pk, "show": show.pk, "form": "blu-ray", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"season": "one"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/tv/season/copy/")
def season_copy_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/tv/season/copy/"
    season = make_season(make_show(user), 1)
    api.call(owner_client, "POST", path, 201, body={"season": season.pk, **COPY})
    vod = {"season": season.pk, "platform": "Netflix", "form": "VOD"}
    api.call(owner_client, "POST", path, 201, body=vod, slash=False)
    theirs = make_season(make_show(other_user), 1)
    api.call(owner_client, "POST", path, 400, body={"season": theirs.pk, **COPY})
    api.call(owner_client, "POST", path, 400, body={**vod, "vod_link": "not a link"})
    api.call(api_client, "POST", path, 401, body=vod)


def season_copy_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        season = make_season(make_show(user), 1)
        return make_season_copy(season, **COPY).pk, {"season": season.pk}

    spoil = {"form": ""}
    return detail_scenario("/api/v1/tv/season/copy/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/tv/season/copy/{id}/")(season_copy_detail("GET", 200))
scenario("PUT", "/api/v1/tv/season/copy/{id}/")(
    season_copy_detail("PUT", 200, {**COPY, "form": "4K"})
)
scenario("PATCH", "/api/v1/tv/season/copy/{id}/")(
    season_copy_detail("PATCH", 200, {"platform": "Attic"})
)
scenario("DELETE", "/api/v1/tv/season/copy/{id}/")(season_copy_detail("DELETE", 204))


@scenario("GET", "/api/v1/tv/search/")
def search(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/tv/search/"
    unknown = tv_search_item(id=95396, name="Severance", first_air_date="", poster_path=None)
    tmdb.get(TV_SEARCH_URL, json={"page": 1, "results": [tv_search_item(), unknown]})
    results = api.call(owner_client, "GET", path, 200, query={"query": "Breaking"}).json()
    assert [r["release_year"] for r in results] == ["2008", ""]
    query = {"query": "Breaking", "page": 2, "year": 2008}
    api.call(owner_client, "GET", path, 200, query=query, slash=False)
    api.call(owner_client, "GET", path, 400)
    api.call(owner_client, "GET", path, 400, query={"query": "Breaking", "year": 1800})
    api.call(api_client, "GET", path, 401, query={"query": "Breaking"})
    tmdb.replace(responses.GET, TV_SEARCH_URL, status=401, json={"status_code": 7})
    api.call(owner_client, "GET", path, 502, query={"query": "rejected"})
    tmdb.replace(responses.GET, TV_SEARCH_URL, status=429, headers={"Retry-After": "0"})
    limited = api.call(owner_client, "GET", path, 503, query={"query": "limited"})
    assert limited.json()["code"] == "tmdb_rate_limited"
    tmdb.replace(responses.GET, TV_SEARCH_URL, body=requests.ReadTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": "slow"})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": "unconfigured"})


@scenario("GET", "/api/v1/tv/search/details/")
def details(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/tv/search/details/"
    tmdb.get(tv_details_url(1396), json=tv_details_payload())
    no_rating = tv_details_payload(id=2207, content_ratings={"results": []}, first_air_date="")
    tmdb.get(tv_details_url(2207), json=no_rating)
    bad = api.call(owner_client, "GET", path, 200, query={"query": 1396}).json()
    unknown = api.call(owner_client, "GET", path, 200, query={"query": 2207}, slash=False).json()
    assert bad["tv_rating"] == "TV-MA" and unknown["tv_rating"] == ""
    assert unknown["year_first_aired"] is None
    # What the details answer is a valid add, as they say.
    api.call(owner_client, "POST", "/api/v1/tv/", 201, body=bad)
    api.call(owner_client, "GET", path, 400, query={"query": "Breaking Bad"})
    api.call(api_client, "GET", path, 401, query={"query": 1396})
    tmdb.get(tv_details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "GET", path, 404, query={"query": 404})
    tmdb.get(tv_details_url(502), status=500)
    api.call(owner_client, "GET", path, 502, query={"query": 502})
    tmdb.get(tv_details_url(504), body=requests.ConnectTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": 503})


def _a_show_on_tmdb(user) -> tuple[int, int]:
    return make_show(user, tmdb_id=1396).pk, 1396


scenario("GET", "/api/v1/tv/{id}/providers/")(
    providers_scenario("tv", "/api/v1/tv/{id}/providers/", _a_show_on_tmdb)
)
