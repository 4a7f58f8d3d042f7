"""Adding a book in one call: POST books/ with only an ISBN."""

import logging

import pytest
import requests

from books.models import Book
from books.tests.factories import make_book
from books.tests.mocks import (
    FOX_ISBN,
    HOBBIT_ISBN,
    SIGNALS_ISBN,
    UNKNOWN_ISBNS,
    both_by_isbn,
    google_by_isbn,
    openlibrary_by_isbn,
)
from googlebooks.tests.helpers import HOBBIT, JARDIN, error, volume, volumes
from openlibrary.tests.helpers import books_answer, edition

pytestmark = pytest.mark.django_db

PATH = "/api/v1/books/"
FOX_RECORD = books_answer(f"ISBN:{FOX_ISBN}", edition())


def add(client, isbn, **fields):
    return client.post(PATH, {"isbn": isbn, **fields}, format="json")


def test_it_adds_a_book_from_its_isbn_alone_from_google_books(owner_client, user, upstream):
    google_by_isbn(upstream, SIGNALS_ISBN, json=volumes(volume()))

    response = add(owner_client, "978-0-306-40615-7")

    assert response.status_code == 201, response.content
    body = response.json()
    assert {k: body[k] for k in ("title", "subtitle", "authors", "publisher")} == {
        "title": "Signals and Sampling",
        "subtitle": "A First Course",
        "authors": ["Ada K. Moreau"],
        "publisher": "Plenum Press",
    }
    assert (body["published_date"], body["published_year"], body["page_count"]) == (
        "1974",
        1974,
        312,
    )
    assert (body["isbn_13"], body["isbn_10"]) == (SIGNALS_ISBN, "0306406152")
    assert body["google_books_id"] == "Xq4xAQAAMAAJ" and body["openlibrary_id"] == ""
    assert body["image_link"].startswith("https://books.google.com/")
    assert body["copies"] == []
    assert Book.objects.get().owner == user
    assert len(upstream.calls) == 1


@pytest.mark.parametrize("isbn", ["0306406152", "ISBN-10: 0-306-40615-2", "978 0 306 40615 7"])
def test_the_same_book_in_either_form_is_a_400_naming_it_before_any_service(
    owner_client, user, upstream, isbn
):
    existing = make_book(user, title="Signals and Sampling", isbn_13=SIGNALS_ISBN)

    response = add(owner_client, isbn)

    assert response.status_code == 400
    assert response.json() == {
        "isbn": [
            'This book is already in your collection: "Signals and Sampling" '
            f"(book id {existing.pk})."
        ]
    }
    assert len(upstream.calls) == 0
    assert Book.objects.count() == 1


@pytest.mark.parametrize(
    "isbn",
    [
        "978-0-306-40615-8",
        "0306406153",
        "97803064061",
        "ISBN 12345",
        "978030640615X",
        306406152,  # an ISBN-10 sent as a number has lost its leading 0
        True,
    ],
)
def test_a_bad_isbn_is_a_400_naming_isbn_before_any_service(owner_client, upstream, isbn):
    response = add(owner_client, isbn)

    assert response.status_code == 400
    assert list(response.json()) == ["isbn"]
    assert len(upstream.calls) == 0
    assert not Book.objects.exists()


def test_a_book_only_open_library_knows_is_added_from_it(owner_client, upstream):
    both_by_isbn(upstream, FOX_ISBN, {"json": volumes()}, {"json": FOX_RECORD})

    response = add(owner_client, "0-14-032872-6")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Fantastic Mr. Fox" and body["authors"] == ["Roald Dahl"]
    assert (body["published_date"], body["publisher"]) == ("1988-10-01", "Puffin")
    assert body["openlibrary_id"] == "OL7353617M" and body["google_books_id"] == ""
    assert body["image_link"] == "https://covers.openlibrary.org/b/id/8739161-L.jpg"
    assert (body["isbn_13"], body["isbn_10"]) == (FOX_ISBN, "0140328726")


def test_it_asks_open_library_by_both_forms_of_a_978_isbn(owner_client, upstream):
    both_by_isbn(upstream, FOX_ISBN, {"json": volumes()},
                 {"json": books_answer("ISBN:0140328726", edition())})  # fmt: skip

    response = add(owner_client, FOX_ISBN)

    assert response.status_code == 201
    assert "bibkeys=ISBN%3A9780140328721%2CISBN%3A0140328726" in upstream.calls[1].request.url


def test_a_979_isbn_has_no_isbn_10(owner_client, upstream):
    google_by_isbn(upstream, "9791090636071", json=volumes(volume(JARDIN)))

    body = add(owner_client, "979-10-90636-07-1").json()

    assert (body["isbn_13"], body["isbn_10"], body["language"]) == ("9791090636071", "", "fr")


def test_a_valid_isbn_neither_service_knows_is_a_404_saying_so(owner_client, upstream):
    unknown = UNKNOWN_ISBNS[0]
    both_by_isbn(upstream, unknown, {"json": volumes()}, {"json": {}})

    response = add(owner_client, unknown)

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"Neither Google Books nor Open Library knows ISBN {unknown}.",
        "code": "book_not_found",
    }
    assert not Book.objects.exists()


