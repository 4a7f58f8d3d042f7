from django.urls import re_path

from tmdb import views

app_name = "tmdb"

urlpatterns = [
    re_path(r"^movies/search/?$", views.MovieSearchView.as_view(), name="search"),
    re_path(r"^movies/search/details/?$", views.MovieDetailsView.as_view(), name="details"),
]
