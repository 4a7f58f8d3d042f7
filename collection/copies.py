"""How a copy reads in the API: the same dict from a row of `COLUMNS` (the lists' fast path)
or from an instance (a write's answer), so that the two can never differ."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from collection.models import PART_FIELDS, TITLE_KINDS, Copy, Loan

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
LOAN_COLUMNS = ("loan_id", "loan_borrower", "loan_due_on")
COLUMNS = (
    "id", *TITLE_COLUMNS, *DETAIL_FIELDS, "location_id", *LOAN_COLUMNS, "created_at", "updated_at",
)  # fmt: skip
# The legacy shape of a title's copies ({id, movie, platform, form, vod_link, ...}).
LEGACY_FIELDS = ("platform", "form", "vod_link")


def copy_from_row(row: tuple) -> dict[str, Any]:
    return copy_from_values(dict(zip(COLUMNS, row, strict=True)))


def with_columns(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    """Copies with what `COLUMNS` reads beyond their own fields: the title's name (to sort by)
    and the open loan, each an indexed lookup in the same query."""
    names = [F(f"{title.field}__title") for title in TITLE_KINDS.values()]
    open_loan = Loan.objects.filter(copy=OuterRef("pk"), returned_on__isnull=True)
    return copies.annotate(
        title=names[0] if len(names) == 1 else Coalesce(*names),
        **{
            column: Subquery(open_loan.values(column.removeprefix("loan_"))[:1])
            for column in LOAN_COLUMNS
        },
    )


def copy_from_instance(copy: Copy) -> dict[str, Any]:
    """A copy just written, read back as the lists read it."""
    return copy_from_row(with_columns(Copy.objects.filter(pk=copy.pk)).values_list(*COLUMNS).get())


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
        "location": values["location_id"],
        "loan": _loan(values),
        "created_at": values["created_at"],
        "updated_at": values["updated_at"],
    }


def _loan(values: dict[str, Any]) -> dict[str, Any] | None:
    if values["loan_id"] is None:
        return None
    return {
        "id": values["loan_id"],
        "borrower": values["loan_borrower"],
        "due_on": values["loan_due_on"],
    }


def legacy_columns(title_field: str) -> tuple[str, ...]:
    return ("id", f"{title_field}_id", *LEGACY_FIELDS, "created_at", "updated_at")


def legacy_copy_shape(title_field: str) -> Callable[[tuple], dict[str, Any]]:
    """A row of `legacy_columns(title_field)` as the legacy endpoints show a copy."""
    keys = ("id", title_field, *LEGACY_FIELDS, "created_at", "updated_at")

    def shape(row: tuple) -> dict[str, Any]:
        return dict(zip(keys, row, strict=True))

    return shape
