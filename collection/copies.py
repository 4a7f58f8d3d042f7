"""How a copy reads in the API: the same dict from a row of `COLUMNS` (the lists' fast path)
or from an instance (a write's answer), so that the two can never differ."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import F, FilteredRelation, Q, QuerySet
from django.db.models.functions import Coalesce

from collection.fragments import FragmentSource, Rendered, RowVersion, fetch_all, fragment_json
from collection.models import PART_FIELDS, TITLE_KINDS, Copy
from collection.rendering import CHUNK

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


# A copy's fragment (collection/fragments.py) shows its own row, its title's and its open
# loan's: its version is theirs, and the loan's id.
def _row_versions() -> tuple[RowVersion, ...]:
    titles = (RowVersion(f"{title.field}__title") for title in TITLE_KINDS.values())
    return (RowVersion(), *titles, RowVersion("open_loan__id"))


_LOAN_AT = COLUMNS.index("loan_id")
# The legacy shape of a title's copies ({id, movie, platform, form, vod_link, ...}).
LEGACY_FIELDS = ("platform", "form", "vod_link")


def copy_from_row(row: tuple) -> dict[str, Any]:
    return copy_from_values(dict(zip(COLUMNS, row, strict=True)))


def with_columns(copies: QuerySet[Copy]) -> QuerySet[Copy]:
    """Copies with what `COLUMNS` reads beyond their own fields: the title's name (to sort by)
    and the open loan, each joined in the same query (a copy has at most one open loan: the
    constraint loan_one_open_per_copy)."""
    names = [F(f"{title.field}__title") for title in TITLE_KINDS.values()]
    open_loan = FilteredRelation("loans", condition=Q(loans__returned_on__isnull=True))
    return copies.annotate(open_loan=open_loan).annotate(
        title=names[0] if len(names) == 1 else Coalesce(*names),
        **{column: F(f"open_loan__{column.removeprefix('loan_')}") for column in LOAN_COLUMNS},
    )


def copy_fragment_source(owner_id: int, copies: QuerySet[Copy]) -> FragmentSource:
    """The fragments of `copies` (the owner's, `with_columns`, filtered and ordered)."""

    def versions() -> list[tuple[int, tuple]]:
        rows = fetch_all(copies.values_list("id", "loan_id", *_row_versions()))
        return [(row[0], row[1:]) for row in rows]

    def render(ids: list[int] | None) -> list[Rendered]:
        chosen = Copy.objects.filter(owner_id=owner_id, pk__in=ids) if ids else None
        selected = copies if chosen is None else with_columns(chosen)
        rows = selected.values_list(*COLUMNS, *_row_versions()).iterator(CHUNK)
        return [_rendered(row) for row in rows]

    return FragmentSource("copy", owner_id, versions, render)


def _rendered(row: tuple) -> Rendered:
    values, versions = row[: len(COLUMNS)], row[len(COLUMNS) :]
    return Rendered(row[0], (values[_LOAN_AT], *versions), fragment_json(copy_from_row(values)))


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
