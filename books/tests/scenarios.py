"""The books' operations, as the OpenAPI conformance tests run them (mycoll/tests/test_openapi).
Google Books and Open Library are mocked on the `tmdb` fixture (any `responses` mock)."""

from typing import Any

import requests
import responses

from books.tests.factories import make_book, make_book_copy
from books.tests.mocks import (
    FOX_ISBN,
    HOBBIT_ISBN,
    SIGNALS_ISBN,
    UNKNOWN_ISBNS,
    both_by_isbn,
    google_by_isbn,
    openlibrary_by_isbn,
)
from googlebooks.tests.helpers import HOBBIT, VOLUMES_URL, volume, volume_url, volumes
from mycoll.tests.conformance import Scenario, detail_scenario, scenario
from openlibrary.tests.helpers import (
    BOOKS_URL,
    FOX,
    FOX_WORK,
    SEARCH_URL,
    books_answer,
    edition,
    editions_url,
    search_answer,
)

BOOK = {
    "title": "Signals and Sampling",
    "subtitle": "A First Course",
    "authors": ["Ada K. Moreau"],
    "publisher": "Plenum Press",
    "published_date": "1974",
    "page_count": 312,
    "language": "en",
    "categories": ["Mathematics"],
    "isbn_13": "978-0-306-40615-7",
    "image_link": "https://books.google.com/books?id=Xq4xAQAAMAAJ&img=1",
}
COPY = {"platform": "Kindle", "form": "Kindle", "vod_link": "https://read.amazon.com/x"}
# Both services failing alike, for each status a lookup can answer with.
FAILING = {
    502: {"status": 500},
    503: {"status": 429, "headers": {"Retry-After": "0"}},
    504: {"body": requests.ReadTimeout()},
}


def both_fail(mock: responses.RequestsMock, isbn: str, status: int) -> None:
    both_by_isbn(mock, isbn, FAILING[status], FAILING[status])