def test_the_callers_fields_win_over_the_services(owner_client, upstream):
    google_by_isbn(upstream, HOBBIT_ISBN, json=volumes(volume(HOBBIT)))

    response = add(owner_client, HOBBIT_ISBN, title="The Hobbit (annotated)", page_count="400")

    assert response.status_code == 201
    assert response.json()["title"] == "The Hobbit (annotated)"
    assert response.json()["page_count"] == 400
    assert response.json()["publisher"] == "HarperCollins UK"


def test_a_callers_bad_field_is_a_400_and_stores_nothing(owner_client, upstream):
    google_by_isbn(upstream, HOBBIT_ISBN, json=volumes(volume(HOBBIT)))

    response = add(owner_client, HOBBIT_ISBN, page_count=0)

    assert response.status_code == 400 and list(response.json()) == ["page_count"]
    assert not Book.objects.exists()


# --- Google fails or refuses: Open Library answers ---------------------------------------

GOOGLE_FAULTS = [
    pytest.param({"status": 500}, id="500"),
    pytest.param({"status": 503, "json": error(503, "backendFailed")}, id="503"),
    pytest.param({"body": requests.ReadTimeout()}, id="timeout"),
    pytest.param({"body": requests.ConnectionError("refused")}, id="connection-refused"),
    pytest.param({"body": "<html>not json</html>"}, id="not-json"),
    pytest.param({"json": {"items": "none"}}, id="bad-answer"),
    pytest.param({"json": volumes(volume(title=None))}, id="no-title"),
    pytest.param({"status": 429, "json": error(429, "rateLimitExceeded")}, id="429"),
    pytest.param({"status": 403, "json": error(403, "unknownLocation")}, id="403-location"),
    pytest.param({"status": 400, "json": error(400, "rateLimitExceeded")}, id="400-quota"),
    pytest.param({"status": 403, "json": error(403, "dailyLimitExceeded")}, id="403-quota"),
    pytest.param({"status": 400, "json": error(400, "keyInvalid")}, id="400-key"),
]


@pytest.mark.parametrize("fault", GOOGLE_FAULTS)
def test_open_library_answers_when_google_fails_or_refuses(owner_client, upstream, caplog, fault):
    both_by_isbn(upstream, FOX_ISBN, fault, {"json": FOX_RECORD})

    response = add(owner_client, FOX_ISBN)

    assert response.status_code == 201, response.content
    assert response.json()["openlibrary_id"] == "OL7353617M"
    assert any(
        r.name == "books.lookup" and "Asking Open Library" in r.message for r in caplog.records
    )


@pytest.mark.parametrize(
    ("openlibrary", "status", "code"),
    [
        ({"status": 500}, 502, "openlibrary_unavailable"),
        ({"body": requests.ConnectionError("refused")}, 502, "openlibrary_unavailable"),
        ({"body": requests.ReadTimeout()}, 504, "openlibrary_timeout"),
        ({"status": 429, "headers": {"Retry-After": "30"}}, 503, "openlibrary_rate_limited"),
        ({"body": "<html>down</html>"}, 502, "openlibrary_unavailable"),
    ],
)
def test_when_both_fail_the_answer_is_open_librarys_failure_and_nothing_is_stored(
    owner_client, upstream, openlibrary, status, code
):
    both_by_isbn(upstream, FOX_ISBN, {"status": 503}, openlibrary)

    response = add(owner_client, FOX_ISBN)

    assert response.status_code == status
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Book.objects.exists()


def test_when_google_fails_and_open_library_has_nothing_googles_failure_is_the_answer(
    owner_client, upstream
):
    both_by_isbn(upstream, FOX_ISBN, {"status": 429, "headers": {"Retry-After": "40"}},
                 {"json": {}})  # fmt: skip

    response = add(owner_client, FOX_ISBN)

    assert response.status_code == 503
    assert response.json()["code"] == "googlebooks_rate_limited"
    assert response["Retry-After"] == "40"
    assert not Book.objects.exists()


def test_google_is_sent_the_country_and_the_key_and_the_key_never_leaks(
    owner_client, upstream, settings, caplog
):
    settings.GOOGLE_BOOKS_API_KEY = "k3y-that-must-never-leak"
    settings.GOOGLE_BOOKS_COUNTRY = "FR"
    caplog.set_level(logging.DEBUG)
    google_by_isbn(upstream, SIGNALS_ISBN, status=403, json=error(403, "unknownLocation"))
    openlibrary_by_isbn(upstream, SIGNALS_ISBN, json={})

    response = add(owner_client, SIGNALS_ISBN)

    sent = upstream.calls[0].request.url
    assert "country=FR" in sent and "key=k3y-that-must-never-leak" in sent
    assert response.status_code == 502 and response.json()["code"] == "googlebooks_refused"
    assert "k3y-that-must-never-leak" not in response.content.decode() + caplog.text
