"""The client over real HTTP, against the fake Google Books on loopback."""

import time

import pytest
import requests

from googlebooks.client import search_volumes, volume, volumes_by_isbn
from googlebooks.errors import (
    GoogleBooksNotFound,
    GoogleBooksRateLimited,
    GoogleBooksRefused,
    GoogleBooksTimeout,
    GoogleBooksUnavailable,
)
from googlebooks.tests.fake_server import VOLUMES, FakeGoogleBooks
from googlebooks.tests.helpers import HOBBIT, SIGNALS
from mycoll.tests.fake_service import running, serving_command


@pytest.fixture
def fake(settings):
    with running(FakeGoogleBooks) as server:
        settings.GOOGLE_BOOKS_API_URL = server.url
        settings.GOOGLE_BOOKS_MAX_RETRIES = 1
        settings.GOOGLE_BOOKS_READ_TIMEOUT = 0.3
        yield server


def test_it_searches_finds_by_isbn_and_shows_a_volume(fake):
    by_words = search_volumes(query="tolkien hobbit")
    by_isbn_10 = volumes_by_isbn(isbn="0306406152")
    hobbit = volume(volume_id=HOBBIT)

    assert [v["id"] for v in by_words["items"]] == [HOBBIT]
    assert [v["id"] for v in by_isbn_10["items"]] == [SIGNALS]
    assert hobbit == VOLUMES[HOBBIT]
    assert search_volumes(query="no such book")["totalItems"] == 0
    with pytest.raises(GoogleBooksNotFound):
        volumes_by_isbn(isbn="9780000000019")
    with pytest.raises(GoogleBooksNotFound):
        volume(volume_id="missingVol01")


def test_like_google_it_refuses_a_request_that_names_no_country(fake):
    answer = requests.get(f"{fake.url}/volumes", params={"q": "dune"}, timeout=5)

    assert answer.status_code == 403
    assert answer.json()["error"]["errors"][0]["reason"] == "unknownLocation"


@pytest.mark.parametrize(
    ("mode", "raised", "hits"),
    [
        ("slow", GoogleBooksTimeout, 1),  # a read timeout is not retried
        ("fail", GoogleBooksUnavailable, 2),
        ("ratelimit", GoogleBooksRateLimited, 2),
        ("quota", GoogleBooksRateLimited, 1),
        ("unknownlocation", GoogleBooksRefused, 1),
        ("malformed", GoogleBooksUnavailable, 1),
    ],
)
def test_each_misbehaviour_raises_its_error_quickly(fake, mode, raised, hits):
    control = requests.post(
        f"{fake.root}/__control__", json={"mode": mode, "delay": 1.0, "retry_after": 0}, timeout=5
    )
    started = time.monotonic()

    with pytest.raises(raised):
        search_volumes(query="dune")

    assert control.json()["mode"] == mode
    assert fake.hits == hits
    assert time.monotonic() - started < 1.0


def test_the_control_endpoint_refuses_an_unknown_mode(fake):
    refused = requests.post(f"{fake.root}/__control__", json={"mode": "on-fire"}, timeout=5)

    assert refused.status_code == 400
    assert requests.get(f"{fake.root}/__control__", timeout=5).json()["mode"] == "normal"


def test_it_runs_as_a_command():
    with serving_command("googlebooks.tests.fake_server") as (port, (banner, hint)):
        answer = requests.get(
            f"http://127.0.0.1:{port}/books/v1/volumes",
            params={"q": "isbn:9780441172719", "country": "US"},
            timeout=5,
        )

    assert f"http://127.0.0.1:{port}/books/v1" in banner
    assert hint == f"GOOGLE_BOOKS_API_URL=http://127.0.0.1:{port}/books/v1 make run"
    assert [v["volumeInfo"]["title"] for v in answer.json()["items"]] == ["Dune"]
