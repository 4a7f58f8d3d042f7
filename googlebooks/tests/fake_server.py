"""A fake Google Books API v1 on loopback: a few volumes (made-up records on real ISBNs), and
switches for misbehaving.

Serves GET /books/v1/volumes?q=... (`isbn:<ISBN-10 or -13>`, or words of a title or an
author) and GET /books/v1/volumes/<id>, with Google's answer shapes and error bodies. Like
Google from a server it cannot place, it refuses a request without `country` (403
`unknownLocation`). A `key` is optional. Modes: normal, slow, fail (503 `backendFailed`),
ratelimit (429 `rateLimitExceeded`), quota (400 `rateLimitExceeded`, as Google answers a
spent key's daily quota), unknownlocation (403), malformed (an HTML page).

From tests: `with fake_service.running(FakeGoogleBooks) as fake: ... fake.url ...`.
By hand:    .venv/bin/python -m googlebooks.tests.fake_server --port 8766
            GOOGLE_BOOKS_API_URL=http://127.0.0.1:8766/books/v1 make run
"""

import re
from http import HTTPStatus
from typing import Any

from mycoll.tests.fake_service import (
    HTML_FAILURE,
    MODES,
    Answer,
    FakeService,
    json_failure,
    serve,
)


def _volume(volume_id: str, isbn13: str, isbn10: str, **info: Any) -> dict[str, Any]:
    identifiers = [{"type": "ISBN_13", "identifier": isbn13}]
    if isbn10:
        identifiers.insert(0, {"type": "ISBN_10", "identifier": isbn10})
    link = f"http://books.google.com/books?id={volume_id}"
    return {
        "kind": "books#volume",
        "id": volume_id,
        "etag": f"e{volume_id[:6]}",
        "selfLink": f"https://www.googleapis.com/books/v1/volumes/{volume_id}",
        "volumeInfo": {
            **info,
            "industryIdentifiers": identifiers,
            "printType": "BOOK",
            "imageLinks": {
                "smallThumbnail": f"{link}&printsec=frontcover&img=1&zoom=5&source=gbs_api",
                "thumbnail": f"{link}&printsec=frontcover&img=1&zoom=1&source=gbs_api",
            },
            "previewLink": f"{link}&printsec=frontcover&dq=isbn:{isbn13}&hl=&cd=1&source=gbs_api",
            "infoLink": f"{link}&dq=isbn:{isbn13}&hl=&source=gbs_api",
            "canonicalVolumeLink": f"https://books.google.com/books/about/?id={volume_id}",
        },
        "saleInfo": {"country": "US", "saleability": "NOT_FOR_SALE", "isEbook": False},
        "accessInfo": {"country": "US", "viewability": "NO_PAGES", "embeddable": False},
    }


VOLUMES: dict[str, dict[str, Any]] = {
    volume["id"]: volume
    for volume in (
        _volume(
            "Xq4xAQAAMAAJ",
            "9780306406157",
            "0306406152",
            title="Signals and Sampling",
            subtitle="A First Course",
            authors=["Ada K. Moreau"],
            publisher="Plenum Press",
            publishedDate="1974",
            description="An introduction to sampling, aliasing and the reconstruction of signals.",
            pageCount=312,
            categories=["Mathematics"],
            language="en",
        ),
        _volume(
            "pD6arNyKyi8C",
            "9780261103344",
            "0261103342",
            title="The Hobbit",
            subtitle="Or There and Back Again",
            authors=["J. R. R. Tolkien"],
            publisher="HarperCollins UK",
            publishedDate="1991-07-15",
            description="Bilbo Baggins is a hobbit who enjoys a comfortable, unambitious life.",
            pageCount=310,
            categories=["Fiction"],
            language="en",
        ),
        _volume(
            "B1hSG45JCX4C",
            "9780441172719",
            "0441172717",
            title="Dune",
            authors=["Frank Herbert"],
            publisher="Ace Books",
            publishedDate="1990-09",
            description="Set on the desert planet Arrakis, Dune is the story of Paul Atreides.",
            pageCount=535,
            categories=["Fiction"],
            language="en",
        ),
        _volume(
            "k2VnEAAAQBAJ",
            "9791090636071",
            "",
            title="Le Jardin des marées",
            authors=["Claire Vasseur"],
            publisher="Éditions du Littoral",
            publishedDate="2015-03-12",
            pageCount=224,
            categories=["Fiction"],
            language="fr",
        ),
    )
}


