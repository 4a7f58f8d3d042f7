"""Copies in the admin: on their own page, and inline on each title (see movies.admin).

Every admin write takes the collections it changes first (collection.services), as the API's
writes do, so admin and API writes to one collection run one at a time.
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest

from collection.copies import DETAIL_FIELDS
from collection.loans.selectors import overdue
from collection.models import (
    PART_FIELDS,
    TITLE_FIELDS,
    TITLE_KINDS,
    Copy,
    Loan,
    Location,
    fill_titles_from_parts,
)
from collection.services import collections_lock
from collection.validators import clean_barcode, clean_currency, validate_extra

# A link typed without a scheme is taken as https (Django 6's default).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
INLINE_FIELDS = [field for field in DETAIL_FIELDS if field != "extra"]


class CopyForm(forms.ModelForm):
    vod_link = forms.URLField(max_length=500, required=False, assume_scheme="https")
    barcode = forms.CharField(max_length=64, required=False, help_text="Spaces and hyphens ok.")

    class Meta:
        model = Copy
        fields = ["owner", *TITLE_FIELDS.values(), *PART_FIELDS, *DETAIL_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        named = {field for field in (*TITLE_FIELDS.values(), *PART_FIELDS) if cleaned.get(field)}
        for field, messages in fill_titles_from_parts(cleaned, named).items():
            self.add_error(field, messages)
        return cleaned

    def clean_barcode(self) -> str:
        return clean_barcode(self.cleaned_data.get("barcode", ""))

    def clean_currency(self) -> str:
        return clean_currency(self.cleaned_data.get("currency", ""))

    def clean_extra(self) -> Any:
        extra = self.cleaned_data.get("extra")
        extra = {} if extra is None else extra
        validate_extra(extra)
        return extra


class OwnedAdmin(admin.ModelAdmin):
    """Superusers see everything; other staff only their own rows, and never their owner."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        rows = super().get_queryset(request)
        return rows if request.user.is_superuser else rows.filter(owner=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else [*readonly, "owner"]

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        collections_lock(owner_ids=[obj.owner_id])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        collections_lock(owner_ids=queryset.values_list("owner_id", flat=True))
        super().delete_queryset(request, queryset)


class CopyInline(admin.StackedInline):
    """A title's copies, each with every detail but the owner's own fields."""

    model = Copy
    form = CopyForm
    formfield_overrides = URL_FIELDS
    fields = INLINE_FIELDS
    extra = 0


def save_copies_inline(formset: Any, owner_id: int, **title_ids: int) -> None:
    """Save a title's inline copies under the title's owner (and a part's title: a season's
    copies name its show too)."""
    for copy in formset.save(commit=False):
        copy.owner_id = owner_id
        for field, value in title_ids.items():
            setattr(copy, field, value)
        copy.save()
    for copy in formset.deleted_objects:
        copy.delete()
    formset.save_m2m()


class TitleAdmin(OwnedAdmin):
    """A kind of title (movies.admin, books.admin): its copies inline (an inline of
    CopyInline in `inlines`), how many it has, and the owner's collections taken first."""

    formfield_overrides = URL_FIELDS
    list_select_related = ["owner"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(copy_count=Count("copies"))

    @admin.display(description="copies", ordering="copy_count")
    def copy_count(self, title: Any) -> int:
        return title.copy_count

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not obj.owner_id:
            obj.owner = request.user
        previous = type(obj).objects.filter(pk=obj.pk).values_list("owner_id", flat=True)
        collections_lock(owner_ids=[obj.owner_id, *previous])
        super().save_model(request, obj, form, change)
        # A title moved to another owner takes its copies along.
        obj.copies.exclude(owner=obj.owner).update(owner=obj.owner)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        save_copies_inline(formset, form.instance.owner_id)


@admin.register(Copy)
class CopyAdmin(OwnedAdmin):
    form = CopyForm
    formfield_overrides = URL_FIELDS
    list_display = ["id", "title_name", "medium", "platform", "condition", "owner", "updated_at"]
    list_filter = ["medium", "condition", "resolution", "hdr"]
    search_fields = [
        *(f"{title.field}__title" for title in TITLE_KINDS.values()),
        "barcode",
        "platform",
        "owner__username",
    ]
    list_select_related = ["owner", *(title.field for title in TITLE_KINDS.values())]
    raw_id_fields = [*(title.field for title in TITLE_KINDS.values()), *PART_FIELDS]
    readonly_fields = ["owner", "created_at", "updated_at"]

    @admin.display(description="title")
    def title_name(self, copy: Copy) -> str:
        return str(getattr(copy, TITLE_KINDS[copy.kind].field))

    def save_model(self, request: HttpRequest, obj: Copy, form: Any, change: bool) -> None:
        title = getattr(obj, TITLE_KINDS[obj.kind].field)
        previous = Copy.objects.filter(pk=obj.pk).values_list("owner_id", flat=True)
        collections_lock(owner_ids=[title.owner_id, *previous])
        obj.owner_id = title.owner_id
        super().save_model(request, obj, form, change)


@admin.register(Location)
class LocationAdmin(OwnedAdmin):
    list_display = ["name", "parent", "kind", "owner", "copy_count"]
    list_filter = ["kind"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["parent", "owner"]
    raw_id_fields = ["parent"]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Location]:
        return super().get_queryset(request).annotate(copy_count=Count("copies"))

    @admin.display(description="copies", ordering="copy_count")
    def copy_count(self, location: Location) -> int:
        return location.copy_count

    def save_model(self, request: HttpRequest, obj: Location, form: Any, change: bool) -> None:
        obj.owner_id = obj.owner_id or request.user.pk
        collections_lock(owner_ids=[obj.owner_id])
        super().save_model(request, obj, form, change)


class LoanStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("open", "Open"), ("overdue", "Overdue"), ("returned", "Returned")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Loan]) -> QuerySet[Loan]:
        states = {
            "open": Q(returned_on__isnull=True),
            "overdue": overdue(),
            "returned": Q(returned_on__isnull=False),
        }
        return queryset.filter(states[self.value()]) if self.value() in states else queryset


@admin.register(Loan)
class LoanAdmin(OwnedAdmin):
    list_display = ["copy", "borrower", "lent_on", "due_on", "returned_on", "owner"]
    list_filter = [LoanStateFilter, "lent_on"]
    search_fields = ["borrower", "owner__username"]
    list_select_related = ["copy", "owner"]
    raw_id_fields = ["copy"]
    readonly_fields = ["owner", "created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Loan, form: Any, change: bool) -> None:
        obj.owner_id = obj.copy.owner_id
        collections_lock(owner_ids=[obj.owner_id])
        super().save_model(request, obj, form, change)
