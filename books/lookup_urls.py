from django.urls import re_path

from books import lookup_views

app_name = "booklookup"

urlpatterns = [
    re_path(r"^books/search/?$", lookup_views.BookSearchView.as_view(), name="search"),
    re_path(r"^books/search/details/?$", lookup_views.BookDetailsView.as_view(), name="details"),
]
