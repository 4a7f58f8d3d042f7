"""The real URLs plus the floor view (bench.settings only; never in production)."""

from django.urls import include, path

from bench.views import floor
from mycoll.urls import handler400, handler403, handler404, handler500

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [
    # Under /api/: the stack floor takes the API's own path through the middleware.
    path("api/__floor__/<slug:case>", floor, name="bench-floor"),
    path("", include("mycoll.urls")),
]
