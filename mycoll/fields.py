from typing import Any

from rest_framework import serializers


class StrictIntegerField(serializers.IntegerField):
    """An integer, or a string of digits as a form sends it; never a float or a boolean."""

    default_error_messages = {"invalid": "A whole number is required."}

    def validate_empty_values(self, data: Any) -> tuple[bool, Any]:
        # A form's empty input means "no value" for an optional number.
        if data == "" and self.allow_null:
            return (True, None)
        return super().validate_empty_values(data)

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or isinstance(data, float):
            self.fail("invalid")
        if isinstance(data, str):
            text = data.strip()
            if not text.lstrip("-").isdigit() or not text.isascii() or len(text) > 20:
                self.fail("invalid")
            data = int(text)
        if not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id as an integer or a string of digits; 1.5 or true is not read as id 1."""

    def to_internal_value(self, data: Any) -> Any:
        digits = isinstance(data, str) and data.isascii() and data.isdigit()
        if isinstance(data, bool) or not (isinstance(data, int) or digits):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class OwnedPrimaryKeyRelatedField(StrictPrimaryKeyRelatedField):
    """An id among the requester's own objects: another user's id reads as a missing one."""

    def get_queryset(self) -> Any:
        user = getattr(self.context.get("request"), "user", None)
        queryset = super().get_queryset()
        return queryset.filter(owner_id=user.pk) if user is not None else queryset.none()
