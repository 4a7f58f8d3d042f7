"""A copy's input, checked field by field; answers are shaped by collection.copies."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collection.copies import DETAIL_FIELDS, LEGACY_FIELDS, copy_from_instance
from collection.media import medium_from_form
from collection.models import (
    MAX_DISC_COUNT,
    MAX_PRICE_DIGITS,
    PART_FIELDS,
    TITLE_KINDS,
    Copy,
    Location,
    fill_titles_from_parts,
)
from collection.validators import clean_barcode, clean_currency, validate_extra
from mycoll.fields import OwnedPrimaryKeyRelatedField, StrictIntegerField

TITLE_SUMMARY = {
    "type": "object",
    "description": "The title the copy belongs to: its name and year.",
    "properties": {"title": {"type": "string"}, "year": {"type": "integer", "nullable": True}},
    "required": ["title", "year"],
}
LOAN_SUMMARY = {
    "type": "object",
    "nullable": True,
    "description": "The copy's open loan, or null when it is not on loan.",
    "properties": {
        "id": {"type": "integer"},
        "borrower": {"type": "string"},
        "due_on": {"type": "string", "format": "date", "nullable": True},
    },
    "required": ["id", "borrower", "due_on"],
}
KIND = {"type": "string", "description": f"The kind of its title: {', '.join(TITLE_KINDS)}."}


@extend_schema_field(KIND)
class KindField(serializers.CharField):
    pass


@extend_schema_field(TITLE_SUMMARY)
class TitleSummaryField(serializers.DictField):
    pass


@extend_schema_field(LOAN_SUMMARY)
class LoanSummaryField(serializers.DictField):
    pass


class CopySerializer(serializers.ModelSerializer):
    """A copy with every detail, of any kind of title (one of the title fields names it)."""

    kind = KindField(read_only=True)
    title = TitleSummaryField(read_only=True)
    disc_count = StrictIntegerField(
        min_value=1, max_value=MAX_DISC_COUNT, required=False, allow_null=True
    )
    price = serializers.DecimalField(
        max_digits=MAX_PRICE_DIGITS, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    barcode = serializers.CharField(max_length=64, required=False, allow_blank=True)
    extra = serializers.JSONField(required=False, validators=[validate_extra])
    location = OwnedPrimaryKeyRelatedField(
        queryset=Location.objects.all(), required=False, allow_null=True
    )
    loan = LoanSummaryField(read_only=True)

    class Meta:
        model = Copy
        fields = [
            "id",
            "kind",
            *(title.field for title in TITLE_KINDS.values()),
            *PART_FIELDS,
            "title",
            *DETAIL_FIELDS,
            "location",
            "loan",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        for field in (*(title.field for title in TITLE_KINDS.values()), *PART_FIELDS):
            fields[field] = owned_title_field(Copy._meta.get_field(field))
        return fields

    def validate_currency(self, value: str) -> str:
        return _django_checked(clean_currency, value)

    def validate_barcode(self, value: str) -> str:
        return _django_checked(clean_barcode, value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        merged = {**self._current(), **attrs}
        complete_titles(attrs, merged)
        titles = [t.field for t in TITLE_KINDS.values() if merged.get(t.field) is not None]
        if len(titles) != 1:
            names = ", ".join(t.field for t in TITLE_KINDS.values())
            message = f"A copy belongs to exactly one title: name one of {names}."
            field = titles[-1] if titles else next(iter(TITLE_KINDS.values())).field
            raise serializers.ValidationError({field: [message]})
        if merged.get("price") is not None and not merged.get("currency"):
            raise serializers.ValidationError({"currency": ["Required when a price is given."]})
        if self.instance is None and "medium" not in attrs and attrs.get("form"):
            attrs["medium"] = medium_from_form(attrs["form"])
        return attrs

    def _current(self) -> dict[str, Any]:
        if self.instance is None:
            return {}
        fields = ["price", "currency", *(t.field for t in TITLE_KINDS.values()), *PART_FIELDS]
        return {field: getattr(self.instance, field) for field in fields}

    def to_representation(self, instance: Copy) -> dict[str, Any]:
        return copy_from_instance(instance)


def complete_titles(attrs: dict[str, Any], merged: dict[str, Any]) -> None:
    """A part named (a season) names its title (its show) too: fill it in `attrs` from the
    `merged` stored and new values, or refuse a part of another title (a 400 naming it)."""
    errors = fill_titles_from_parts(merged, named={f for f, v in attrs.items() if v is not None})
    if errors:
        raise serializers.ValidationError(errors)
    for part, field in PART_FIELDS.items():
        if merged.get(part) is not None:
            attrs[field] = merged[field]


def _django_checked(clean: Any, value: Any) -> Any:
    try:
        return clean(value)
    except DjangoValidationError as error:
        raise serializers.ValidationError(error.messages) from None


def owned_title_field(model_field: Any) -> serializers.Field:
    return OwnedPrimaryKeyRelatedField(
        queryset=model_field.related_model.objects.all(), required=False, allow_null=True
    )


def legacy_copy_fields(title_field: str) -> list[str]:
    return ["id", title_field, *LEGACY_FIELDS, "created_at", "updated_at"]


class LegacyCopySerializer(serializers.ModelSerializer):
    """A title's copies in their first shape, `{id, <title>, platform, form, vod_link,
    created_at, updated_at}`: platform and form are required, and the medium follows the
    form. Each medium's app names its title field in Meta (see movies.serializers)."""

    class Meta:
        model = Copy
        fields: list[str] = []
        read_only_fields = ["id", "created_at", "updated_at"]
        extra_kwargs = {
            field: {"required": True, "allow_blank": False} for field in ("platform", "form")
        }

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        complete_titles(attrs, dict(attrs))
        if "form" in attrs:
            attrs["medium"] = medium_from_form(attrs["form"])
        return attrs
