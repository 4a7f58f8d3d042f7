"""books/search and books/search/details: Google Books first, Open Library behind it."""

import pytest
import requests
from responses import matchers

from books.tests.mocks import FOX_ISBN, HOBBIT_ISBN, SIGNALS_ISBN, both_by_isbn, google_by_isbn
from googlebooks.tests.helpers import (
    HOBBIT,
    SIGNALS,
    VOLUMES_URL,
    volume,
    volume_url,
    volumes,
)
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

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/books/search"
DETAILS = "/api/v1/books/search/details"
RESULT_KEYS = ["id", "title", "subtitle", "authors", "published_year", "isbn_13", "image_link"]


def q(words: str):
    return [matchers.query_param_matcher({"q": words}, strict_match=False)]


@pytest.mark.parametrize("path", [SEARCH, f"{SEARCH}/"])
def test_it_searches_google_books(owner_client, upstream, path):
    upstream.get(VOLUMES_URL, match=q("hobbit"), json=volumes(volume(HOBBIT), volume(SIGNALS)))

    response = owner_client.get(path, {"query": "  hobbit "})

    assert response.status_code == 200
    assert response.json()[0] == {
        "id": HOBBIT,
        "title": "The Hobbit",
        "subtitle": "Or There and Back Again",
        "authors": ["J. R. R. Tolkien"],
        "published_year": 1991,
        "isbn_13": HOBBIT_ISBN,
        "image_link": "https://books.google.com/books?id=pD6arNyKyi8C&printsec=frontcover"
        "&img=1&zoom=1&source=gbs_api",
    }
    assert [r["id"] for r in response.json()] == [HOBBIT, SIGNALS]
    sent = upstream.calls[0].request.url
    assert "country=US" in sent and "maxResults=20" in sent and "key=" not in sent


@pytest.mark.parametrize(
    "query", ["978-0-261-10334-4", "0261103342", "ISBN-10: 0-261-10334-2", "9780261103344 51995"]
)
def test_an_isbn_in_any_written_form_searches_by_isbn(owner_client, upstream, query):
    google_by_isbn(upstream, HOBBIT_ISBN, json=volumes(volume(HOBBIT)))

    response = owner_client.get(SEARCH, {"query": query})

    assert [r["id"] for r in response.json()] == [HOBBIT]
    assert "q=isbn%3A9780261103344" in upstream.calls[0].request.url


def test_open_library_answers_a_search_google_has_nothing_for(owner_client, upstream):
    upstream.get(VOLUMES_URL, match=q("fox"), json=volumes())
    upstream.get(SEARCH_URL, match=q("fox"), json=search_answer("fox"))

    results = owner_client.get(SEARCH, {"query": "fox"}).json()

    assert results == [
        {
            "id": FOX_WORK,
            "title": "Fantastic Mr Fox",
            "subtitle": "",
            "authors": ["Roald Dahl"],
            "published_year": 1970,
            "isbn_13": FOX_ISBN,
            "image_link": "https://covers.openlibrary.org/b/id/8739161-M.jpg",
        }
    ]
    assert "fields=key%2Ctitle" in upstream.calls[1].request.url


def test_open_library_answers_an_isbn_search_when_google_is_down(owner_client, upstream):
    both_by_isbn(upstream, FOX_ISBN, {"status": 503},
                 {"json": books_answer(f"ISBN:{FOX_ISBN}", edition())})  # fmt: skip

    results = owner_client.get(SEARCH, {"query": FOX_ISBN}).json()

    assert [(r["id"], r["title"], r["isbn_13"]) for r in results] == [
        (FOX, "Fantastic Mr. Fox", FOX_ISBN)
    ]
    assert list(results[0]) == RESULT_KEYS


def test_a_search_nobody_has_anything_for_is_an_empty_list(owner_client, upstream):
    upstream.get(VOLUMES_URL, json=volumes())
    upstream.get(SEARCH_URL, json={"numFound": 0, "start": 0, "docs": []})
    both_by_isbn(upstream, FOX_ISBN, {"json": volumes()}, {"json": {}})

    assert owner_client.get(SEARCH, {"query": "zzzz"}).json() == []
    assert owner_client.get(SEARCH, {"query": FOX_ISBN}).json() == []


@pytest.mark.parametrize("query", ["Tom & Jerry", "C# #1", "Amélie", "七人の侍", "x" * 200])
def test_it_passes_any_search_text_intact(owner_client, upstream, query):
    upstream.get(VOLUMES_URL, match=q(query), json=volumes(volume()))

    assert owner_client.get(SEARCH, {"query": query}).status_code == 200


@pytest.mark.parametrize("params", [{}, {"query": ""}, {"query": "   "}, {"query": "x" * 201}])
def test_it_refuses_a_bad_search_before_asking_anyone(owner_client, upstream, params):
    response = owner_client.get(SEARCH, params)

    assert response.status_code == 400 and list(response.json()) == ["query"]
    assert len(upstream.calls) == 0


def test_a_search_is_answered_from_the_cache(owner_client, other_client, upstream):
    upstream.get(VOLUMES_URL, json=volumes(volume()))

    first = owner_client.get(SEARCH, {"query": "signals"})
    again = other_client.get(SEARCH, {"query": "signals"})

    assert first.json() == again.json()
    assert len(upstream.calls) == 1


