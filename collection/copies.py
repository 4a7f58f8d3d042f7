"""How a copy reads in the API: the same dict from a row of `COLUMNS` (the lists' fast path)
or from an instance (a write's answer), so that the two can never differ."""

from collections.abc import Callable
from decimal import Decimal
from operator import attrgetter
from typing import Any

from collection.models import PART_FIELDS, TITLE_KINDS, Copy

# A copy's own details, in the order the API shows them.
DETAIL_FIELDS = (
    "platform",
    "form",
    "vod_link",
    "medium",
    "resolution",
    "hdr",
    "audio",
    "audio_channels",
    "is_3d",
    "region",
    "edition",
    "disc_count",
    "barcode",
    "condition",
    "acquired_on",
    "price",
    "currency",
    "store",
    "digital_platform",
    "notes",
    "extra",
)
TITLE_COLUMNS = tuple(
    column
    for title in TITLE_KINDS.values()
    for column in (
        f"{title.field}_id",
        f"{title.field}__title",
        f"{title.field}__{title.year_field}",
        *(f"{part}_id" for part in title.parts),
    )
)
COLUMNS = ("id", *TITLE_COLUMNS, *DETAIL_FIELDS, "created_at", "updated_at")
# The legacy shape of a title's copies ({id, movie, platform, form, vod_link, ...}).
LEGACY_FIELDS = ("platform", "form", "vod_link")


def copy_from_row(row: tuple) -> dict[str, Any]:
    return copy_from_values(dict(zip(COLUMNS, row, strict=True)))


def copy_from_instance(copy: Copy) -> dict[str, Any]:
    return copy_from_values({column: _read(copy, column) for column in COLUMNS})


def copy_from_values(values: dict[str, Any]) -> dict[str, Any]:
    kind = next(k for k, t in TITLE_KINDS.items() if values[f"{t.field}_id"] is not None)
    title = TITLE_KINDS[kind]
    price = values["price"]
    return {
        "id": values["id"],
        "kind": kind,
        **{t.field: values[f"{t.field}_id"] for t in TITLE_KINDS.values()},
        **{part: values[f"{part}_id"] for part in PART_FIELDS},
        "title": {
            "title": values[f"{title.field}__title"],
            "year": values[f"{title.field}__{title.year_field}"],
        },
        **{field: values[field] for field in DETAIL_FIELDS},
        "price": None if price is None else str(Decimal(price).quantize(Decimal("0.01"))),
        "created_at": values["created_at"],
        "updated_at": values["updated_at"],
    }


def _read(copy: Copy, column: str) -> Any:
    if "__" not in column:
        return getattr(copy, column)
    related = getattr(copy, column.split("__")[0])
    return None if related is None else attrgetter(column.split("__")[1])(related)


def legacy_columns(title_field: str) -> tuple[str, ...]:
    return ("id", f"{title_field}_id", *LEGACY_FIELDS, "created_at", "updated_at")


def legacy_copy_shape(title_field: str) -> Callable[[tuple], dict[str, Any]]:
    """A row of `legacy_columns(title_field)` as the legacy endpoints show a copy."""
    keys = ("id", title_field, *LEGACY_FIELDS, "created_at", "updated_at")

    def shape(row: tuple) -> dict[str, Any]:
        return dict(zip(keys, row, strict=True))

    return shape
