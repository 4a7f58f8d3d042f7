"""JSON arrays of a large collection, rendered a chunk of rows at a time: a worker never holds
a Python object for every row at once.

Rows keep their datetimes: orjson writes them (OPT_UTC_Z) exactly as DRF's DateTimeField does.
"""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import orjson

CHUNK = 1000  # rows fetched, and rendered to JSON, at a time


def json_array(items: Iterable[dict[str, Any]]) -> bytes:
    rows: Iterator[dict[str, Any]] = iter(items)
    parts = []
    while chunk := list(islice(rows, CHUNK)):
        parts.append(orjson.dumps(chunk, option=orjson.OPT_UTC_Z)[1:-1])
    return b"[" + b",".join(parts) + b"]"
