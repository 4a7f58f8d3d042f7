import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact

from books.isbn import isbn10
from collection.models import Copy

MIN_PUBLISHED_YEAR = 1
MAX_PUBLISHED_YEAR = 2100
MAX_PAGE_COUNT = 100_000
MAX_NAMES = 50  # authors, categories
MAX_NAME_LENGTH = 200
# A publication date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD.
PUBLISHED_DATE = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")

# A book's fields, in the order the API shows them (`copies` comes before the timestamps).
BOOK_FIELDS = (
    "id",
    "title",
    "subtitle",
    "authors",
    "publisher",
    "published_date",
    "published_year",
    "description",
    "page_count",
    "language",
    "categories",
    "isbn_13",
    "isbn_10",
    "google_books_id",
    "openlibrary_id",
    "image_link",
    "info_link",
    "created_at",
    "updated_at",
)


class Book(models.Model):
    """A book in one person's collection. Its ISBN-13 is canonical (books.isbn) and its
    ISBN-10 is derived from it; its publication year is that of its date, when it has one."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="books"
    )
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True, default="")
    authors = models.JSONField(default=list, blank=True)
    publisher = models.CharField(max_length=300, blank=True, default="")
    published_date = models.CharField(max_length=10, blank=True, default="")
    published_year = models.IntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_PUBLISHED_YEAR), MaxValueValidator(MAX_PUBLISHED_YEAR)],
    )
    description = models.TextField(blank=True, default="")
    page_count = models.IntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_PAGE_COUNT)]
    )
    language = models.CharField(max_length=16, blank=True, default="")
    categories = models.JSONField(default=list, blank=True)
    isbn_13 = models.CharField(max_length=13, blank=True, default="")
    isbn_10 = models.CharField(max_length=10, blank=True, default="", editable=False)
    google_books_id = models.CharField(max_length=40, blank=True, default="")
    openlibrary_id = models.CharField(max_length=20, blank=True, default="")
    image_link = models.URLField(max_length=500, blank=True, default="")
    info_link = models.URLField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["owner", "title", "id"], name="book_owner_title")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "isbn_13"],
                condition=~Q(isbn_13=""),
                name="book_unique_isbn_13_per_owner",
                violation_error_message="This book is already in your collection.",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="book_title_not_blank"),
            models.CheckConstraint(
                condition=Q(isbn_13="") | Q(Exact(Length("isbn_13"), 13)),
                name="book_isbn_13_length",
            ),
            models.CheckConstraint(
                condition=Q(published_year__isnull=True)
                | Q(published_year__gte=MIN_PUBLISHED_YEAR, published_year__lte=MAX_PUBLISHED_YEAR),
                name="book_published_year_range",
            ),
            models.CheckConstraint(
                condition=Q(page_count__isnull=True)
                | Q(page_count__gte=1, page_count__lte=MAX_PAGE_COUNT),
                name="book_page_count_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.published_year})" if self.published_year else self.title

    def save(self, *args, **kwargs) -> None:
        self.isbn_10 = isbn10(self.isbn_13) if self.isbn_13 else ""
        if self.published_date:
            self.published_year = int(self.published_date[:4])
        super().save(*args, **kwargs)


def validate_published_date(value: str) -> None:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real month and day."""
    if not PUBLISHED_DATE.match(value):
        raise ValidationError("A date as YYYY, YYYY-MM or YYYY-MM-DD is required.")
    year, month, day = (int(part) for part in f"{value}-01-01".split("-")[:3])
    try:
        date(year, month, day)
    except ValueError:
        raise ValidationError(f"{value} is not a date.") from None
    if not MIN_PUBLISHED_YEAR <= year <= MAX_PUBLISHED_YEAR:
        raise ValidationError(f"The year is at most {MAX_PUBLISHED_YEAR}.")


class BookCopyManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(book__isnull=False)


class BookCopy(Copy):
    """The copies of books, as the legacy-shaped endpoints (`books/copies/`) and the admin
    show them: rows of the one copy table (collection.models.Copy)."""

    objects = BookCopyManager()

    class Meta:
        proxy = True
        ordering = ["book__title", "id"]
        verbose_name_plural = "book copies"
