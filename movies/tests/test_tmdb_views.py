"""The TMDb proxies: search and details, in MyColl's shapes, and how each TMDb failure answers."""

import logging

import pytest
import requests

from tmdb.tests.helpers import (
    API_KEY,
    SEARCH_URL,
    SPHERE_DETAILS,
    details_payload,
    details_url,
    search_item,
    search_payload,
    sent_params,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]

SEARCH = "/api/v1/movies/search"
DETAILS = "/api/v1/movies/search/details"


@pytest.mark.parametrize("path", [SEARCH, f"{SEARCH}/"])
def test_it_searches_tmdb(owner_client, tmdb, path):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    response = owner_client.get(path, {"query": "Sphere", "page": 2, "year": 1998})

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": 10153,
            "title": "Sphere",
            "original_title": "Sphere",
            "overview": "Scientists and a spacecraft on the ocean floor.",
            "release_year": "1998",
            "poster_path": "https://image.tmdb.test/t/p/w500/sphere.jpg",
        }
    ]
    sent = sent_params(tmdb.calls[0])
    assert (sent["page"], sent["primary_release_year"]) == (["2"], ["1998"])


@pytest.mark.parametrize(
    "query",
    [
        "Tom & Jerry",
        "C# #1",
        "100% Wolf",
        "\"Quoted\" and 'single'",
        "a+b=c?d/e",
        "Amélie",
        "七人の侍",
        "Кин-дза-дза!",
        "%20 is not a space",
        "x" * 200,
    ],
)
def test_it_passes_any_search_text_to_tmdb_intact(owner_client, tmdb, query):
    tmdb.get(SEARCH_URL, json=search_payload())

    response = owner_client.get(SEARCH, {"query": query})

    assert response.status_code == 200
    assert response.json() == []
    assert sent_params(tmdb.calls[0])["query"] == [query]


def test_it_strips_the_search_text(owner_client, tmdb):
    tmdb.get(SEARCH_URL, json=search_payload())

    owner_client.get(SEARCH, {"query": "  The Matrix \t"})

    assert sent_params(tmdb.calls[0])["query"] == ["The Matrix"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "query"),
        ({"query": ""}, "query"),
        ({"query": "   "}, "query"),
        ({"query": "x" * 201}, "query"),
        ({"query": "nul\x00byte"}, "query"),
        ({"query": "Sphere", "page": "0"}, "page"),
        ({"query": "Sphere", "page": "501"}, "page"),
        ({"query": "Sphere", "page": "two"}, "page"),
        ({"query": "Sphere", "year": "1869"}, "year"),
        ({"query": "Sphere", "year": "2101"}, "year"),
        ({"query": "Sphere", "year": "nineteen"}, "year"),
    ],
)
def test_it_refuses_bad_search_parameters(owner_client, tmdb, params, field):
    response = owner_client.get(SEARCH, params)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize("path", [DETAILS, f"{DETAILS}/"])
def test_it_shows_a_movie_from_tmdb(owner_client, tmdb, path):
    tmdb.get(details_url(10153), json=details_payload())

    response = owner_client.get(path, {"query": "10153"})

    assert response.status_code == 200
    assert response.json() == SPHERE_DETAILS


@pytest.mark.parametrize("tmdb_id", [None, "", "abc", "0", "-5", "1e3", "12abc", str(2**31)])
def test_it_refuses_a_bad_tmdb_id(owner_client, tmdb, tmdb_id):
    params = {} if tmdb_id is None else {"query": tmdb_id}

    response = owner_client.get(DETAILS, params)

    assert response.status_code == 400
    assert list(response.json()) == ["query"]
    assert len(tmdb.calls) == 0


def test_it_answers_404_for_a_movie_tmdb_does_not_know(owner_client, tmdb):
    tmdb.get(details_url(999999), status=404, json={"status_code": 34})

    response = owner_client.get(DETAILS, {"query": "999999"})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "tmdb_not_found"


@pytest.mark.parametrize("path", [SEARCH, DETAILS])
def test_it_refuses_anonymous_requests(api_client, tmdb, path):
    response = api_client.get(path, {"query": "1"})

    assert response.status_code == 401
    assert len(tmdb.calls) == 0


def test_it_answers_a_repeated_search_from_the_cache(owner_client, other_client, tmdb):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    first = owner_client.get(SEARCH, {"query": "Sphere"})
    again = other_client.get(f"{SEARCH}/", {"query": "Sphere"})
    other = owner_client.get(SEARCH, {"query": "Sphere", "page": 2})

    assert first.json() == again.json() == other.json()
    assert len(tmdb.calls) == 2


