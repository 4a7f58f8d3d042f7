from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from mycoll.exceptions import json_error


class RequestSizeLimitMiddleware:
    """Refuse a body larger than MAX_REQUEST_BODY_BYTES (an upload: MAX_UPLOAD_BODY_BYTES)
    before anything reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.MAX_REQUEST_BODY_BYTES
        if request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data"):
            limit = settings.MAX_UPLOAD_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return json_error(400, "The Content-Length header is not a number.")
        if length > limit:
            return json_error(413, f"The request body is larger than {limit} bytes.")
        return self.get_response(request)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database_unavailable() -> HttpResponse:
    response = json_error(503, "The database is unavailable; try again shortly.")
    response["Retry-After"] = "5"
    return response


class AtomicWritesMiddleware:
    """Each write request is one transaction, rolled back whenever the answer is an error,
    so a rejected request changes nothing. Reads run in autocommit: no BEGIN/COMMIT trips."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 400:
                    transaction.set_rollback(True)
        except (OperationalError, InterfaceError):
            return database_unavailable()
        return response


class DatabaseUnavailableMiddleware:
    """While the database is unreachable, answer a JSON 503 instead of a 500.

    Django drops the broken connection at the end of the request (CONN_HEALTH_CHECKS),
    so the service recovers by itself once the database is back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            return database_unavailable()
        return None


class PrivateResponsesMiddleware:
    """An answer to a request that carries credentials is never stored by a shared cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Authorization" in request.headers:
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ["Authorization"])
        return response
