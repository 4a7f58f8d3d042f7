from datetime import date
from typing import Any

from django.utils import timezone
from rest_framework import serializers

from collection.models import Copy, Loan
from mycoll.fields import OwnedPrimaryKeyRelatedField

LOAN_FIELDS = [
    "id", "copy", "borrower", "borrower_contact", "lent_on", "due_on", "returned_on", "notes",
]  # fmt: skip


def not_in_the_future(value: date | None) -> date | None:
    if value is not None and value > timezone.localdate():
        raise serializers.ValidationError("This date is in the future.")
    return value


class LoanSerializer(serializers.ModelSerializer):
    """A copy lent to someone: open until `returned_on` is set."""

    copy = OwnedPrimaryKeyRelatedField(queryset=Copy.objects.all())
    lent_on = serializers.DateField(
        required=False, validators=[not_in_the_future], help_text="Today when left out."
    )
    returned_on = serializers.DateField(
        required=False, allow_null=True, validators=[not_in_the_future]
    )

    class Meta:
        model = Loan
        fields = LOAN_FIELDS
        read_only_fields = ["id"]
        validators: list = []  # one open loan per copy: a 409 from collection.loans.services

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        current = self.instance
        if current is None:
            attrs.setdefault("lent_on", timezone.localdate())
        lent_on = attrs.get("lent_on", current.lent_on if current else None)
        for field in ("due_on", "returned_on"):
            value = attrs.get(field, getattr(current, field) if current else None)
            if value is not None and value < lent_on:
                raise serializers.ValidationError({field: ["This date is before `lent_on`."]})
        return attrs


class ReturnSerializer(serializers.Serializer):
    returned_on = serializers.DateField(
        required=False, validators=[not_in_the_future], help_text="Today when left out."
    )

    def validate_returned_on(self, value: date) -> date:
        if value < self.context["loan"].lent_on:
            raise serializers.ValidationError("This date is before the loan's `lent_on`.")
        return value
