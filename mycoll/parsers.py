from typing import Any

import orjson
from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser


class ORJSONParser(BaseParser):
    """Strict JSON: no NaN or Infinity, no byte-order mark, no integer beyond 64 bits, and no
    nesting deeper than MAX_JSON_DEPTH; each is a 400, never a 500."""

    media_type = "application/json"

    def parse(self, stream, media_type: str | None = None, parser_context=None) -> Any:
        try:
            data = orjson.loads(stream.read())
        except orjson.JSONDecodeError as error:
            raise ParseError(f"JSON parse error - {error}") from error
        if _depth_exceeds(data, settings.MAX_JSON_DEPTH):
            raise ParseError(f"JSON nested deeper than {settings.MAX_JSON_DEPTH} levels.")
        return data


def _depth_exceeds(data: Any, limit: int) -> bool:
    level = [data]
    for _ in range(limit + 1):
        level = [
            child
            for node in level
            if isinstance(node, dict | list)
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return False
    return True
