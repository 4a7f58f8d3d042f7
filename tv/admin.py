"""Shows in the admin with their seasons inline (and their whole-series copies), and seasons
with their copies inline. A season's owner, and its copies', are always its show's."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, ForeignKey, QuerySet
from django.http import HttpRequest

from collection.admin import URL_FIELDS, CopyInline, OwnedAdmin, save_copies_inline
from collection.models import Copy
from collection.services import collections_lock
from tv.models import Season, Show


class SeasonInline(admin.TabularInline):
    model = Season
    formfield_overrides = URL_FIELDS
    fields = ["season_number", "title", "episode_count", "air_date", "year_first_aired"]
    ordering = ["season_number"]
    show_change_link = True
    extra = 0


class SeriesCopyInline(CopyInline):
    """The copies of the whole series: a show's copies that name no season."""

    fk_name = "show"
    verbose_name = "copy of the whole series"
    verbose_name_plural = "copies of the whole series"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Copy]:
        return super().get_queryset(request).filter(season__isnull=True)


class SeasonCopyInline(CopyInline):
    fk_name = "season"


@admin.register(Show)
class ShowAdmin(OwnedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "year_first_aired", "status", "owner", "season_count", "tmdb_id"]
    list_filter = ["status", "in_production"]
    search_fields = ["title", "original_title", "owner__username", "owner__email"]
    list_select_related = ["owner"]
    inlines = [SeasonInline, SeriesCopyInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Show]:
        return super().get_queryset(request).annotate(season_count=Count("seasons"))

    @admin.display(description="seasons", ordering="season_count")
    def season_count(self, show: Show) -> int:
        return show.season_count

    def save_model(self, request: HttpRequest, obj: Show, form: Any, change: bool) -> None:
        if not obj.owner_id:
            obj.owner = request.user
        previous = Show.objects.filter(pk=obj.pk).values_list("owner_id", flat=True)
        collections_lock(owner_ids=[obj.owner_id, *previous])
        super().save_model(request, obj, form, change)
        # A show moved to another owner takes its seasons and copies along.
        obj.seasons.exclude(owner=obj.owner).update(owner=obj.owner)
        obj.copies.exclude(owner=obj.owner).update(owner=obj.owner)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        owner_id = form.instance.owner_id
        if formset.model is Season:
            for season in formset.save(commit=False):
                season.owner_id = owner_id
                season.save()
            for season in formset.deleted_objects:
                season.delete()
        else:
            save_copies_inline(formset, owner_id)


@admin.register(Season)
class SeasonAdmin(OwnedAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["__str__", "season_number", "episode_count", "air_date", "owner"]
    search_fields = ["show__title", "title", "owner__username"]
    list_select_related = ["show", "owner"]
    raw_id_fields = ["show"]
    exclude = ["owner"]
    inlines = [SeasonCopyInline]
    readonly_fields = ["created_at", "updated_at"]

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any):
        if db_field.name == "show" and not request.user.is_superuser:
            kwargs["queryset"] = Show.objects.filter(owner=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Season, form: Any, change: bool) -> None:
        previous = Season.objects.filter(pk=obj.pk).values_list("owner_id", flat=True)
        collections_lock(owner_ids=[obj.show.owner_id, *previous])
        obj.owner_id = obj.show.owner_id
        super().save_model(request, obj, form, change)
        # A season moved to another show takes its copies along.
        obj.copies.exclude(show=obj.show, owner=obj.owner).update(show=obj.show, owner=obj.owner)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        season = form.instance
        save_copies_inline(formset, season.owner_id, show_id=season.show_id)
