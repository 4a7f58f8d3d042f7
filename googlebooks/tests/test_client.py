"""The Google Books client: what it sends, what it returns, how each failure raises, and its
cache. Google Books is mocked with `responses` (the `upstream` fixture)."""

import logging

import pytest
import requests
from django.core.cache import cache

from googlebooks.client import search_volumes, volume, volumes_by_isbn
from googlebooks.errors import (
    GoogleBooksNotFound,
    GoogleBooksRateLimited,
    GoogleBooksRefused,
    GoogleBooksTimeout,
    GoogleBooksUnavailable,
)
from googlebooks.tests.helpers import (
    API_KEY,
    HOBBIT,
    SIGNALS,
    VOLUMES_URL,
    error,
    volume_url,
    volumes,
)
from googlebooks.tests.helpers import volume as a_volume
from tmdb.tests.helpers import sent_params


def test_it_returns_a_search_as_google_sends_it(upstream):
    answer = volumes(a_volume(HOBBIT), a_volume(SIGNALS, title=None))
    upstream.get(VOLUMES_URL, json=answer)

    assert search_volumes(query=" hobbit ") == answer
    assert sent_params(upstream.calls[0]) == {
        "q": ["hobbit"],
        "maxResults": ["20"],
        "printType": ["books"],
        "country": ["US"],
    }


def test_a_search_without_results_has_no_items(upstream):
    upstream.get(VOLUMES_URL, json={"kind": "books#volumes", "totalItems": 0})

    assert "items" not in search_volumes(query="nothing at all")


def test_it_sends_the_key_and_country_when_set(upstream, settings):
    settings.GOOGLE_BOOKS_API_KEY = API_KEY
    settings.GOOGLE_BOOKS_COUNTRY = "DE"
    upstream.get(volume_url(HOBBIT), json=a_volume(HOBBIT))

    volume(volume_id=HOBBIT)

    assert sent_params(upstream.calls[0]) == {"country": ["DE"], "key": [API_KEY]}


def test_it_finds_volumes_by_isbn_and_says_when_there_are_none(upstream):
    upstream.get(VOLUMES_URL, json=volumes(a_volume(SIGNALS)))
    upstream.get(VOLUMES_URL, json=volumes())

    found = volumes_by_isbn(isbn="9780306406157")
    with pytest.raises(GoogleBooksNotFound):
        volumes_by_isbn(isbn="9780000000019")

    assert [item["id"] for item in found["items"]] == [SIGNALS]
    assert sent_params(upstream.calls[0])["q"] == ["isbn:9780306406157"]


def test_it_quotes_a_volume_id_into_its_path(upstream):
    upstream.get(f"{VOLUMES_URL}/a%2Fb%3Fc", json=a_volume(HOBBIT))

    assert volume(volume_id="a/b?c")["id"] == HOBBIT


@pytest.mark.parametrize(
    ("answer", "raised", "calls"),
    [
        ({"status": 404, "json": error(404, "notFound")}, GoogleBooksNotFound, 1),
        ({"status": 500}, GoogleBooksUnavailable, 2),
        ({"status": 503, "json": error(503, "backendFailed")}, GoogleBooksUnavailable, 2),
        ({"body": requests.ReadTimeout()}, GoogleBooksTimeout, 1),
        ({"body": requests.ConnectTimeout()}, GoogleBooksTimeout, 2),
        ({"body": requests.ConnectionError("refused")}, GoogleBooksUnavailable, 2),
        ({"body": "<html>sorry</html>"}, GoogleBooksUnavailable, 1),
        ({"json": {"id": 7, "volumeInfo": {}}}, GoogleBooksUnavailable, 1),
        ({"json": {"id": HOBBIT}}, GoogleBooksUnavailable, 1),
        ({"status": 429, "json": error(429, "rateLimitExceeded")}, GoogleBooksRateLimited, 2),
        ({"status": 400, "json": error(400, "rateLimitExceeded")}, GoogleBooksRateLimited, 1),
        ({"status": 403, "json": error(403, "dailyLimitExceeded")}, GoogleBooksRateLimited, 1),
        ({"status": 403, "json": error(403, "unknownLocation")}, GoogleBooksRefused, 1),
        ({"status": 400, "json": error(400, "keyInvalid")}, GoogleBooksRefused, 1),
        ({"status": 403, "body": "Forbidden"}, GoogleBooksRefused, 1),
        ({"status": 401, "json": {}}, GoogleBooksUnavailable, 1),
    ],
)
def test_each_failure_raises_one_typed_error(upstream, caplog, answer, raised, calls):
    upstream.get(volume_url(HOBBIT), **answer)

    with pytest.raises(raised) as failure:
        volume(volume_id=HOBBIT)

    assert len(upstream.calls) == calls
    assert failure.value.code.startswith("googlebooks_")
    warned = [
        r for r in caplog.records if r.name == "googlebooks.client" and r.levelname == "WARNING"
    ]
    assert len(warned) == (0 if raised is GoogleBooksNotFound else 1)