@scenario("GET", "/api/v1/books/")
def book_list(api, owner_client, api_client, user, **_):
    make_book_copy(make_book(user, title="Dune", isbn_13="9780441172719"), form="Paperback")
    make_book(user, title="The Hobbit", isbn_13=HOBBIT_ISBN, published_date="1991-07-15")
    path = "/api/v1/books/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [b["title"] for b in everything.json()] == ["Dune", "The Hobbit"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1}, slash=False)
    assert page.json()["count"] == 2 and page.json()["next"]
    api.call(owner_client, "GET", path, 200, query={"offset": 1, "ordering": "-published_year"})
    filters = {"search": "dun", "form": "paperback", "platform": "shelf", "language": ""}
    assert len(api.call(owner_client, "GET", path, 200, query=filters).json()) == 1
    api.call(owner_client, "GET", path, 200, query={"published_year": 1991})
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"ordering": "isbn_13"})
    api.call(owner_client, "GET", path, 400, query={"published_year": "soon"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/books/")
def book_create(api, owner_client, api_client, tmdb, **_):
    path = "/api/v1/books/"
    api.call(owner_client, "POST", path, 201, body=BOOK)
    minimal = api.call(owner_client, "POST", path, 201, body={"title": "Notes"}, slash=False)
    assert minimal.json()["isbn_13"] == "" and minimal.json()["copies"] == []
    google_by_isbn(tmdb, HOBBIT_ISBN, json=volumes(volume(HOBBIT)))
    added = api.call(owner_client, "POST", path, 201, body={"isbn": "0-261-10334-2"})
    assert added.json()["title"] == "The Hobbit"
    openlibrary_by_isbn(tmdb, FOX_ISBN, json=books_answer(f"ISBN:{FOX_ISBN}", edition()))
    google_by_isbn(tmdb, FOX_ISBN, json=volumes())
    fox = api.call(owner_client, "POST", path, 201, body={"isbn": FOX_ISBN, "language": "en"})
    assert fox.json()["openlibrary_id"] == FOX and fox.json()["language"] == "en"
    api.call(owner_client, "POST", path, 400, body={"isbn": HOBBIT_ISBN})  # already there
    api.call(owner_client, "POST", path, 400, body={"isbn": "978-0-306-40615-8"})
    api.call(owner_client, "POST", path, 400, body={**BOOK, "page_count": 0})
    api.call(owner_client, "POST", path, 400, body=[BOOK])
    unknown, *failing = UNKNOWN_ISBNS[:4]
    both_by_isbn(tmdb, unknown, {"json": volumes()}, {"json": {}})
    api.call(owner_client, "POST", path, 404, body={"isbn": unknown})
    for isbn, status in zip(failing, FAILING, strict=True):
        both_fail(tmdb, isbn, status)
        api.call(owner_client, "POST", path, status, body={"isbn": isbn})
    api.call(api_client, "POST", path, 401, body=BOOK)


def book_detail(method: str, expect: int, body: Any = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        book = make_book(user)
        make_book_copy(book, **COPY)
        return book.pk, {}

    spoil = {"published_date": "1974-13"}
    return detail_scenario("/api/v1/books/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/books/{id}/")(book_detail("GET", 200))
scenario("PUT", "/api/v1/books/{id}/")(book_detail("PUT", 200, {**BOOK, "title": "Signals"}))
scenario("PATCH", "/api/v1/books/{id}/")(book_detail("PATCH", 200, {"page_count": None}))
scenario("DELETE", "/api/v1/books/{id}/")(book_detail("DELETE", 204))


@scenario("GET", "/api/v1/books/copies/")
def book_copy_list(api, owner_client, api_client, user, **_):
    dune = make_book(user, title="Dune", isbn_13="9780441172719")
    make_book_copy(dune, form="Paperback")
    make_book_copy(make_book(user, title="Alice", isbn_13=""), **COPY)
    path = "/api/v1/books/copies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [c["form"] for c in everything.json()] == ["Kindle", "Paperback"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["previous"] is not None
    filters = {"book": dune.pk, "form": "paperback", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"book": "dune"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/books/copies/")
def book_copy_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/books/copies/"
    book = make_book(user)
    created = api.call(owner_client, "POST", path, 201, body={"book": book.pk, **COPY})
    assert created.json()["book"] == book.pk
    shelf = {"book": book.pk, "platform": "Shelf", "form": "Paperback"}
    api.call(owner_client, "POST", path, 201, body=shelf, slash=False)
    api.call(owner_client, "POST", path, 400, body={**shelf, "book": make_book(other_user).pk})
    api.call(owner_client, "POST", path, 400, body={**shelf, "form": ""})
    api.call(api_client, "POST", path, 401, body=shelf)


def book_copy_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        book = make_book(user)
        return make_book_copy(book).pk, {"book": book.pk}

    spoil = {"platform": ""}
    return detail_scenario("/api/v1/books/copies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/books/copies/{id}/")(book_copy_detail("GET", 200))
scenario("PUT", "/api/v1/books/copies/{id}/")(book_copy_detail("PUT", 200, COPY))
scenario("PATCH", "/api/v1/books/copies/{id}/")(book_copy_detail("PATCH", 200, {"form": "ebook"}))
scenario("DELETE", "/api/v1/books/copies/{id}/")(book_copy_detail("DELETE", 204))


@scenario("GET", "/api/v1/books/search/")
def book_search(api, owner_client, api_client, tmdb, **_):
    path = "/api/v1/books/search/"
    tmdb.get(VOLUMES_URL, match=[_q("hobbit")], json=volumes(volume(HOBBIT)))
    found = api.call(owner_client, "GET", path, 200, query={"query": "hobbit"}).json()
    assert [r["id"] for r in found] == [HOBBIT]
    both_by_isbn(
        tmdb, FOX_ISBN, {"status": 503}, {"json": books_answer(f"ISBN:{FOX_ISBN}", edition())}
    )
    by_isbn = api.call(owner_client, "GET", path, 200, query={"query": "ISBN-10: 0-14-032872-6"})
    assert [r["id"] for r in by_isbn.json()] == [FOX]
    tmdb.get(VOLUMES_URL, match=[_q("fox")], json=volumes())
    tmdb.get(SEARCH_URL, match=[_q("fox", "q")], json=search_answer("fox"))
    api.call(owner_client, "GET", path, 200, query={"query": "fox"}, slash=False)
    api.call(owner_client, "GET", path, 400)
    api.call(owner_client, "GET", path, 400, query={"query": "x" * 201})
    api.call(api_client, "GET", path, 401, query={"query": "hobbit"})
    for words, status in zip(("down", "limited", "slow"), FAILING, strict=True):
        tmdb.get(VOLUMES_URL, match=[_q(words)], **FAILING[status])
        tmdb.get(SEARCH_URL, match=[_q(words, "q")], **FAILING[status])
        api.call(owner_client, "GET", path, status, query={"query": words})


def _q(words: str, name: str = "q") -> Any:
    return responses.matchers.query_param_matcher({name: words}, strict_match=False)


@scenario("GET", "/api/v1/books/search/details/")
def book_details(api, owner_client, api_client, tmdb, **_):
    path = "/api/v1/books/search/details/"
    google_by_isbn(tmdb, SIGNALS_ISBN, json=volumes(volume()))
    signals = api.call(owner_client, "GET", path, 200, query={"query": "0-306-40615-2"}).json()
    assert signals["isbn_13"] == SIGNALS_ISBN and signals["isbn_10"] == "0306406152"
    # What the details answer is a valid add, as they say.
    api.call(owner_client, "POST", "/api/v1/books/", 201, body=signals)
    tmdb.get(volume_url(HOBBIT), json=volume(HOBBIT))
    api.call(owner_client, "GET", path, 200, query={"query": HOBBIT}, slash=False)
    tmdb.get(editions_url(FOX_WORK), json={"entries": [{"key": f"/books/{FOX}"}]})
    tmdb.get(BOOKS_URL, json=books_answer(f"OLID:{FOX}", edition()))
    fox = api.call(owner_client, "GET", path, 200, query={"query": FOX_WORK}).json()
    assert fox["title"] == "Fantastic Mr. Fox"
    api.call(owner_client, "GET", path, 400, query={"query": "978-0-306-40615-8"})
    api.call(owner_client, "GET", path, 400, query={"query": "not an id!"})
    api.call(api_client, "GET", path, 401, query={"query": HOBBIT})
    tmdb.get(volume_url("missingVol01"), status=404, json={"error": {"code": 404}})
    api.call(owner_client, "GET", path, 404, query={"query": "missingVol01"})
    tmdb.get(volume_url("brokenVol001"), status=500)
    api.call(owner_client, "GET", path, 502, query={"query": "brokenVol001"})
    both_fail(tmdb, UNKNOWN_ISBNS[4], 503)
    api.call(owner_client, "GET", path, 503, query={"query": UNKNOWN_ISBNS[4]})
    tmdb.get(editions_url("OL1W"), body=requests.ConnectTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": "OL1W"})
