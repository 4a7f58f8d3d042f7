import uuid
from collections.abc import Collection
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from collection.choices import CHOICE_FIELDS

MAX_DISC_COUNT = 500
MAX_PRICE_DIGITS = 12
MAX_EXTRA_KEYS = 50
MAX_EXTRA_VALUE_LENGTH = 500
MAX_EXTRA_KEY_LENGTH = 100


@dataclass(frozen=True)
class TitleKind:
    """A kind of title that copies belong to: the copy's field that names it, the title's
    field that holds its year, the title's field, if any, that is the barcode of each of its
    copies (a book's ISBN-13), and the copy's fields that name a part of it (a show's season),
    each part having a field named like the title's that names its title."""

    field: str
    year_field: str
    barcode_field: str = ""
    parts: tuple[str, ...] = ()


TITLE_KINDS = {
    "movie": TitleKind(field="movie", year_field="release_year"),
    "show": TitleKind(field="show", year_field="year_first_aired", parts=("season",)),
    "book": TitleKind(field="book", year_field="published_year", barcode_field="isbn_13"),
}
TITLE_FIELDS = {kind: title.field for kind, title in TITLE_KINDS.items()}
# The copy's field naming each part, and the copy's field naming the title it is a part of.
PART_FIELDS = {part: title.field for title in TITLE_KINDS.values() for part in title.parts}


def with_barcode(barcode: str) -> Q:
    """Copies with this barcode: their own, or their title's (a book's ISBN-13)."""
    titles = (
        Q(**{f"{title.field}__{title.barcode_field}": barcode})
        for title in TITLE_KINDS.values()
        if title.barcode_field
    )
    return reduce(or_, titles, Q(barcode=barcode))


def exactly_one_set(fields: list[str]) -> Q:
    """Exactly one of these nullable fields is set."""
    return reduce(
        or_,
        (
            Q(**{f"{field}__isnull": False}, **{f"{o}__isnull": True for o in fields if o != field})
            for field in fields
        ),
    )


def fill_titles_from_parts(values: dict[str, Any], named: Collection[str]) -> dict[str, list]:
    """Set in `values` the title of each part they name (a season's show) where `named`, the
    fields the writer named, leaves the title out; answer the errors, by field, where the
    writer named another title."""
    errors = {}
    for part, field in PART_FIELDS.items():
        if values.get(part) is None:
            continue
        title = getattr(values[part], field)
        if field in named and values.get(field) is not None and values[field].pk != title.pk:
            if part in named:
                errors[part] = [f"This {part} belongs to another {field}."]
            else:
                errors[field] = [f"The copy's {part} belongs to another {field}."]
        elif field not in named or values.get(field) is None:
            values[field] = title
    return errors


def one_of_or_blank(field: str, values: list[str]) -> Q:
    return Q(**{field: ""}) | Q(**{f"{field}__in": values})


