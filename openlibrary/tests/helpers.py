"""Open Library on a made-up host (the root conftest points the settings at it), and its
answers, from the fake Open Library's editions."""

import copy
from typing import Any

from openlibrary.tests.fake_server import EDITIONS, record, search

URL = "https://openlibrary.test"
BOOKS_URL = f"{URL}/api/books"
SEARCH_URL = f"{URL}/search.json"
FOX = "OL7353617M"  # Fantastic Mr. Fox, 978-0-14-032872-1, only Open Library knows it
FOX_WORK = "OL45883W"
HOBBIT = "OL26331930M"


def editions_url(work: str) -> str:
    return f"{URL}/works/{work}/editions.json"


def edition(key: str = FOX, **data: Any) -> dict[str, Any]:
    """One of the fake's editions as the Books API shows it, changed by `data` (None removes
    a field)."""
    found = copy.deepcopy(record(next(e for e in EDITIONS if e["key"] == f"/books/{key}")))
    found.update(data)
    return {k: v for k, v in found.items() if v is not None}


def books_answer(bibkey: str, data: dict[str, Any]) -> dict[str, Any]:
    return {bibkey: data}


def search_answer(query: str) -> dict[str, Any]:
    return search({"q": query, "limit": "20"})
