from django.contrib import admin
from django.urls import include, path, re_path

from mycoll import views

urlpatterns = [
    path("admin/", admin.site.urls),
    re_path(r"^healthz/?$", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    # The TMDb proxy first: its paths (movies/search) would otherwise read as a movie id.
    path("api/v1/", include("tmdb.urls")),
    path("api/v1/", include("movies.urls")),
]

handler400 = "mycoll.views.bad_request"
handler403 = "mycoll.views.permission_denied"
handler404 = "mycoll.views.page_not_found"
handler500 = "mycoll.views.server_error"