def google_error(status: HTTPStatus, reason: str, message: str) -> dict[str, Any]:
    """An error body as Google's APIs send it."""
    return {
        "error": {
            "code": int(status),
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
        }
    }


UNKNOWN_LOCATION = google_error(
    HTTPStatus.FORBIDDEN,
    "unknownLocation",
    "Cannot determine user location for geographically restricted operation.",
)
QUOTA_MESSAGE = (
    "Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service "
    "'books.googleapis.com' for consumer 'project_number:000000000000'."
)
VOLUME_PATH = re.compile(r"^/books/v1/volumes/([^/]+)$")


class FakeGoogleBooks(FakeService):
    name = "Google Books"
    prefix = "/books/v1"
    modes = (*MODES, "quota", "unknownlocation")
    hint = "GOOGLE_BOOKS_API_URL={url} make run"

    def answer(self, path: str, params: dict[str, str], headers: Any) -> Answer:
        if not params.get("country"):
            return HTTPStatus.FORBIDDEN, UNKNOWN_LOCATION, {}
        if path == "/books/v1/volumes":
            return HTTPStatus.OK, search(params), {}
        match = VOLUME_PATH.match(path)
        if match and match.group(1) in VOLUMES:
            return HTTPStatus.OK, VOLUMES[match.group(1)], {}
        missing = "The volume ID could not be found."
        return HTTPStatus.NOT_FOUND, google_error(HTTPStatus.NOT_FOUND, "notFound", missing), {}

    def failure(self, mode: str) -> tuple | None:
        retry_after = {"Retry-After": str(self.retry_after)}
        return {
            "fail": json_failure(
                HTTPStatus.SERVICE_UNAVAILABLE,
                google_error(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    "backendFailed",
                    "Service temporarily unavailable.",
                ),
            ),
            "ratelimit": json_failure(
                HTTPStatus.TOO_MANY_REQUESTS,
                google_error(HTTPStatus.TOO_MANY_REQUESTS, "rateLimitExceeded", QUOTA_MESSAGE),
                retry_after,
            ),
            "quota": json_failure(
                HTTPStatus.BAD_REQUEST,
                google_error(HTTPStatus.BAD_REQUEST, "rateLimitExceeded", QUOTA_MESSAGE),
            ),
            "unknownlocation": json_failure(HTTPStatus.FORBIDDEN, UNKNOWN_LOCATION),
            "malformed": HTML_FAILURE,
        }.get(mode)


def _isbns(volume: dict[str, Any]) -> set[str]:
    return {i["identifier"] for i in volume["volumeInfo"]["industryIdentifiers"]}


def _words(volume: dict[str, Any]) -> str:
    info = volume["volumeInfo"]
    return " ".join([info["title"], info.get("subtitle", ""), *info["authors"]]).casefold()


def search(params: dict[str, str]) -> dict[str, Any]:
    query = params.get("q", "").strip()
    if query.startswith("isbn:"):
        found = [v for v in VOLUMES.values() if query.removeprefix("isbn:") in _isbns(v)]
    else:
        words = query.casefold().split()
        found = [v for v in VOLUMES.values() if words and all(w in _words(v) for w in words)]
    limit = int(params.get("maxResults") or 10)
    answer: dict[str, Any] = {"kind": "books#volumes", "totalItems": len(found)}
    if found:
        answer["items"] = found[:limit]
    return answer


if __name__ == "__main__":
    serve(FakeGoogleBooks, default_port=8766)
