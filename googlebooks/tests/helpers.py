"""Google Books on a made-up host (the root conftest points the settings at it), and its
answers, from the fake Google Books' volumes."""

import copy
from typing import Any

from googlebooks.tests.fake_server import VOLUMES, google_error

API_URL = "https://books.googleapis.test/books/v1"
VOLUMES_URL = f"{API_URL}/volumes"
API_KEY = "g00gle-key-that-must-never-leak-4242"
SIGNALS = "Xq4xAQAAMAAJ"  # 978-0-306-40615-7
HOBBIT = "pD6arNyKyi8C"  # 978-0-261-10334-4
JARDIN = "k2VnEAAAQBAJ"  # 979-10-90636-07-1


def volume_url(volume_id: str) -> str:
    return f"{VOLUMES_URL}/{volume_id}"


def volume(volume_id: str = SIGNALS, **info: Any) -> dict[str, Any]:
    """One of the fake's volumes, its volumeInfo changed by `info` (None removes a field)."""
    found = copy.deepcopy(VOLUMES[volume_id])
    found["volumeInfo"].update(info)
    found["volumeInfo"] = {k: v for k, v in found["volumeInfo"].items() if v is not None}
    return found


def volumes(*items: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = {"kind": "books#volumes", "totalItems": len(items)}
    if items:
        answer["items"] = list(items)
    return answer


def error(status: int, reason: str) -> dict[str, Any]:
    return google_error(status, reason, f"{reason} happened.")
