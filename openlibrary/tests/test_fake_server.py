"""The client over real HTTP, against the fake Open Library on loopback."""

import time

import pytest
import requests

from mycoll.tests.fake_service import running, serving_command
from openlibrary.client import SEARCH_FIELDS, edition, search, work_editions
from openlibrary.errors import (
    OpenLibraryNotFound,
    OpenLibraryRateLimited,
    OpenLibraryTimeout,
    OpenLibraryUnavailable,
)
from openlibrary.tests.fake_server import FakeOpenLibrary
from openlibrary.tests.helpers import FOX, FOX_WORK
from openlibrary.tests.helpers import edition as an_edition


@pytest.fixture
def fake(settings):
    with running(FakeOpenLibrary) as server:
        settings.OPENLIBRARY_URL = server.url
        settings.OPENLIBRARY_MAX_RETRIES = 1
        settings.OPENLIBRARY_READ_TIMEOUT = 0.3
        settings.OPENLIBRARY_CONTACT = "ops@example.com"
        yield server


def test_it_finds_editions_works_and_searches(fake):
    by_isbn = edition(bibkeys=("ISBN:9780140328721", "ISBN:0140328726"))
    by_olid = edition(bibkeys=(f"OLID:{FOX}",))
    found = search(query="roald dahl")

    assert by_isbn == ("ISBN:9780140328721", an_edition())
    assert by_olid[1]["title"] == "Fantastic Mr. Fox"
    assert work_editions(work_id=FOX_WORK)["entries"][0]["key"] == f"/books/{FOX}"
    assert [(d["key"], d["title"]) for d in found["docs"]] == [
        (f"/works/{FOX_WORK}", "Fantastic Mr Fox")
    ]
    assert set(found["docs"][0]) <= set(SEARCH_FIELDS.split(","))
    with pytest.raises(OpenLibraryNotFound):
        edition(bibkeys=("ISBN:9780000000019",))
    with pytest.raises(OpenLibraryNotFound):
        work_editions(work_id="OL1W")
    assert set(fake.user_agents) == {"MyColl (Open Library client; ops@example.com)"}


@pytest.mark.parametrize(
    ("mode", "raised", "hits"),
    [
        ("slow", OpenLibraryTimeout, 1),
        ("fail", OpenLibraryUnavailable, 2),
        ("ratelimit", OpenLibraryRateLimited, 2),
        ("malformed", OpenLibraryUnavailable, 1),
    ],
)
def test_each_misbehaviour_raises_its_error_quickly(fake, mode, raised, hits):
    requests.post(
        f"{fake.root}/__control__", json={"mode": mode, "delay": 1.0, "retry_after": 0}, timeout=5
    )
    started = time.monotonic()

    with pytest.raises(raised):
        search(query="dune")

    assert fake.hits == hits
    assert time.monotonic() - started < 1.0


def test_it_runs_as_a_command():
    with serving_command("openlibrary.tests.fake_server") as (port, (banner, hint)):
        answer = requests.get(
            f"http://127.0.0.1:{port}/api/books",
            params={"bibkeys": "ISBN:0140328726", "jscmd": "data", "format": "json"},
            timeout=5,
        )

    assert f"http://127.0.0.1:{port}" in banner
    assert hint == f"OPENLIBRARY_URL=http://127.0.0.1:{port} make run"
    assert answer.json()["ISBN:0140328726"]["key"] == f"/books/{FOX}"
