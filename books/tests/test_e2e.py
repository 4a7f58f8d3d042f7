"""End to end over real HTTP: gunicorn serving MyColl on a fresh SQLite file, with the fake
Google Books and the fake Open Library behind it, through what a new user does. Bounded:
migrations 60 s, start-up 20 s, each request 10 s."""

import time
from collections.abc import Iterator

import pytest
import requests

from googlebooks.tests.fake_server import FakeGoogleBooks
from livetest import Server, migrate, running_gunicorn, server_env
from mycoll.tests.fake_service import FakeService, running
from openlibrary.tests.fake_server import FakeOpenLibrary

pytestmark = pytest.mark.e2e

BOOKS = "/api/v1/books/"


@pytest.fixture(scope="module")
def fakes() -> Iterator[dict[str, FakeService]]:
    with running(FakeGoogleBooks) as google, running(FakeOpenLibrary) as openlibrary:
        yield {"google": google, "openlibrary": openlibrary}


@pytest.fixture(scope="module")
def server(tmp_path_factory, fakes) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("e2e-books")
    env = server_env(
        f"sqlite:///{workdir / 'db.sqlite3'}",
        GOOGLE_BOOKS_API_URL=fakes["google"].url,
        GOOGLE_BOOKS_API_KEY="",
        OPENLIBRARY_URL=fakes["openlibrary"].url,
        OPENLIBRARY_CONTACT="e2e@example.com",
        GOOGLE_BOOKS_MAX_RETRIES="1",
        GOOGLE_BOOKS_READ_TIMEOUT="1",
        GOOGLE_BOOKS_RETRY_BACKOFF_SECONDS="0.05",
        OPENLIBRARY_MAX_RETRIES="1",
        OPENLIBRARY_RETRY_BACKOFF_SECONDS="0.05",
    )
    migrate(env)
    with running_gunicorn(env, workdir / "gunicorn.log") as server:
        yield server


def set_mode(fake: FakeService, mode: str) -> None:
    answer = requests.post(f"{fake.root}/__control__", json={"mode": mode}, timeout=5)
    assert answer.json()["mode"] == mode


def books_of(server: Server, token: str) -> list[dict]:
    listing = server.call("GET", BOOKS, token)
    assert listing.status_code == 200, listing.text
    return listing.json()


def test_a_new_user_adds_books_by_isbn_and_records_their_copies(server, fakes):
    token = server.sign_up("reader")

    added = server.call("POST", BOOKS, token, json={"isbn": "978-0-306-40615-7"})
    again = server.call("POST", BOOKS, token, json={"isbn": "0306406152"})
    fox = server.call("POST", BOOKS, token, json={"isbn": "9780140328721"})
    bad = server.call("POST", BOOKS, token, json={"isbn": "978-0-306-40615-8"})

    assert added.status_code == 201, added.text
    book = added.json()
    assert (book["title"], book["isbn_13"], book["isbn_10"]) == (
        "Signals and Sampling", "9780306406157", "0306406152",
    )  # fmt: skip
    assert again.status_code == 400
    assert again.json()["isbn"] == [
        f'This book is already in your collection: "Signals and Sampling" (book id {book["id"]}).'
    ]
    assert fox.status_code == 201, fox.text
    assert (fox.json()["title"], fox.json()["openlibrary_id"]) == (
        "Fantastic Mr. Fox",
        "OL7353617M",
    )
    assert fox.json()["google_books_id"] == ""
    assert bad.status_code == 400 and list(bad.json()) == ["isbn"]
    assert "MyColl (Open Library client; e2e@example.com)" in fakes["openlibrary"].user_agents

    paperback = {"book": book["id"], "platform": "Shelf", "form": "Paperback", "vod_link": ""}
    ebook = {"book": book["id"], "platform": "Kindle", "form": "ebook", "vod_link": ""}
    copies = [
        server.call("POST", "/api/v1/books/copies/", token, json=c) for c in (paperback, ebook)
    ]
    assert [c.status_code for c in copies] == [201, 201], [c.text for c in copies]

    listed = {b["title"]: b for b in books_of(server, token)}
    assert set(listed) == {"Signals and Sampling", "Fantastic Mr. Fox"}
    assert [(c["platform"], c["form"]) for c in listed["Signals and Sampling"]["copies"]] == [
        ("Shelf", "Paperback"), ("Kindle", "ebook"),
    ]  # fmt: skip
    scanned = server.call(
        "GET", "/api/v1/copies/lookup", token, params={"barcode": "9780306406157"}
    )
    assert [(c["kind"], c["medium"]) for c in scanned.json()] == [
        ("book", "paperback"),
        ("book", "ebook"),
    ]
    found = server.call(
        "GET", "/api/v1/books/search", token, params={"query": "ISBN-10: 0-306-40615-2"}
    )
    details = server.call(
        "GET", "/api/v1/books/search/details", token, params={"query": "OL45883W"}
    )
    assert [r["title"] for r in found.json()] == ["Signals and Sampling"]
    assert details.json()["title"] == "Fantastic Mr. Fox"


def test_open_library_answers_while_google_is_down_and_both_down_is_a_502(server, fakes):
    token = server.sign_up("unlucky")
    set_mode(fakes["google"], "fail")
    try:
        started = time.monotonic()
        search = server.call("GET", "/api/v1/books/search", token, params={"query": "dune"})
        added = server.call("POST", BOOKS, token, json={"isbn": "0-441-17271-7"})
        fallback_seconds = time.monotonic() - started
        set_mode(fakes["openlibrary"], "fail")
        started = time.monotonic()
        refused = server.call("POST", BOOKS, token, json={"isbn": "9780261103344"})
        both_down_seconds = time.monotonic() - started
    finally:
        set_mode(fakes["google"], "normal")
        set_mode(fakes["openlibrary"], "normal")

    assert search.status_code == 200, search.text
    assert [(r["id"], r["title"]) for r in search.json()] == [("OL893415W", "Dune")]
    assert added.status_code == 201, added.text
    assert (added.json()["openlibrary_id"], added.json()["published_date"]) == (
        "OL22654210M",
        "1990-09",
    )
    assert refused.status_code == 502
    assert refused.json()["code"] == "openlibrary_unavailable"
    assert [b["title"] for b in books_of(server, token)] == ["Dune"]
    assert fallback_seconds < 5 and both_down_seconds < 5
    print(f"\nGoogle down, 2 requests: {fallback_seconds:.2f} s; both: {both_down_seconds:.2f} s")


def test_a_slow_google_times_out_to_open_library(server, fakes):
    token = server.sign_up("patient")
    google = fakes["google"]
    requests.post(f"{google.root}/__control__", json={"mode": "slow", "delay": 3}, timeout=5)
    try:
        started = time.monotonic()
        found = server.call("GET", "/api/v1/books/search", token, params={"query": "hobbit"})
        seconds = time.monotonic() - started
    finally:
        set_mode(google, "normal")

    assert found.status_code == 200, found.text
    assert [r["id"] for r in found.json()] == ["OL27482W"]
    assert 1 <= seconds < 3  # Google's read timeout (1 s here), then Open Library
    print(f"\nGoogle slow: {seconds:.2f} s")
