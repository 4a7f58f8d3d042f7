from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from movies.models import Movie, MovieCopy
from movies.services import collection_touch

# A link typed without a scheme is taken as https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MovieCopyInline(admin.TabularInline):
    model = MovieCopy
    formfield_overrides = URL_FIELDS
    fields = ["platform", "form", "vod_link"]
    extra = 0


@admin.register(Movie)
class MovieAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "release_year", "owner", "copy_count", "tmdb_id", "updated_at"]
    list_filter = ["release_year", "copies__form"]
    search_fields = ["title", "owner__username", "owner__email"]
    list_select_related = ["owner"]
    inlines = [MovieCopyInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Movie]:
        movies = super().get_queryset(request).annotate(copy_count=Count("copies"))
        return movies if request.user.is_superuser else movies.filter(owner=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Movie | None = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "owner"]

    def delete_model(self, request: HttpRequest, obj: Movie) -> None:
        collection_touch(owner_id=obj.owner_id)
        super().delete_model(request, obj)

    @admin.display(description="copies", ordering="copy_count")
    def copy_count(self, movie: Movie) -> int:
        return movie.copy_count

    def save_model(self, request: HttpRequest, obj: Movie, form, change: bool) -> None:
        if not obj.owner_id:
            obj.owner = request.user
        # The collection's version row first, in the order the API's writes take their locks.
        collection_touch(owner_id=obj.owner_id)
        super().save_model(request, obj, form, change)
        # A movie moved to another owner takes its copies along.
        obj.copies.exclude(owner=obj.owner).update(owner=obj.owner)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        copies = formset.save(commit=False)
        for copy in copies:
            copy.owner = form.instance.owner
            copy.save()
        for copy in formset.deleted_objects:
            copy.delete()
        formset.save_m2m()


@admin.register(MovieCopy)
class MovieCopyAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["movie", "form", "platform", "owner", "updated_at"]
    list_filter = ["form", "platform"]
    search_fields = ["movie__title", "owner__username", "platform"]
    list_select_related = ["movie", "owner"]
    raw_id_fields = ["movie"]
    readonly_fields = ["owner", "created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MovieCopy]:
        copies = super().get_queryset(request)
        return copies if request.user.is_superuser else copies.filter(owner=request.user)

    def save_model(self, request: HttpRequest, obj: MovieCopy, form, change: bool) -> None:
        obj.owner_id = obj.movie.owner_id
        collection_touch(owner_id=obj.owner_id)
        super().save_model(request, obj, form, change)
