"""Strict filters and ordering for every list: a value a filter cannot take is a 400 naming
it, never a silent miss or a 500."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from collection.barcodes import InvalidBarcode, barcode_normalise
from collection.choices import CHOICE_FIELDS
from collection.loans.selectors import overdue
from collection.locations.selectors import location_descendants, location_parents
from collection.models import TITLE_FIELDS, Copy, Loan, Location, with_barcode

YES_NO = [("0", "0"), ("1", "1")]


def owned_locations(request: Any) -> QuerySet[Location]:
    return Location.objects.filter(owner_id=getattr(request.user, "pk", None))


class IntegerFilter(django_filters.Filter):
    """A whole number within a column's range: `1.5` or `2**63` is a 400, not a miss or a 500."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", -(2**63) + 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


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


def _choice_filter(field: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(choices=CHOICE_FIELDS[field].choices)


class CopyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=[(kind, kind) for kind in TITLE_FIELDS], method="filter_kind"
    )
    medium = _choice_filter("medium")
    resolution = _choice_filter("resolution")
    hdr = _choice_filter("hdr")
    condition = _choice_filter("condition")
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    barcode = django_filters.CharFilter(method="filter_barcode", max_length=64)
    acquired_after = django_filters.DateFilter(field_name="acquired_on", lookup_expr="gte")
    acquired_before = django_filters.DateFilter(field_name="acquired_on", lookup_expr="lte")
    location = django_filters.ModelChoiceFilter(queryset=owned_locations, method="filter_location")
    direct = django_filters.ChoiceFilter(choices=YES_NO, method="filter_nothing")
    on_loan = django_filters.ChoiceFilter(choices=YES_NO, method="filter_on_loan")
    overdue = django_filters.ChoiceFilter(choices=YES_NO, method="filter_overdue")

    class Meta:
        model = Copy
        fields = ["kind", "medium", "resolution", "hdr", "condition", "platform", "barcode"]

    def filter_kind(self, queryset: QuerySet[Copy], name: str, value: str) -> QuerySet[Copy]:
        return queryset.filter(**{f"{TITLE_FIELDS[value]}__isnull": False})

    def filter_location(self, copies: QuerySet[Copy], name: str, value: Location) -> QuerySet:
        if self.data.get("direct") == "1":
            return copies.filter(location=value)
        parents = location_parents(owner_id=value.owner_id)
        return copies.filter(location_id__in=location_descendants(parents, value.pk))

    def filter_nothing(self, copies: QuerySet[Copy], name: str, value: str) -> QuerySet[Copy]:
        return copies  # `direct` only changes how `location` filters

    def filter_on_loan(self, copies: QuerySet[Copy], name: str, value: str) -> QuerySet[Copy]:
        return copies.filter(loan_id__isnull=value == "0")

    def filter_overdue(self, copies: QuerySet[Copy], name: str, value: str) -> QuerySet[Copy]:
        late = Exists(Loan.objects.filter(overdue(), copy=OuterRef("pk")))
        return copies.filter(late) if value == "1" else copies.exclude(late)

    def filter_barcode(self, queryset: QuerySet[Copy], name: str, value: str) -> QuerySet[Copy]:
        try:
            return queryset.filter(with_barcode(barcode_normalise(value)))
        except InvalidBarcode as error:
            raise ValidationError({"barcode": [str(error)]}) from error


class TitleFilter(django_filters.FilterSet):
    """A medium's titles (movies.filters, books.filters): those with a copy of this form, or on
    this platform, in any case. Subclasses name `title_field`, the copy's field for the title."""

    title_field: str
    form = django_filters.CharFilter(method="filter_form", max_length=200)
    platform = django_filters.CharFilter(method="filter_platform", max_length=200)

    def filter_form(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return self._with_copy(queryset, form__iexact=value)

    def filter_platform(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return self._with_copy(queryset, platform__iexact=value)

    def _with_copy(self, queryset: QuerySet, **copy_lookup: str) -> QuerySet:
        copies = Copy.objects.filter(**{self.title_field: OuterRef("pk")}, **copy_lookup)
        return queryset.filter(Exists(copies))


class LegacyCopyFilter(django_filters.FilterSet):
    """A medium's copies in their legacy shape, by form or platform in any case; subclasses add
    their title's id (`movie = IntegerFilter(field_name="movie_id")`)."""

    form = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
