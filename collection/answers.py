"""The versioned answer of a collection read: its ETag (a digest of the owner's collection
version, the owner and the address), the `304`, and the body kept in the cache with the
version it was read at. Shared by the viewsets (collection.viewsets) and by the answers given
before DRF (collection.early), so that the two can never differ."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags

from collection.selectors import collection_token

JSON = "application/json"


class Versioned:
    """One request's address, version and ETag, for the owner who makes it."""

    def __init__(self, request: HttpRequest, owner: Any, scope: str = "") -> None:
        """`scope` names what else the answer depends on (the day, say) but the collection."""
        self.token = collection_token(owner=owner)
        self.target = f"{owner.pk}:{request.path}?{request.META.get('QUERY_STRING', '')}"
        self.target += f"#{scope}" if scope else ""
        digest = hashlib.blake2b(f"{self.token}:{self.target}".encode(), digest_size=12)
        self.etag = f'"{digest.hexdigest()}"'
        self.current = self.etag in parse_etags(request.headers.get("If-None-Match", ""))
        # One entry per user and address, replaced when the version moves on: an old
        # version's body is never kept beside the new one.
        key = hashlib.blake2b(self.target.encode(), digest_size=16).hexdigest()
        self.key = f"collection:{key}"

    def cached_body(self) -> bytes | None:
        cached = cache.get(self.key)
        return cached[1] if cached is not None and cached[0] == self.token else None

    def body(self, build: Callable[[], bytes]) -> bytes:
        body = self.cached_body()
        if body is None:
            body = build()
            cache.set(self.key, (self.token, body), settings.COLLECTION_CACHE_SECONDS)
        return body

    def answer(self, body: bytes | None) -> HttpResponse:
        """The `304` when the client's copy is current, else `body`."""
        response = (
            HttpResponseNotModified() if body is None else HttpResponse(body, content_type=JSON)
        )
        response["ETag"] = self.etag
        response["Cache-Control"] = "private, no-cache"
        return response

    def respond(self, build: Callable[[], bytes]) -> HttpResponse:
        return self.answer(None if self.current else self.body(build))
