import pytest
import requests
from django.core.cache import cache

from mycoll.outgoing import Policy
from tmdb.client import movie_details, policy, search_movies
from tmdb.errors import (
    TMDbCredentialsRejected,
    TMDbNotConfigured,
    TMDbNotFound,
    TMDbRateLimited,
    TMDbTimeout,
    TMDbUnavailable,
)
from tmdb.tests.helpers import (
    API_KEY,
    READ_TOKEN,
    SEARCH_URL,
    details_payload,
    details_url,
    search_item,
    search_payload,
    sent_params,
)

# --- TMDb's payloads, as TMDb sends them ---------------------------------------------------


def test_it_returns_the_search_payload_as_tmdb_sends_it(tmdb):
    payload = search_payload(search_item(), search_item(id=7, title=None, genre_ids=[18]))
    tmdb.get(SEARCH_URL, json=payload)

    assert search_movies(query="Sphere") == payload


def test_it_sends_the_search_parameters(tmdb):
    tmdb.get(SEARCH_URL, json=search_payload())

    search_movies(query="Sphere", page=3, year=1998)
    search_movies(query="Sphere")

    with_year, without_year = (sent_params(call) for call in tmdb.calls)
    assert with_year == {
        "query": ["Sphere"],
        "page": ["3"],
        "include_adult": ["false"],
        "primary_release_year": ["1998"],
        "api_key": [API_KEY],
    }
    assert "primary_release_year" not in without_year
    assert without_year["page"] == ["1"]


def test_it_returns_the_details_payload_with_its_release_dates(tmdb):
    tmdb.get(details_url(10153), json=details_payload(title=None, vote_average=6.1))

    details = movie_details(tmdb_id=10153)

    assert details == details_payload(title=None, vote_average=6.1)
    assert sent_params(tmdb.calls[0])["append_to_response"] == ["release_dates"]


# --- Authentication ------------------------------------------------------------------------


def test_it_authenticates_with_the_api_key_as_a_parameter(tmdb):
    tmdb.get(SEARCH_URL, json=search_payload())

    search_movies(query="Sphere")

    request = tmdb.calls[0].request
    assert sent_params(tmdb.calls[0])["api_key"] == [API_KEY]
    assert "Authorization" not in request.headers


def test_it_prefers_the_read_access_token_as_a_bearer(tmdb, settings):
    settings.TMDB_READ_ACCESS_TOKEN = READ_TOKEN
    tmdb.get(SEARCH_URL, json=search_payload())

    search_movies(query="Sphere")

    request = tmdb.calls[0].request
    assert request.headers["Authorization"] == f"Bearer {READ_TOKEN}"
    assert "api_key" not in sent_params(tmdb.calls[0])
    assert API_KEY not in request.url


def test_it_refuses_to_call_tmdb_without_credentials(tmdb, settings):
    settings.TMDB_API_KEY = ""
    settings.TMDB_READ_ACCESS_TOKEN = "  "

    with pytest.raises(TMDbNotConfigured) as raised:
        search_movies(query="Sphere")

    assert "TMDB_READ_ACCESS_TOKEN" in str(raised.value)
    assert "TMDB_API_KEY" in str(raised.value)
    assert len(tmdb.calls) == 0


# --- Failures ------------------------------------------------------------------------------


def test_it_raises_not_found_for_an_unknown_movie(tmdb):
    tmdb.get(details_url(99), status=404, json={"status_code": 34})

    with pytest.raises(TMDbNotFound):
        movie_details(tmdb_id=99)
    assert len(tmdb.calls) == 1


def test_it_treats_a_404_from_search_as_tmdb_misbehaving(tmdb):
    tmdb.get(SEARCH_URL, status=404, json={"status_code": 34})

    with pytest.raises(TMDbUnavailable):
        search_movies(query="Sphere")


@pytest.mark.parametrize(
    "payload",
    [
        {"results": {"id": 1}},
        {"page": 1},
        [search_item()],
        {"results": ["Sphere"]},
        {"results": [search_item(id="10153")]},
        {"results": [search_item(id=None)]},
    ],
)
def test_it_refuses_a_wrong_shaped_search_answer(tmdb, payload):
    tmdb.get(SEARCH_URL, json=payload)

    with pytest.raises(TMDbUnavailable):
        search_movies(query="Sphere")


@pytest.mark.parametrize(
    "payload",
    [details_payload(id=None), details_payload(id="10153"), [details_payload()], "Sphere"],
)
def test_it_refuses_a_wrong_shaped_details_answer(tmdb, payload):
    tmdb.get(details_url(10153), json=payload)

    with pytest.raises(TMDbUnavailable):
        movie_details(tmdb_id=10153)


def test_it_refuses_an_answer_that_is_not_json(tmdb):
    tmdb.get(SEARCH_URL, body="<html>Bad gateway</html>", content_type="text/html")

    with pytest.raises(TMDbUnavailable):
        search_movies(query="Sphere")


def test_it_reports_rejected_credentials_without_retrying(tmdb):
    tmdb.get(SEARCH_URL, status=401, json={"status_code": 7})

    with pytest.raises(TMDbCredentialsRejected):
        search_movies(query="Sphere")
    assert len(tmdb.calls) == 1


def test_it_does_not_call_tmdb_for_a_non_positive_id(tmdb):
    with pytest.raises(TMDbNotFound):
        movie_details(tmdb_id=0)
    assert len(tmdb.calls) == 0


# --- Transport failures: mycoll.outgoing, with TMDb's settings and errors ------------------