def test_a_quota_error_tells_when_to_try_again(upstream):
    upstream.get(VOLUMES_URL, status=400, json=error(400, "rateLimitExceeded"),
                 headers={"Retry-After": "120"})  # fmt: skip

    with pytest.raises(GoogleBooksRateLimited) as limited:
        search_volumes(query="hobbit")

    assert limited.value.retry_after == 120
    assert limited.value.status_code == 503


def test_it_answers_repeated_calls_from_the_cache_and_never_keeps_a_failure(upstream):
    upstream.get(VOLUMES_URL, status=500)
    upstream.get(VOLUMES_URL, status=500)
    upstream.get(VOLUMES_URL, json=volumes())
    upstream.get(VOLUMES_URL, json=volumes(a_volume()))

    with pytest.raises(GoogleBooksUnavailable):
        volumes_by_isbn(isbn="9780306406157")
    with pytest.raises(GoogleBooksNotFound):
        volumes_by_isbn(isbn="9780306406157")
    first = volumes_by_isbn(isbn="9780306406157")
    again = volumes_by_isbn(isbn="9780306406157")

    assert first == again
    assert len(upstream.calls) == 4


def test_the_cache_keys_on_the_country_and_never_holds_the_key(upstream, settings):
    settings.GOOGLE_BOOKS_API_KEY = API_KEY
    upstream.get(VOLUMES_URL, json=volumes(a_volume()))

    search_volumes(query="signals")
    settings.GOOGLE_BOOKS_COUNTRY = "GB"
    search_volumes(query="signals")

    assert len(upstream.calls) == 2
    stored = dict(cache._cache.items())
    assert len(stored) == 2
    assert all(API_KEY not in f"{key}{value!r}" for key, value in stored.items())


def test_a_lookup_is_kept_for_its_own_time(upstream, settings, monkeypatch):
    settings.GOOGLE_BOOKS_LOOKUP_CACHE_SECONDS = 30 * 24 * 60 * 60
    settings.GOOGLE_BOOKS_SEARCH_CACHE_SECONDS = 60
    kept = []
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: kept.append(timeout))
    upstream.get(VOLUMES_URL, json=volumes(a_volume()))

    volumes_by_isbn(isbn="9780306406157")
    search_volumes(query="signals")

    assert kept == [30 * 24 * 60 * 60, 60]


def test_it_hides_the_key_in_its_logs(upstream, settings, caplog):
    settings.GOOGLE_BOOKS_API_KEY = API_KEY
    caplog.set_level(logging.DEBUG)
    upstream.get(
        VOLUMES_URL, body=requests.ConnectionError(f"refused: {VOLUMES_URL}?key={API_KEY}")
    )

    with pytest.raises(GoogleBooksUnavailable) as failure:
        search_volumes(query="signals")

    assert API_KEY not in caplog.text and API_KEY not in str(failure.value)


def test_it_sends_its_own_timeouts(upstream, settings):
    settings.GOOGLE_BOOKS_CONNECT_TIMEOUT, settings.GOOGLE_BOOKS_READ_TIMEOUT = 1.5, 2.5
    upstream.get(volume_url(HOBBIT), status=404, json={})

    with pytest.raises(GoogleBooksNotFound):
        volume(volume_id=HOBBIT)

    assert upstream.calls[0].request.req_kwargs["timeout"] == (1.5, 2.5)
