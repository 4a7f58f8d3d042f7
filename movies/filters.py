import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from movies.models import Movie, MovieCopy


def _with_copy(queryset: QuerySet[Movie], **copy_lookup: str) -> QuerySet[Movie]:
    copies = MovieCopy.objects.filter(movie=OuterRef("pk"), **copy_lookup)
    return queryset.filter(Exists(copies))


class IntegerFilter(django_filters.Filter):
    """A whole number within a column's range: `1.5` or `2**63` is a 400, not a miss or a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", -(2**63) + 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class MovieFilter(django_filters.FilterSet):
    release_year = IntegerFilter()
    form = django_filters.CharFilter(method="filter_form", max_length=200)
    platform = django_filters.CharFilter(method="filter_platform", max_length=200)

    class Meta:
        model = Movie
        fields = ["release_year", "form", "platform"]

    def filter_form(self, queryset: QuerySet[Movie], name: str, value: str) -> QuerySet[Movie]:
        return _with_copy(queryset, form__iexact=value)

    def filter_platform(self, queryset: QuerySet[Movie], name: str, value: str) -> QuerySet[Movie]:
        return _with_copy(queryset, platform__iexact=value)


class MovieCopyFilter(django_filters.FilterSet):
    movie = IntegerFilter(field_name="movie_id")
    form = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)

    class Meta:
        model = MovieCopy
        fields = ["movie", "form", "platform"]


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 rather than silently ignored; ties by id."""

    def get_ordering(self, request, queryset, view) -> list[str] | None:
        params = request.query_params.get(self.ordering_param)
        if params is None:
            return self.get_default_ordering(view)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        valid = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        invalid = [f for f in fields if f.lstrip("-") not in valid]
        if invalid or not fields:
            allowed = ", ".join(sorted(valid))
            raise ValidationError({self.ordering_param: [f"Order by one of: {allowed}."]})
        return [*fields, "id"]