@pytest.mark.parametrize(
    ("answer", "error", "calls"),
    [
        pytest.param({"status": 503}, TMDbUnavailable, 3, id="503"),
        pytest.param({"body": requests.ConnectionError()}, TMDbUnavailable, 3, id="refused"),
        pytest.param({"body": requests.ConnectTimeout()}, TMDbTimeout, 3, id="conn-timeout"),
        pytest.param({"body": requests.ReadTimeout()}, TMDbTimeout, 1, id="read-timeout"),
        pytest.param({"status": 429}, TMDbRateLimited, 3, id="429"),
    ],
)
def test_it_raises_tmdbs_own_error_for_each_transport_failure(tmdb, answer, error, calls):
    tmdb.get(SEARCH_URL, **answer)

    with pytest.raises(error) as raised:
        search_movies(query="Sphere")

    assert len(tmdb.calls) == calls  # the first attempt and TMDB_MAX_RETRIES = 2 retries
    assert raised.value.code.startswith("tmdb_")


def test_it_retries_as_many_times_as_configured(tmdb, settings):
    settings.TMDB_MAX_RETRIES = 0
    tmdb.get(SEARCH_URL, status=503)

    with pytest.raises(TMDbUnavailable):
        search_movies(query="Sphere")
    assert len(tmdb.calls) == 1


def test_it_succeeds_when_a_retry_does(tmdb):
    tmdb.get(SEARCH_URL, status=503)
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    payload = search_movies(query="Sphere")

    assert [movie["title"] for movie in payload["results"]] == ["Sphere"]
    assert len(tmdb.calls) == 2


def test_it_gives_up_at_once_when_retry_after_is_past_the_total_bound(tmdb, settings):
    settings.TMDB_RETRY_TOTAL_SECONDS = 5
    tmdb.get(SEARCH_URL, status=429, headers={"Retry-After": "30"})

    with pytest.raises(TMDbRateLimited) as raised:
        search_movies(query="Sphere")

    assert len(tmdb.calls) == 1
    assert raised.value.retry_after == 30
    assert str(raised.value) == "TMDb is limiting this server's requests; try again in 30 s."


def test_it_gives_up_when_the_backoff_would_pass_the_total_bound(tmdb, settings):
    settings.TMDB_RETRY_TOTAL_SECONDS = 0.5
    settings.TMDB_RETRY_BACKOFF_SECONDS = 0.3  # 0.3 s, then 0.6 s: past the bound
    tmdb.get(SEARCH_URL, status=503)

    with pytest.raises(TMDbUnavailable):
        search_movies(query="Sphere")

    assert len(tmdb.calls) == 2


def test_it_takes_its_policy_from_the_tmdb_settings(settings):
    settings.TMDB_CONNECT_TIMEOUT, settings.TMDB_READ_TIMEOUT = 1.5, 2.5
    settings.TMDB_MAX_RETRIES, settings.TMDB_RETRY_TOTAL_SECONDS = 4, 9.0
    settings.TMDB_RETRY_BACKOFF_SECONDS = 0.25

    assert policy() == Policy(
        connect_timeout=1.5,
        read_timeout=2.5,
        max_retries=4,
        total_seconds=9.0,
        backoff_seconds=0.25,
    )


def test_it_sends_the_tmdb_timeouts(tmdb):
    tmdb.get(SEARCH_URL, json=search_payload())

    search_movies(query="Sphere")

    assert tmdb.calls[0].request.req_kwargs["timeout"] == (1.0, 2.0)


# --- Cache ---------------------------------------------------------------------------------


def test_it_answers_a_repeated_search_from_the_cache(tmdb):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    first = search_movies(query="Sphere", page=1, year=1998)
    again = search_movies(query=" Sphere ", page=1, year=1998)

    assert again == first
    assert len(tmdb.calls) == 1


@pytest.mark.parametrize(
    "other",
    [
        {"query": "Sphere ", "page": 2, "year": 1998},
        {"query": "Sphere", "page": 1, "year": 1999},
        {"query": "Sphere", "page": 1, "year": None},
        {"query": "sphere", "page": 1, "year": 1998},
    ],
)
def test_it_asks_tmdb_again_for_different_parameters(tmdb, other):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    search_movies(query="Sphere", page=1, year=1998)
    search_movies(**other)

    assert len(tmdb.calls) == 2


def test_it_caches_details_per_movie(tmdb):
    tmdb.get(details_url(10153), json=details_payload())
    tmdb.get(details_url(603), json=details_payload(id=603, title="The Matrix"))

    movie_details(tmdb_id=10153)
    movie_details(tmdb_id=10153)
    matrix = movie_details(tmdb_id=603)

    assert matrix["title"] == "The Matrix"
    assert len(tmdb.calls) == 2


def test_it_does_not_cache_failures(tmdb, settings):
    settings.TMDB_MAX_RETRIES = 0
    tmdb.get(details_url(10153), status=404, json={"status_code": 34})
    tmdb.get(details_url(10153), status=503)
    tmdb.get(details_url(10153), json=details_payload())

    with pytest.raises(TMDbNotFound):
        movie_details(tmdb_id=10153)
    with pytest.raises(TMDbUnavailable):
        movie_details(tmdb_id=10153)
    details = movie_details(tmdb_id=10153)

    assert details["title"] == "Sphere"
    assert len(tmdb.calls) == 3


def test_it_keeps_the_credential_out_of_the_cache(tmdb):
    tmdb.get(SEARCH_URL, json=search_payload(search_item()))

    search_movies(query="Sphere")

    stored = {key: value for key, value in cache._cache.items()}
    assert len(stored) == 1
    assert all(API_KEY not in f"{key}{value!r}" for key, value in stored.items())
