from django.contrib import admin

from collection.admin import CopyInline, TitleAdmin
from movies.models import Movie


class MovieCopyInline(CopyInline):
    fk_name = "movie"


@admin.register(Movie)
class MovieAdmin(TitleAdmin):
    list_display = ["title", "release_year", "owner", "copy_count", "tmdb_id", "updated_at"]
    list_filter = ["release_year", "copies__form", "copies__medium"]
    search_fields = ["title", "owner__username", "owner__email"]
    inlines = [MovieCopyInline]
