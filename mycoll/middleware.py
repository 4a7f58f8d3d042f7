from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

from mycoll.exceptions import json_error, wants_json


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


class BrowserOnlyMiddleware:
    """The middleware that only pages a browser signs in to need (the admin's sessions, CSRF,
    user and messages: settings.BROWSER_MIDDLEWARE, in their order), run for every path but
    the API's. An API request carries a bearer token, never a session cookie: on its path these
    four would only cost time (they are a third of what the stack costs a cached answer)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.browser = get_response
        self.view_hooks: list[Callable[..., HttpResponse | None]] = []
        for path in reversed(settings.BROWSER_MIDDLEWARE):
            self.browser = import_string(path)(self.browser)
            if hasattr(self.browser, "process_view"):
                self.view_hooks.insert(0, self.browser.process_view)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if wants_json(request):
            return self.get_response(request)
        return self.browser(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # Django calls the process_view of MIDDLEWARE's entries only: CSRF's check is here.
        if wants_json(request):
            return None
        for hook in self.view_hooks:
            response = hook(request, view, args, kwargs)
            if response is not None:
                return response
        return None
