from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.http import require_safe

from mycoll.exceptions import json_error, wants_json


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if wants_json(request):
        return json_error(400, "Bad request.")
    return defaults.bad_request(request, exception, **kwargs)


def permission_denied(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if wants_json(request):
        return json_error(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception, **kwargs)


def page_not_found(request: HttpRequest, exception: Exception, **kwargs) -> HttpResponse:
    if wants_json(request):
        return json_error(404, "Not found.")
    return defaults.page_not_found(request, exception, **kwargs)


def server_error(request: HttpRequest, **kwargs) -> HttpResponse:
    if wants_json(request):
        return json_error(500, "Internal server error.")
    return defaults.server_error(request, **kwargs)