class CollectionVersion(models.Model):
    """Changes, in the same transaction, with every write to its owner's collection
    (collection.services.collection_lock).

    The lists and details use it as their ETag and as the key of their bodies in the cache,
    so an answer rendered before a write can never be served after it.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="collection_version",
    )
    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.token}"


def _choice_field(field: str, max_length: int = 32) -> models.CharField:
    return models.CharField(
        max_length=max_length, choices=CHOICE_FIELDS[field].choices, blank=True, default=""
    )


class Copy(models.Model):
    """One copy that its owner has of one title: a disc on the shelf, a VOD on a service, a
    paperback. Every detail is optional: "" (or null for numbers and dates) when unknown."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="copies"
    )
    movie = models.ForeignKey(
        "movies.Movie", on_delete=models.CASCADE, null=True, blank=True, related_name="copies"
    )
    book = models.ForeignKey(
        "books.Book", on_delete=models.CASCADE, null=True, blank=True, related_name="copies"
    )
    show = models.ForeignKey(
        "tv.Show", on_delete=models.CASCADE, null=True, blank=True, related_name="copies"
    )
    # A copy of one season of its show; a copy of a show without one is the whole series.
    season = models.ForeignKey(
        "tv.Season", on_delete=models.CASCADE, null=True, blank=True, related_name="copies"
    )
    platform = models.CharField(max_length=200, blank=True, default="")
    form = models.CharField(max_length=200, blank=True, default="")
    vod_link = models.URLField(max_length=500, blank=True, default="")
    medium = _choice_field("medium")
    resolution = _choice_field("resolution")
    hdr = _choice_field("hdr")
    audio = _choice_field("audio")
    audio_channels = _choice_field("audio_channels", max_length=8)
    is_3d = models.BooleanField(default=False)
    region = models.CharField(max_length=16, blank=True, default="")
    edition = models.CharField(max_length=200, blank=True, default="")
    disc_count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_DISC_COUNT)]
    )
    barcode = models.CharField(max_length=13, blank=True, default="")
    condition = _choice_field("condition")
    acquired_on = models.DateField(null=True, blank=True)
    price = models.DecimalField(
        max_digits=MAX_PRICE_DIGITS,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(max_length=3, blank=True, default="")
    store = models.CharField(max_length=200, blank=True, default="")
    digital_platform = models.CharField(max_length=100, blank=True, default="")
    notes = models.TextField(blank=True, default="")
    extra = models.JSONField(default=dict, blank=True)
    location = models.ForeignKey(
        "collection.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "copies"
        indexes = [
            models.Index(fields=["owner", "movie"], name="copy_owner_movie"),
            models.Index(fields=["owner", "book"], name="copy_owner_book"),
            models.Index(fields=["owner", "show"], name="copy_owner_show"),
            models.Index(fields=["owner", "barcode"], name="copy_owner_barcode"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=exactly_one_set(list(TITLE_FIELDS.values())),
                name="copy_exactly_one_title",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{part}__isnull": True}) | Q(**{f"{field}__isnull": False}),
                    name=f"copy_{part}_has_{field}",
                )
                for part, field in PART_FIELDS.items()
            ),
            *(
                models.CheckConstraint(
                    condition=one_of_or_blank(field, choices.values), name=f"copy_{field}_valid"
                )
                for field, choices in CHOICE_FIELDS.items()
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="copy_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | ~Q(currency=""), name="copy_price_has_currency"
            ),
            models.CheckConstraint(
                condition=Q(disc_count__isnull=True)
                | Q(disc_count__gte=1, disc_count__lte=MAX_DISC_COUNT),
                name="copy_disc_count_range",
            ),
        ]

    def __str__(self) -> str:
        what = self.form or self.medium or "copy"
        return f"{what} on {self.platform}" if self.platform else what

    @property
    def kind(self) -> str:
        return next(kind for kind, field in TITLE_FIELDS.items() if getattr(self, f"{field}_id"))


MAX_LOCATION_DEPTH = 6  # a root is level 1
MAX_LOCATION_NAME = 100
MAX_BORROWER_LENGTH = 200


class LocationKind(models.TextChoices):
    ROOM = "room"
    SHELF = "shelf"
    BOX = "box"
    OTHER = "other"


class Location(models.Model):
    """A place its owner names, in a tree: "Living room" > "Shelf 2" > "Box A"."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=MAX_LOCATION_NAME)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(max_length=8, choices=LocationKind.choices, default=LocationKind.OTHER)
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                "owner",
                "parent",
                Lower("name"),
                condition=Q(parent__isnull=False),
                name="location_unique_name_among_siblings",
            ),
            models.UniqueConstraint(
                "owner",
                Lower("name"),
                condition=Q(parent__isnull=True),
                name="location_unique_name_among_roots",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="location_name_not_blank"),
            models.CheckConstraint(
                condition=Q(kind__in=LocationKind.values), name="location_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Loan(models.Model):
    """A copy lent to someone: open until it is returned."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loans"
    )
    copy = models.ForeignKey(Copy, on_delete=models.CASCADE, related_name="loans")
    borrower = models.CharField(max_length=MAX_BORROWER_LENGTH)
    borrower_contact = models.CharField(max_length=MAX_BORROWER_LENGTH, blank=True, default="")
    lent_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-lent_on", "-id"]
        indexes = [models.Index(fields=["owner", "returned_on"], name="loan_owner_returned")]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"],
                condition=Q(returned_on__isnull=True),
                name="loan_one_open_per_copy",
                violation_error_message="This copy is already on loan.",
            ),
            models.CheckConstraint(condition=~Q(borrower=""), name="loan_borrower_not_blank"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True) | Q(due_on__gte=F("lent_on")),
                name="loan_due_after_lent",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=F("lent_on")),
                name="loan_returned_after_lent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.copy} to {self.borrower}"
