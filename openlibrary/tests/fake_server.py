"""A fake Open Library on loopback: a few editions and their works (made-up records on real
ISBNs, but for Fantastic Mr Fox, Open Library's own example), and switches for misbehaving.

Serves GET /api/books?bibkeys=ISBN:...,OLID:...&jscmd=data&format=json (an object keyed by
each bibkey it knows, `{}` for none), GET /works/<key>/editions.json and GET /search.json
(`q`, `fields`, `limit`), with Open Library's answer shapes. Modes: normal, slow, fail (503),
ratelimit (429), malformed (an HTML page).

From tests: `with fake_service.running(FakeOpenLibrary) as fake: ... fake.url ...`.
By hand:    .venv/bin/python -m openlibrary.tests.fake_server --port 8767
            OPENLIBRARY_URL=http://127.0.0.1:8767 make run
"""

import re
from http import HTTPStatus
from typing import Any

from mycoll.tests.fake_service import HTML_FAILURE, Answer, FakeService, json_failure, serve

BASE = "https://openlibrary.org"
COVER = "https://covers.openlibrary.org/b/id/{}-{}.jpg"


def _edition(
    key: str, work: str, isbn13: str, isbn10: str, cover: int, **data: Any
) -> dict[str, Any]:
    slug = data["title"].replace(" ", "_")
    return {
        "url": f"{BASE}/books/{key}/{slug}",
        "key": f"/books/{key}",
        **data,
        "identifiers": {
            "isbn_10": [isbn10],
            "isbn_13": [isbn13],
            "openlibrary": [key],
            "goodreads": [str(cover // 3)],
        },
        "cover": {
            size: COVER.format(cover, size[0].upper()) for size in ("small", "medium", "large")
        },
        "_work": work,
    }


EDITIONS = [
    _edition(
        "OL7353617M",
        "OL45883W",
        "9780140328721",
        "0140328726",
        8739161,
        title="Fantastic Mr. Fox",
        authors=[{"url": f"{BASE}/authors/OL34184A/Roald_Dahl", "name": "Roald Dahl"}],
        number_of_pages=96,
        pagination="96 p. :",
        publishers=[{"name": "Puffin"}],
        publish_places=[{"name": "New York, U.S.A."}],
        publish_date="October 1, 1988",
        subjects=[
            {"name": "Animals", "url": f"{BASE}/subjects/animals"},
            {"name": "Foxes", "url": f"{BASE}/subjects/foxes"},
            {"name": "Children's fiction", "url": f"{BASE}/subjects/children's_fiction"},
        ],
        notes="Illustrated by Quentin Blake.",
    ),
    _edition(
        "OL26331930M",
        "OL27482W",
        "9780261103344",
        "0261103342",
        6979861,
        title="The Hobbit",
        subtitle="or There and Back Again",
        authors=[{"url": f"{BASE}/authors/OL26320A/J.R.R._Tolkien", "name": "J.R.R. Tolkien"}],
        number_of_pages=310,
        publishers=[{"name": "HarperCollins"}],
        publish_date="July 15, 1991",
        subjects=[{"name": "Fantasy fiction", "url": f"{BASE}/subjects/fantasy_fiction"}],
    ),
    _edition(
        "OL22654210M",
        "OL893415W",
        "9780441172719",
        "0441172717",
        11481354,
        title="Dune",
        authors=[{"url": f"{BASE}/authors/OL79034A/Frank_Herbert", "name": "Frank Herbert"}],
        number_of_pages=535,
        publishers=[{"name": "Ace Books"}],
        publish_date="September 1990",
        subjects=[{"name": "Science fiction", "url": f"{BASE}/subjects/science_fiction"}],
    ),
]
WORKS = {
    "OL45883W": {"title": "Fantastic Mr Fox", "first_publish_year": 1970},
    "OL27482W": {"title": "The Hobbit", "first_publish_year": 1937},
    "OL893415W": {"title": "Dune", "first_publish_year": 1965},
}
BIBKEY = re.compile(r"^(ISBN|OLID):(.+)$")
EDITIONS_PATH = re.compile(r"^/works/(OL[0-9]+W)/editions\.json$")
NOT_FOUND = {"error": "notfound", "key": "/works/OL0W"}


def record(edition: dict[str, Any]) -> dict[str, Any]:
    """An edition as the Books API shows it (jscmd=data)."""
    return {k: v for k, v in edition.items() if not k.startswith("_")}


def _knows(edition: dict[str, Any], kind: str, value: str) -> bool:
    identifiers = edition["identifiers"]
    if kind == "OLID":
        return value in identifiers["openlibrary"]
    return value.replace("-", "") in {*identifiers["isbn_10"], *identifiers["isbn_13"]}


def books(params: dict[str, str]) -> dict[str, Any]:
    answer = {}
    for bibkey in params.get("bibkeys", "").split(","):
        match = BIBKEY.match(bibkey.strip())
        found = [e for e in EDITIONS if match and _knows(e, *match.groups())]
        if found:
            answer[bibkey.strip()] = record(found[0])
    return answer


def editions(work: str, params: dict[str, str]) -> dict[str, Any]:
    entries = [
        {
            "key": e["key"],
            "title": e["title"],
            "works": [{"key": f"/works/{work}"}],
            "isbn_13": e["identifiers"]["isbn_13"],
            "publish_date": e["publish_date"],
            "type": {"key": "/type/edition"},
        }
        for e in EDITIONS
        if e["_work"] == work
    ]
    limit = int(params.get("limit") or 50)
    return {
        "links": {"self": f"/works/{work}/editions.json"},
        "size": len(entries),
        "entries": entries[:limit],
    }


def _doc(work: str) -> dict[str, Any]:
    found = [e for e in EDITIONS if e["_work"] == work]
    return {
        "key": f"/works/{work}",
        **WORKS[work],
        "author_name": [a["name"] for a in found[0]["authors"]],
        "isbn": [
            i for e in found for i in (*e["identifiers"]["isbn_13"], *e["identifiers"]["isbn_10"])
        ],
        "cover_i": int(found[0]["cover"]["medium"].rsplit("/", 1)[-1].split("-")[0]),
        "edition_key": [e["key"].rsplit("/", 1)[-1] for e in found],
        "language": ["eng"],
    }


def search(params: dict[str, str]) -> dict[str, Any]:
    words = params.get("q", "").casefold().split()
    docs = [_doc(work) for work in WORKS]
    found = [
        d
        for d in docs
        if words
        and all(w in f"{d['title']} {' '.join(d['author_name'])}".casefold() for w in words)
    ]
    fields = [f for f in params.get("fields", "").split(",") if f]
    if fields and "*" not in fields:
        found = [{k: v for k, v in d.items() if k in fields} for d in found]
    limit = int(params.get("limit") or 100)
    return {
        "numFound": len(found),
        "start": 0,
        "numFoundExact": True,
        "num_found": len(found),
        "docs": found[:limit],
        "q": params.get("q", ""),
        "offset": None,
    }


class FakeOpenLibrary(FakeService):
    name = "Open Library"
    hint = "OPENLIBRARY_URL={url} make run"

    def answer(self, path: str, params: dict[str, str], headers: Any) -> Answer:
        if path == "/api/books":
            return HTTPStatus.OK, books(params), {}
        if path == "/search.json":
            return HTTPStatus.OK, search(params), {}
        match = EDITIONS_PATH.match(path)
        if match and match.group(1) in WORKS:
            return HTTPStatus.OK, editions(match.group(1), params), {}
        return HTTPStatus.NOT_FOUND, NOT_FOUND, {}

    def failure(self, mode: str) -> tuple | None:
        return {
            "fail": json_failure(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "Service Unavailable"}),
            "ratelimit": json_failure(
                HTTPStatus.TOO_MANY_REQUESTS,
                {"error": "Too Many Requests"},
                {"Retry-After": str(self.retry_after)},
            ),
            "malformed": HTML_FAILURE,
        }.get(mode)


if __name__ == "__main__":
    serve(FakeOpenLibrary, default_port=8767)
