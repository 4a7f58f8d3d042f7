"""Checks of a copy's details, shared by the API's serializers and the admin's forms (Django's
ValidationError, which DRF reports under the field's name too)."""

import math
from typing import Any

import pycountry
from django.core.exceptions import ValidationError

from collection.barcodes import InvalidBarcode, barcode_normalise
from collection.models import MAX_EXTRA_KEY_LENGTH, MAX_EXTRA_KEYS, MAX_EXTRA_VALUE_LENGTH

CURRENCIES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
MAX_EXTRA_NUMBER = 2**53  # the largest whole number every JSON reader keeps exactly


def clean_barcode(value: str) -> str:
    """The barcode's digits, or "" for none."""
    if not value:
        return ""
    try:
        return barcode_normalise(value)
    except InvalidBarcode as error:
        raise ValidationError(str(error)) from None


def clean_currency(value: str) -> str:
    code = value.strip().upper()
    if code and code not in CURRENCIES:
        raise ValidationError("An ISO 4217 currency code is required (EUR, USD, ...).")
    return code


def validate_extra(value: Any) -> None:
    """The owner's own fields: a flat object of at most 50 names, each value a text of at most
    500 characters, a number or a boolean."""
    if not isinstance(value, dict):
        raise ValidationError("A JSON object of your own fields is required.")
    if len(value) > MAX_EXTRA_KEYS:
        raise ValidationError(f"At most {MAX_EXTRA_KEYS} fields.")
    for key, item in value.items():
        if not key.strip() or len(key) > MAX_EXTRA_KEY_LENGTH:
            raise ValidationError(f"Each name has 1 to {MAX_EXTRA_KEY_LENGTH} characters.")
        if not _is_extra_value(item):
            raise ValidationError(
                f"{key}: a text of at most {MAX_EXTRA_VALUE_LENGTH} characters, a number or "
                "true/false is required."
            )


def _is_extra_value(item: Any) -> bool:
    if isinstance(item, str):
        return len(item) <= MAX_EXTRA_VALUE_LENGTH
    if isinstance(item, bool):
        return True
    return isinstance(item, int | float) and math.isfinite(item) and abs(item) <= MAX_EXTRA_NUMBER
