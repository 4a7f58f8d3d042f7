"""The Open Library client: what it sends, what it returns, how each failure raises, and its
cache. Open Library is mocked with `responses` (the `upstream` fixture)."""

import pytest
import requests

from openlibrary.client import edition, search, work_editions
from openlibrary.errors import (
    OpenLibraryNotFound,
    OpenLibraryRateLimited,
    OpenLibraryTimeout,
    OpenLibraryUnavailable,
)
from openlibrary.tests.helpers import (
    BOOKS_URL,
    FOX,
    FOX_WORK,
    SEARCH_URL,
    books_answer,
    editions_url,
    search_answer,
)
from openlibrary.tests.helpers import edition as an_edition
from tmdb.tests.helpers import sent_params

FOX_BIBKEYS = ("ISBN:9780140328721", "ISBN:0140328726")


def test_it_returns_the_first_bibkey_it_knows_with_its_data(upstream):
    upstream.get(BOOKS_URL, json=books_answer("ISBN:0140328726", an_edition()))

    bibkey, data = edition(bibkeys=FOX_BIBKEYS)

    assert (bibkey, data) == ("ISBN:0140328726", an_edition())
    assert sent_params(upstream.calls[0]) == {
        "bibkeys": ["ISBN:9780140328721,ISBN:0140328726"],
        "jscmd": ["data"],
        "format": ["json"],
    }


@pytest.mark.parametrize("answer", [{}, {"ISBN:9780000000019": {"title": "Other"}}])
def test_it_says_when_it_knows_none_of_the_bibkeys(upstream, answer):
    upstream.get(BOOKS_URL, json=answer)

    with pytest.raises(OpenLibraryNotFound):
        edition(bibkeys=FOX_BIBKEYS)


def test_it_lists_a_works_editions_and_says_when_there_is_no_such_work(upstream):
    upstream.get(editions_url(FOX_WORK), json={"entries": [{"key": f"/books/{FOX}"}], "size": 1})
    upstream.get(editions_url("OL1W"), status=404, json={"error": "notfound"})
    upstream.get(editions_url("OL2W"), json={"entries": [], "size": 0})

    assert work_editions(work_id=FOX_WORK)["entries"] == [{"key": f"/books/{FOX}"}]
    assert sent_params(upstream.calls[0]) == {"limit": ["1"]}
    for missing in ("OL1W", "OL2W"):
        with pytest.raises(OpenLibraryNotFound):
            work_editions(work_id=missing)


def test_it_searches_for_the_fields_it_shows(upstream):
    upstream.get(SEARCH_URL, json=search_answer("fox"))

    docs = search(query=" fox ")["docs"]

    assert [d["key"] for d in docs] == [f"/works/{FOX_WORK}"]
    sent = sent_params(upstream.calls[0])
    assert sent["q"] == ["fox"] and sent["limit"] == ["20"]
    assert sent["fields"] == [
        "key,title,subtitle,author_name,first_publish_year,isbn,cover_i,edition_key"
    ]


@pytest.mark.parametrize(
    ("contact", "agent"),
    [("", "MyColl (Open Library client)"),
     ("ops@example.com", "MyColl (Open Library client; ops@example.com)")],
)  # fmt: skip
def test_its_user_agent_names_mycoll_and_the_contact(upstream, settings, contact, agent):
    settings.OPENLIBRARY_CONTACT = contact
    upstream.get(SEARCH_URL, json=search_answer("fox"))

    search(query="fox")

    assert upstream.calls[0].request.headers["User-Agent"] == agent


@pytest.mark.parametrize(
    ("answer", "raised", "calls"),
    [
        ({"status": 500}, OpenLibraryUnavailable, 2),
        ({"status": 503}, OpenLibraryUnavailable, 2),
        ({"status": 403, "body": "Forbidden"}, OpenLibraryUnavailable, 1),
        ({"status": 429, "headers": {"Retry-After": "0"}}, OpenLibraryRateLimited, 2),
        ({"body": requests.ReadTimeout()}, OpenLibraryTimeout, 1),
        ({"body": requests.ConnectionError("refused")}, OpenLibraryUnavailable, 2),
        ({"body": "<html>down</html>"}, OpenLibraryUnavailable, 1),
        ({"json": ["not", "records"]}, OpenLibraryUnavailable, 1),
        ({"json": {"ISBN:9780140328721": "not a record"}}, OpenLibraryUnavailable, 1),
    ],
)
def test_each_failure_raises_one_typed_error(upstream, answer, raised, calls):
    upstream.get(BOOKS_URL, **answer)

    with pytest.raises(raised) as failure:
        edition(bibkeys=FOX_BIBKEYS)

    assert len(upstream.calls) == calls
    assert failure.value.code.startswith("openlibrary_")


@pytest.mark.parametrize("answer", [{"docs": None}, {"docs": [{"title": "no key"}]}, []])
def test_a_search_answer_without_keyed_docs_is_unavailable(upstream, answer):
    upstream.get(SEARCH_URL, json=answer)

    with pytest.raises(OpenLibraryUnavailable):
        search(query="fox")


def test_it_answers_repeated_calls_from_the_cache_and_never_keeps_a_failure(upstream):
    upstream.get(BOOKS_URL, json={})
    upstream.get(BOOKS_URL, json=books_answer(FOX_BIBKEYS[0], an_edition()))

    with pytest.raises(OpenLibraryNotFound):
        edition(bibkeys=FOX_BIBKEYS)
    first = edition(bibkeys=FOX_BIBKEYS)
    again = edition(bibkeys=FOX_BIBKEYS)

    assert first == again
    assert len(upstream.calls) == 2


def test_it_sends_its_own_timeouts(upstream, settings):
    settings.OPENLIBRARY_CONNECT_TIMEOUT, settings.OPENLIBRARY_READ_TIMEOUT = 1.5, 2.5
    upstream.get(editions_url("OL1W"), status=404, json={})

    with pytest.raises(OpenLibraryNotFound):
        work_editions(work_id="OL1W")

    assert upstream.calls[0].request.req_kwargs["timeout"] == (1.5, 2.5)
