from typing import Any

import django_filters
from django.db.models import Exists, F, OrderBy, OuterRef, QuerySet

from collection.filters import IntegerFilter, StrictOrderingFilter
from collection.models import Copy
from tv.models import Season, SeasonCopy, Show


class NullsLastOrderingFilter(StrictOrderingFilter):
    """The strict ordering, with unknown values (null years and dates) last either way, on
    every database (SQLite and PostgreSQL disagree otherwise)."""

    def filter_queryset(self, request: Any, queryset: QuerySet, view: Any) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        return queryset.order_by(*map(_nulls_last, ordering)) if ordering else queryset


def _nulls_last(field: str) -> OrderBy:
    column = F(field.lstrip("-"))
    return column.desc(nulls_last=True) if field.startswith("-") else column.asc(nulls_last=True)


def _with_copy(queryset: QuerySet[Show], **copy_lookup: str) -> QuerySet[Show]:
    return queryset.filter(Exists(Copy.objects.filter(show=OuterRef("pk"), **copy_lookup)))


class ShowFilter(django_filters.FilterSet):
    year_first_aired = IntegerFilter()
    tmdb_id = IntegerFilter()
    status = django_filters.CharFilter(lookup_expr="iexact", max_length=64)
    form = django_filters.CharFilter(method="filter_form", max_length=200)
    platform = django_filters.CharFilter(method="filter_platform", max_length=200)

    class Meta:
        model = Show
        fields = ["year_first_aired", "tmdb_id", "status", "form", "platform"]

    def filter_form(self, queryset: QuerySet[Show], name: str, value: str) -> QuerySet[Show]:
        return _with_copy(queryset, form__iexact=value)

    def filter_platform(self, queryset: QuerySet[Show], name: str, value: str) -> QuerySet[Show]:
        return _with_copy(queryset, platform__iexact=value)


class SeasonFilter(django_filters.FilterSet):
    show = IntegerFilter(field_name="show_id")
    season_number = IntegerFilter()

    class Meta:
        model = Season
        fields = ["show", "season_number"]


class SeasonCopyFilter(django_filters.FilterSet):
    season = IntegerFilter(field_name="season_id")
    show = IntegerFilter(field_name="show_id")
    form = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)

    class Meta:
        model = SeasonCopy
        fields = ["season", "show", "form", "platform"]
