"""Every error under /api/ and /accounts/ answers in JSON, whatever raised it."""

from typing import Any

from django.http import HttpRequest, JsonResponse
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from mycoll.errors import ApplicationError

JSON_PREFIXES = ("/api/", "/accounts/", "/healthz")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        set_rollback()
        return application_error_response(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and response.status_code == 401:
        response.data = _flatten_token_error(response.data)
    return response


def application_error_response(error: ApplicationError) -> Response:
    """`{detail, code}` with the error's status, and `Retry-After` when it has one."""
    body = {"detail": str(error), "code": error.code, **(error.extra or {})}
    response = Response(body, status=error.status_code)
    if error.retry_after is not None:
        response["Retry-After"] = str(error.retry_after)
    return response


def _flatten_token_error(data: Any) -> Any:
    # simplejwt lists every token class it tried; one clear sentence is enough for a client.
    if isinstance(data, dict) and "messages" in data:
        return {"detail": data["detail"], "code": data.get("code", "token_not_valid")}
    return data


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(JSON_PREFIXES)


def json_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)
