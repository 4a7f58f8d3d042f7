from django.urls import re_path
from rest_framework.routers import SimpleRouter

from tv import tmdb_views, views

# Every route answers with and without its trailing slash, with no redirect. The searches,
# seasons and season copies come before the shows: ids are digits only, but the more
# specific paths are matched first all the same.
router = SimpleRouter()
router.trailing_slash = "/?"
router.register("tv/season/copy", views.SeasonCopyViewSet, basename="seasoncopy")
router.register("tv/season", views.SeasonViewSet, basename="season")
router.register("tv", views.ShowViewSet, basename="show")

urlpatterns = [
    re_path(r"^tv/search/?$", tmdb_views.ShowSearchView.as_view(), name="tv-search"),
    re_path(r"^tv/search/details/?$", tmdb_views.ShowDetailsView.as_view(), name="tv-details"),
    *router.urls,
]