def test_it_shapes_a_cached_answer_with_the_current_image_base_url(owner_client, tmdb, settings):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    before = owner_client.get(SEARCH, {"query": "Sphere"})
    settings.TMDB_IMAGE_BASE_URL = "https://images.example/t/p/w342"
    after = owner_client.get(SEARCH, {"query": "Sphere"})

    assert before.json()[0]["poster_path"] == "https://image.tmdb.test/t/p/w500/sphere.jpg"
    assert after.json()[0]["poster_path"] == "https://images.example/t/p/w342/sphere.jpg"
    assert len(tmdb.calls) == 1


# --- Failures: one row per way TMDb can fail -----------------------------------------------

FAULTS = [
    pytest.param({"body": requests.ReadTimeout()}, 504, "tmdb_timeout", 1, id="read-timeout"),
    pytest.param({"body": requests.ConnectTimeout()}, 504, "tmdb_timeout", 3, id="conn-timeout"),
    pytest.param(
        # requests puts the URL, key included, in its messages: it must go no further.
        {"body": requests.ConnectionError(f"Refused: {SEARCH_URL}?api_key={API_KEY}")},
        502,
        "tmdb_unavailable",
        3,
        id="connection-refused",
    ),
    pytest.param({"status": 500}, 502, "tmdb_unavailable", 3, id="500"),
    pytest.param({"status": 503}, 502, "tmdb_unavailable", 3, id="503"),
    pytest.param({"body": "<html>oops</html>"}, 502, "tmdb_unavailable", 1, id="not-json"),
    pytest.param({"json": {"results": "none"}}, 502, "tmdb_unavailable", 1, id="wrong-shape"),
    pytest.param({"status": 400, "json": {}}, 502, "tmdb_unavailable", 1, id="400"),
    pytest.param(
        {"status": 401, "json": {"status_message": f"Invalid API key {API_KEY}"}},
        502,
        "tmdb_credentials_rejected",
        1,
        id="401",
    ),
    pytest.param(
        {"status": 429, "headers": {"Retry-After": "0"}}, 503, "tmdb_rate_limited", 3, id="429"
    ),
]


@pytest.mark.parametrize(("answer", "status", "code", "calls"), FAULTS)
def test_it_maps_each_tmdb_failure_to_one_answer(
    owner_client, tmdb, caplog, answer, status, code, calls
):
    caplog.set_level(logging.DEBUG)
    tmdb.get(SEARCH_URL, **answer)

    response = owner_client.get(SEARCH, {"query": "Sphere"})

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert len(tmdb.calls) == calls
    assert API_KEY not in response.content.decode()
    assert API_KEY not in caplog.text
    warnings = [r for r in caplog.records if r.name == "tmdb.client" and r.levelname == "WARNING"]
    assert len(warnings) == 1


def test_it_says_when_the_servers_credentials_are_rejected(owner_client, tmdb):
    tmdb.get(details_url(10153), status=401, json={"status_code": 7})

    response = owner_client.get(DETAILS, {"query": "10153"})

    assert response.status_code == 502
    assert "rejected this server's TMDb credentials" in response.json()["detail"]


def test_it_passes_retry_after_on_when_rate_limited(owner_client, tmdb):
    tmdb.get(SEARCH_URL, status=429, headers={"Retry-After": "40"})

    response = owner_client.get(SEARCH, {"query": "Sphere"})

    assert response.status_code == 503
    assert response["Retry-After"] == "40"
    assert "40" in response.json()["detail"]
    assert len(tmdb.calls) == 1  # 40 s is past TMDB_RETRY_TOTAL_SECONDS: no waiting


def test_it_names_the_settings_to_set_when_tmdb_is_not_configured(owner_client, tmdb, settings):
    settings.TMDB_API_KEY = ""
    settings.TMDB_READ_ACCESS_TOKEN = ""

    response = owner_client.get(DETAILS, {"query": "10153"})

    assert response.status_code == 503
    assert response.json()["code"] == "tmdb_not_configured"
    assert "TMDB_READ_ACCESS_TOKEN" in response.json()["detail"]
    assert "TMDB_API_KEY" in response.json()["detail"]
    assert len(tmdb.calls) == 0


def test_it_succeeds_when_tmdb_recovers_on_a_retry(owner_client, tmdb):
    tmdb.get(details_url(10153), status=503)
    tmdb.get(details_url(10153), json=details_payload())

    response = owner_client.get(DETAILS, {"query": "10153"})

    assert response.status_code == 200
    assert response.json()["title"] == "Sphere"
    assert len(tmdb.calls) == 2


def test_it_answers_502_for_a_movie_tmdb_gives_no_title(owner_client, tmdb):
    tmdb.get(details_url(10153), json=details_payload(title=" "))

    response = owner_client.get(DETAILS, {"query": "10153"})

    assert response.status_code == 502
    assert response.json()["code"] == "tmdb_unavailable"
