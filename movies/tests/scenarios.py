"""The movies' operations and the TMDb proxies, as the OpenAPI conformance tests run them
(mycoll/tests/test_openapi)."""

from typing import Any

import requests
import responses
from django.core.cache import cache

from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import Scenario, detail_scenario, scenario
from tmdb.tests.helpers import API_URL as TMDB_URL
from tmdb.tests.helpers import SEARCH_URL, details_payload, details_url, search_item, search_payload

MOVIE = {
    "title": "Sphere",
    "release_year": 1998,
    "overview": "Scientists and a spacecraft on the ocean floor.",
    "mpaa_rating": "PG-13",
    "runtime_minutes": 134,
    "image_link": "https://image.tmdb.test/t/p/w500/sphere.jpg",
    "tmdb_page_link": "https://www.themoviedb.org/movie/10153",
    "tmdb_id": 10153,
}
COPY = {"platform": "Prime Video", "form": "VOD", "vod_link": "https://www.primevideo.com/x"}


@scenario("GET", "/api/v1/movies/")
def movie_list(api, owner_client, api_client, user, **_):
    make_copy(make_movie(user, title="Sphere", release_year=1998), form="DVD")
    make_movie(user, title="The Matrix", release_year=1999, tmdb_id=603, runtime_minutes=None)
    path = "/api/v1/movies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [m["title"] for m in everything.json()] == ["Sphere", "The Matrix"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1}, slash=False)
    assert page.json()["count"] == 2 and page.json()["next"]
    api.call(owner_client, "GET", path, 200, query={"offset": 1, "ordering": "-release_year"})
    filters = {"search": "sph", "release_year": 1998, "form": "dvd", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters).json()) == 1
    etag = everything["ETag"]
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=etag)
    api.call(owner_client, "GET", path, 400, query={"ordering": "owner"})
    api.call(owner_client, "GET", path, 400, query={"limit": 0})
    api.call(owner_client, "GET", path, 400, query={"release_year": "late"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/movies/")
def movie_create(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/"
    api.call(owner_client, "POST", path, 201, body=MOVIE)
    minimal = api.call(owner_client, "POST", path, 201, body={"title": "Up", "release_year": 2009})
    assert minimal.json()["tmdb_id"] is None and minimal.json()["copies"] == []
    tmdb.get(details_url(603), json=details_payload(id=603, title="The Matrix", runtime=None))
    added = api.call(owner_client, "POST", path, 201, body={"tmdb_id": 603}, slash=False)
    assert added.json()["title"] == "The Matrix"
    api.call(owner_client, "POST", path, 400, body={"tmdb_id": 603})  # already there
    api.call(owner_client, "POST", path, 400, body={**MOVIE, "tmdb_id": 1, "release_year": 3000})
    api.call(owner_client, "POST", path, 400, body=[MOVIE])
    tmdb.get(details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "POST", path, 404, body={"tmdb_id": 404})
    tmdb.get(details_url(502), status=401, json={"status_code": 7})
    api.call(owner_client, "POST", path, 502, body={"tmdb_id": 502})
    tmdb.get(details_url(504), body=requests.ReadTimeout())
    api.call(owner_client, "POST", path, 504, body={"tmdb_id": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "POST", path, 503, body={"tmdb_id": 503})
    api.call(api_client, "POST", path, 401, body=MOVIE)


def movie_detail(method: str, expect: int, body: Any = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        movie = make_movie(user, tmdb_id=10153)
        make_copy(movie, **COPY)
        return movie.pk, {}

    spoil = {"release_year": "1998.5"}
    return detail_scenario("/api/v1/movies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/movies/{id}/")(movie_detail("GET", 200))
scenario("PUT", "/api/v1/movies/{id}/")(movie_detail("PUT", 200, {**MOVIE, "title": "Sfera"}))
scenario("PATCH", "/api/v1/movies/{id}/")(movie_detail("PATCH", 200, {"runtime_minutes": None}))
scenario("DELETE", "/api/v1/movies/{id}/")(movie_detail("DELETE", 204))


@scenario("GET", "/api/v1/movies/copies/")
def copy_list(api, owner_client, api_client, user, **_):
    sphere = make_movie(user, title="Sphere")
    make_copy(sphere, form="DVD")
    make_copy(make_movie(user, title="Alien", release_year=1979), **COPY)
    path = "/api/v1/movies/copies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [c["form"] for c in everything.json()] == ["VOD", "DVD"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["previous"] is not None
    filters = {"movie": sphere.pk, "form": "dvd", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"movie": "sphere"})
    api.call(owner_client, "GET", path, 400, query={"offset": "-1"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/movies/copies/")
def copy_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/movies/copies/"
    movie = make_movie(user)
    api.call(owner_client, "POST", path, 201, body={"movie": movie.pk, **COPY})
    shelf = {"movie": movie.pk, "platform": "Shelf", "form": "4K"}
    api.call(owner_client, "POST", path, 201, body=shelf, slash=False)
    others = make_movie(other_user)
    api.call(owner_client, "POST", path, 400, body={"movie": others.pk, **COPY})
    api.call(owner_client, "POST", path, 400, body={**shelf, "vod_link": "not a link"})
    api.call(api_client, "POST", path, 401, body=shelf)


def copy_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        movie = make_movie(user)
        return make_copy(movie, **COPY).pk, {"movie": movie.pk}

    spoil = {"form": ""}
    return detail_scenario("/api/v1/movies/copies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/movies/copies/{id}/")(copy_detail("GET", 200))
scenario("PUT", "/api/v1/movies/copies/{id}/")(copy_detail("PUT", 200, {**COPY, "form": "HD"}))
scenario("PATCH", "/api/v1/movies/copies/{id}/")(copy_detail("PATCH", 200, {"vod_link": ""}))
scenario("DELETE", "/api/v1/movies/copies/{id}/")(copy_detail("DELETE", 204))


@scenario("GET", "/api/v1/movies/search/")
def search(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/search/"
    unknown = search_item(id=603, title="The Matrix", release_date="", poster_path=None)
    tmdb.get(SEARCH_URL, json=search_payload(search_item(), unknown))
    results = api.call(owner_client, "GET", path, 200, query={"query": "Sphere"}).json()
    assert [r["release_year"] for r in results] == ["1998", ""]
    query = {"query": "Sphere", "page": 2, "year": 1998}
    api.call(owner_client, "GET", path, 200, query=query, slash=False)
    api.call(owner_client, "GET", path, 400)
    api.call(owner_client, "GET", path, 400, query={"query": "Sphere", "page": 0})
    api.call(api_client, "GET", path, 401, query={"query": "Sphere"})
    tmdb.replace(responses.GET, SEARCH_URL, status=401, json={"status_code": 7})
    api.call(owner_client, "GET", path, 502, query={"query": "rejected"})
    tmdb.replace(responses.GET, SEARCH_URL, status=429, headers={"Retry-After": "0"})
    limited = api.call(owner_client, "GET", path, 503, query={"query": "limited"})
    assert limited.json()["code"] == "tmdb_rate_limited" and limited["Retry-After"] == "1"
    tmdb.replace(responses.GET, SEARCH_URL, body=requests.ReadTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": "slow"})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": "unconfigured"})


@scenario("GET", "/api/v1/movies/search/details/")
def details(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/search/details/"
    tmdb.get(details_url(10153), json=details_payload())
    tmdb.get(details_url(603), json=details_payload(id=603, release_date="", poster_path=""))
    sphere = api.call(owner_client, "GET", path, 200, query={"query": 10153}).json()
    unknown = api.call(owner_client, "GET", path, 200, query={"query": 603}, slash=False).json()
    assert sphere["mpaa_rating"] == "PG-13" and unknown["release_year"] is None
    # What the details answer is a valid one-call add, as they say.
    api.call(owner_client, "POST", "/api/v1/movies/", 201, body=sphere)
    api.call(owner_client, "GET", path, 400, query={"query": "Sphere"})
    api.call(api_client, "GET", path, 401, query={"query": 10153})
    tmdb.get(details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "GET", path, 404, query={"query": 404})
    tmdb.get(details_url(502), status=500)
    api.call(owner_client, "GET", path, 502, query={"query": 502})
    tmdb.get(details_url(504), body=requests.ConnectTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": 503})


def providers_scenario(kind: str, path: str, make: Any) -> Scenario:
    """Where to watch a title: every answer, TMDb's faults included (TMDb mocked)."""

    def run(api, owner_client, other_client, api_client, user, tmdb, settings, **_):
        title_id, tmdb_id = make(user)
        url = f"{TMDB_URL}/{kind}/{tmdb_id}/watch/providers"
        offer = {"provider_id": 8, "provider_name": "Netflix", "logo_path": "/n.jpg",
                 "display_priority": 1}  # fmt: skip
        tmdb.get(url, json={"id": tmdb_id, "results": {"US": {"link": "", "flatrate": [offer]}}})
        target = {"id": title_id}
        assert api.call(owner_client, "GET", path, 200, params=target).json()["flatrate"]
        api.call(owner_client, "GET", path, 200, params=target, query={"region": "de"}, slash=False)
        api.call(owner_client, "GET", path, 400, params=target, query={"region": "XX"})
        api.call(other_client, "GET", path, 404, params=target)
        api.call(api_client, "GET", path, 401, params=target)
        tmdb.replace(responses.GET, url, status=500)
        settings.TMDB_PROVIDERS_CACHE_SECONDS = 0
        cache.clear()
        api.call(owner_client, "GET", path, 502, params=target, query={"region": "FR"})
        tmdb.replace(responses.GET, url, body=requests.ReadTimeout())
        api.call(owner_client, "GET", path, 504, params=target)
        settings.TMDB_API_KEY = ""
        api.call(owner_client, "GET", path, 503, params=target)

    return run


def _a_movie_on_tmdb(user) -> tuple[int, int]:
    return make_movie(user, tmdb_id=603).pk, 603


scenario("GET", "/api/v1/movies/{id}/providers/")(
    providers_scenario("movie", "/api/v1/movies/{id}/providers/", _a_movie_on_tmdb)
)


@scenario("GET", "/api/v1/movies/collections/")
def tmdb_collections(api, owner_client, api_client, user, tmdb, settings, **_):
    path = "/api/v1/movies/collections/"
    make_movie(user, tmdb_id=603, tmdb_collection_id=2344, tmdb_collection_checked=True)
    url = f"{TMDB_URL}/collection/2344"
    parts = [{"id": 603, "title": "The Matrix", "release_date": "1999-03-31"},
             {"id": 604, "title": "The Matrix Reloaded", "release_date": ""}]  # fmt: skip
    tmdb.get(url, json={"id": 2344, "name": "The Matrix Collection", "parts": parts})
    listed = api.call(owner_client, "GET", path, 200).json()
    assert listed[0]["owned_count"] == 1 and listed[0]["parts"][1]["release_year"] is None
    api.call(owner_client, "GET", path, 200, query={"incomplete": 1}, slash=False)
    api.call(owner_client, "GET", path, 400, query={"incomplete": "yes"})
    api.call(api_client, "GET", path, 401)
    settings.TMDB_COLLECTION_CACHE_SECONDS = 0
    cache.clear()
    tmdb.replace(responses.GET, url, status=500)
    api.call(owner_client, "GET", path, 502)
    tmdb.replace(responses.GET, url, body=requests.ReadTimeout())
    api.call(owner_client, "GET", path, 504)
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503)
