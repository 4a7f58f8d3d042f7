from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from collection.admin import URL_FIELDS, CopyInline, OwnedAdmin, save_copies_inline
from collection.services import collections_lock
from movies.models import Movie


class MovieCopyInline(CopyInline):
    fk_name = "movie"


@admin.register(Movie)
class MovieAdmin(OwnedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "release_year", "owner", "copy_count", "tmdb_id", "updated_at"]
    list_filter = ["release_year", "copies__form", "copies__medium"]
    search_fields = ["title", "owner__username", "owner__email"]
    list_select_related = ["owner"]
    inlines = [MovieCopyInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Movie]:
        return super().get_queryset(request).annotate(copy_count=Count("copies"))

    @admin.display(description="copies", ordering="copy_count")
    def copy_count(self, movie: Movie) -> int:
        return movie.copy_count

    def save_model(self, request: HttpRequest, obj: Movie, form: Any, change: bool) -> None:
        if not obj.owner_id:
            obj.owner = request.user
        previous = Movie.objects.filter(pk=obj.pk).values_list("owner_id", flat=True)
        collections_lock(owner_ids=[obj.owner_id, *previous])
        super().save_model(request, obj, form, change)
        # A movie moved to another owner takes its copies along.
        obj.copies.exclude(owner=obj.owner).update(owner=obj.owner)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        save_copies_inline(formset, form.instance.owner_id)
