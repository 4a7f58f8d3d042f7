from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

from mycoll.exceptions import json_error, wants_json

# The documentation pages load their scripts, styles and the schema from this server only;
# images, fonts and requests to elsewhere are refused (ReDoc's menu links a logo on a CDN).
DOCS_CONTENT_SECURITY_POLICY = "img-src 'self' data:; font-src 'self' data:; connect-src 'self'"


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


class SelfContainedDocsMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


class SwaggerView(SelfContainedDocsMixin, SpectacularSwaggerView):
    """Swagger UI at /api/docs/, from drf-spectacular-sidecar's files."""


class RedocView(SelfContainedDocsMixin, SpectacularRedocView):
    """ReDoc at /api/redoc/, from drf-spectacular-sidecar's files, without web fonts."""

    template_name = "mycoll/redoc.html"
