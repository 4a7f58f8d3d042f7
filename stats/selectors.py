"""The statistics of one owner's collection, in a bounded number of queries at any size."""

from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from collection.choices import Medium, Resolution
from collection.loans.selectors import overdue
from collection.locations.selectors import location_parents
from collection.models import TITLE_KINDS, Copy, Loan, Location
from stats.completeness import completeness

GROUPED_FIELDS = ("medium", "resolution", "hdr", "platform", "condition")
CENTS = Decimal("0.01")


def copies_in_4k(*, owner: AbstractBaseUser) -> int:
    """Copies in 4K: resolution uhd_4k or medium uhd_bluray, each copy counted once."""
    in_4k = Q(resolution=Resolution.UHD_4K) | Q(medium=Medium.UHD_BLURAY)
    return Copy.objects.filter(in_4k, owner=owner).count()


def collection_stats(*, owner: AbstractBaseUser) -> dict[str, Any]:
    copies = Copy.objects.filter(owner=owner)
    titles, decades = _titles(owner)
    return {
        "titles": titles,
        "titles_by_decade": decades,
        "copies": {
            "total": copies.count(),
            "by_kind": _by_kind(copies),
            **{f"by_{field}": _grouped(copies, field) for field in GROUPED_FIELDS},
            "by_location": _by_top_location(owner, copies),
        },
        "spending": _spending(copies),
        "loans": _loans(owner),
        "completeness": completeness(owner),
    }


def _titles(owner: AbstractBaseUser) -> tuple[dict[str, int], dict[str, int]]:
    """Titles of every kind, and all of them by decade of their year (one query a kind)."""
    counts: dict[str, int] = {}
    decades: Counter[str] = Counter()
    for kind, title in TITLE_KINDS.items():
        model = Copy._meta.get_field(title.field).related_model
        years = model.objects.filter(owner=owner).values(title.year_field).annotate(n=Count("pk"))
        counts[kind] = 0
        for row in years:
            counts[kind] += row["n"]
            if row[title.year_field] is not None:
                decades[str(row[title.year_field] // 10 * 10)] += row["n"]
    return counts, dict(sorted(decades.items()))


def _by_kind(copies) -> dict[str, int]:
    return copies.aggregate(
        **{
            kind: Count("pk", filter=Q(**{f"{title.field}__isnull": False}))
            for kind, title in TITLE_KINDS.items()
        }
    )


def _grouped(copies, field: str) -> dict[str, int]:
    """Copies by a field's value, the most first; copies without a value are left out."""
    rows = copies.exclude(**{field: ""}).values_list(field).annotate(n=Count("pk"))
    return dict(sorted(rows, key=lambda row: (-row[1], row[0])))


def _by_top_location(owner: AbstractBaseUser, copies) -> dict[str, int]:
    """Every copy placed somewhere, counted under the root of its location's tree."""
    parents = location_parents(owner_id=owner.pk)
    roots = Location.objects.filter(owner=owner, parent__isnull=True)
    names = dict(roots.values_list("id", "name"))
    placed = (
        copies.filter(location__isnull=False).values_list("location_id").annotate(n=Count("pk"))
    )
    totals: Counter[str] = Counter({name: 0 for name in names.values()})
    for location_id, n in placed:
        root = location_id
        while parents[root] is not None:
            root = parents[root]
        totals[names[root]] += n
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def _spending(copies) -> list[dict[str, Any]]:
    """What was paid, per currency and year of acquisition (null: no date); never summed
    across currencies."""
    rows = (
        copies.filter(price__isnull=False)
        .annotate(year=ExtractYear("acquired_on"))
        .values_list("currency", "year")
        .annotate(total=Sum("price"))
        .order_by("currency", "year")
    )
    return [
        {"currency": currency, "year": year, "total": str(Decimal(total).quantize(CENTS))}
        for currency, year, total in rows
    ]


def _loans(owner: AbstractBaseUser) -> dict[str, int]:
    return Loan.objects.filter(owner=owner).aggregate(
        on_loan=Count("pk", filter=Q(returned_on__isnull=True)),
        overdue=Count("pk", filter=overdue()),
    )