@pytest.mark.parametrize(
    ("google", "openlibrary", "status", "code"),
    [
        ({"status": 500}, {"status": 500}, 502, "openlibrary_unavailable"),
        ({"body": requests.ReadTimeout()}, {"body": requests.ReadTimeout()}, 504,
         "openlibrary_timeout"),
        ({"status": 429}, {"status": 429, "headers": {"Retry-After": "90"}}, 503,
         "openlibrary_rate_limited"),
        ({"status": 500}, {"json": {"numFound": 0, "docs": []}}, 502, "googlebooks_unavailable"),
    ],
)  # fmt: skip
def test_a_search_both_fail_answers_a_json_5xx(
    owner_client, upstream, google, openlibrary, status, code
):
    upstream.get(VOLUMES_URL, **google)
    upstream.get(SEARCH_URL, **openlibrary)

    response = owner_client.get(SEARCH, {"query": "signals"})

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code


# --- details -------------------------------------------------------------------------------


def test_details_by_isbn_are_the_create_payload(owner_client, upstream):
    google_by_isbn(upstream, SIGNALS_ISBN, json=volumes(volume()))

    details = owner_client.get(DETAILS, {"query": "ISBN 0-306-40615-2"}).json()
    added = owner_client.post("/api/v1/books/", details, format="json")

    assert details == {
        "title": "Signals and Sampling",
        "subtitle": "A First Course",
        "authors": ["Ada K. Moreau"],
        "publisher": "Plenum Press",
        "published_date": "1974",
        "published_year": 1974,
        "description": "An introduction to sampling, aliasing and the reconstruction of signals.",
        "page_count": 312,
        "language": "en",
        "categories": ["Mathematics"],
        "isbn_13": SIGNALS_ISBN,
        "isbn_10": "0306406152",
        "google_books_id": SIGNALS,
        "openlibrary_id": "",
        "image_link": "https://books.google.com/books?id=Xq4xAQAAMAAJ&printsec=frontcover"
        "&img=1&zoom=1&source=gbs_api",
        "info_link": "https://books.google.com/books?id=Xq4xAQAAMAAJ&dq=isbn:9780306406157"
        "&hl=&source=gbs_api",
    }
    assert added.status_code == 201
    assert {k: v for k, v in added.json().items() if k in details} == details


def test_details_by_google_volume_id(owner_client, upstream):
    upstream.get(volume_url(HOBBIT), json=volume(HOBBIT))

    details = owner_client.get(f"{DETAILS}/", {"query": HOBBIT}).json()

    assert (details["title"], details["published_date"]) == ("The Hobbit", "1991-07-15")
    assert details["google_books_id"] == HOBBIT


@pytest.mark.parametrize("query", [FOX, FOX_WORK])
def test_details_by_open_library_edition_or_work_key(owner_client, upstream, query):
    upstream.get(editions_url(FOX_WORK), json={"entries": [{"key": f"/books/{FOX}"}]})
    upstream.get(BOOKS_URL, match=[matchers.query_param_matcher({"bibkeys": f"OLID:{FOX}"},
                 strict_match=False)], json=books_answer(f"OLID:{FOX}", edition()))  # fmt: skip

    details = owner_client.get(DETAILS, {"query": query}).json()

    assert details["title"] == "Fantastic Mr. Fox"
    assert details["openlibrary_id"] == FOX and details["isbn_13"] == FOX_ISBN


@pytest.mark.parametrize(
    ("query", "reason"),
    [(None, "required"), ("", "blank"), ("978-0-306-40615-8", "check digit"),
     ("0306406153", "check digit"), ("not an id!", "An ISBN, or an id"), ("x" * 65, "64")],
)  # fmt: skip
def test_details_refuse_a_bad_query_before_asking_anyone(owner_client, upstream, query, reason):
    response = owner_client.get(DETAILS, {} if query is None else {"query": query})

    assert response.status_code == 400
    assert list(response.json()) == ["query"] and reason in response.json()["query"][0]
    assert len(upstream.calls) == 0


@pytest.mark.parametrize(
    ("query", "register", "code"),
    [
        ("missingVol01", lambda m: m.get(volume_url("missingVol01"), status=404, json={}),
         "googlebooks_not_found"),
        ("OL1M", lambda m: m.get(BOOKS_URL, json={}), "openlibrary_not_found"),
        ("OL1W", lambda m: m.get(editions_url("OL1W"), status=404, json={}),
         "openlibrary_not_found"),
        (FOX_ISBN, lambda m: both_by_isbn(m, FOX_ISBN, {"json": volumes()}, {"json": {}}),
         "book_not_found"),
    ],
)  # fmt: skip
def test_details_of_a_book_nobody_knows_are_a_404(owner_client, upstream, query, register, code):
    register(upstream)

    response = owner_client.get(DETAILS, {"query": query})

    assert response.status_code == 404 and response.json()["code"] == code


def test_details_by_google_id_have_no_open_library_behind_them(owner_client, upstream):
    upstream.get(volume_url(HOBBIT), status=503)

    response = owner_client.get(DETAILS, {"query": HOBBIT})

    assert response.status_code == 502 and response.json()["code"] == "googlebooks_unavailable"
    assert all("openlibrary" not in call.request.url for call in upstream.calls)


def test_the_lookups_are_throttled_per_user(owner_client, other_client, upstream, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "books": "2/min"}
    upstream.get(VOLUMES_URL, json=volumes(volume()))

    answers = [owner_client.get(SEARCH, {"query": "signals"}).status_code for _ in range(2)]
    throttled = owner_client.get(DETAILS, {"query": SIGNALS_ISBN})
    others = other_client.get(SEARCH, {"query": "signals"})

    assert answers == [200, 200]
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
    assert others.status_code == 200


@pytest.mark.parametrize("path", [SEARCH, DETAILS])
def test_the_lookups_refuse_anonymous_requests(api_client, upstream, path):
    assert api_client.get(path, {"query": HOBBIT}).status_code == 401
    assert len(upstream.calls) == 0
