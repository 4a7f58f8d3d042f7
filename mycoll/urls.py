from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from mycoll import views

urlpatterns = [
    path("admin/", admin.site.urls),
    re_path(r"^healthz/?$", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    # The TMDb proxy first: its paths (movies/search) would otherwise read as a movie id.
    path("api/v1/", include("movies.tmdb_urls")),
    path("api/v1/", include("movies.urls")),
    # The book lookup first, too: books/search would otherwise read as a book id.
    path("api/v1/", include("books.lookup_urls")),
    path("api/v1/", include("books.urls")),
    path("api/v1/", include("tv.urls")),
    path("api/v1/", include("collection.urls")),
    path("api/v1/", include("transfer.urls")),
    path("", include("stats.urls")),
    # The OpenAPI description (YAML, or JSON with ?format=json) and its two readers.
    re_path(r"^api/schema/?$", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^api/docs/?$", views.SwaggerView.as_view(url_name="schema"), name="docs"),
    re_path(r"^api/redoc/?$", views.RedocView.as_view(url_name="schema"), name="redoc"),
]

handler400 = "mycoll.views.bad_request"
handler403 = "mycoll.views.permission_denied"
handler404 = "mycoll.views.page_not_found"
handler500 = "mycoll.views.server_error"
