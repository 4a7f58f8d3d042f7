from django.urls import re_path

from movies import tmdb_views

app_name = "tmdb"

urlpatterns = [
    re_path(r"^movies/search/?$", tmdb_views.MovieSearchView.as_view(), name="search"),
    re_path(r"^movies/search/details/?$", tmdb_views.MovieDetailsView.as_view(), name="details"),
]
