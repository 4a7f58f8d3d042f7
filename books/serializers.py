from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from books.isbn import InvalidISBN, isbn13
from books.models import (
    BOOK_FIELDS,
    MAX_NAME_LENGTH,
    MAX_NAMES,
    MAX_PAGE_COUNT,
    MAX_PUBLISHED_YEAR,
    MIN_PUBLISHED_YEAR,
    Book,
    BookCopy,
    validate_published_date,
)
from books.selectors import book_with_isbn, duplicate_isbn_message
from collection.serializers import LegacyCopySerializer, legacy_copy_fields
from mycoll.fields import OwnedPrimaryKeyRelatedField, StrictIntegerField

ISBN_HELP = "Any written form: hyphens, spaces and a label are fine; stored as the ISBN-13."


class BookCopySerializer(LegacyCopySerializer):
    book = OwnedPrimaryKeyRelatedField(queryset=Book.objects.all())

    class Meta(LegacyCopySerializer.Meta):
        model = BookCopy
        fields = legacy_copy_fields("book")


class NestedBookCopySerializer(BookCopySerializer):
    book = serializers.PrimaryKeyRelatedField(read_only=True)


def names_field(what: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=MAX_NAME_LENGTH),
        max_length=MAX_NAMES,
        required=False,
        help_text=f"A list of {what}, at most {MAX_NAMES}.",
    )


def isbn_field(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=64, trim_whitespace=True, **kwargs)


def canonical_isbn(value: str) -> str:
    """The ISBN-13 of an ISBN written any way; a 400 with the reason otherwise."""
    try:
        return isbn13(value)
    except InvalidISBN as error:
        raise serializers.ValidationError(str(error)) from None


class BookSerializer(serializers.ModelSerializer):
    authors = names_field("names")
    categories = names_field("subjects")
    published_date = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        help_text="YYYY, YYYY-MM or YYYY-MM-DD, as precise as it is known.",
    )
    published_year = StrictIntegerField(
        min_value=MIN_PUBLISHED_YEAR,
        max_value=MAX_PUBLISHED_YEAR,
        required=False,
        allow_null=True,
        help_text="The year of `published_date` when it has one (it is then filled in).",
    )
    page_count = StrictIntegerField(
        min_value=1, max_value=MAX_PAGE_COUNT, required=False, allow_null=True
    )
    isbn_13 = isbn_field(
        required=False, allow_blank=True, help_text=f"Unique in the collection. {ISBN_HELP}"
    )
    isbn_10 = isbn_field(
        required=False,
        allow_blank=True,
        help_text="Derived from the ISBN-13 (empty for a 979 one); one sent must agree with it.",
    )
    copies = NestedBookCopySerializer(many=True, read_only=True)

    class Meta:
        model = Book
        fields = [*BOOK_FIELDS[:-2], "copies", *BOOK_FIELDS[-2:]]
        read_only_fields = ["id", "copies", "created_at", "updated_at"]

    def validate_published_date(self, value: str) -> str:
        if value:
            try:
                validate_published_date(value)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from None
        return value

    def validate_isbn_13(self, value: str) -> str:
        return canonical_isbn(value) if value else ""

    def validate_isbn_10(self, value: str) -> str:
        return canonical_isbn(value) if value else ""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        self._settle_isbn(attrs)
        self._settle_year(attrs)
        return attrs

    def _current(self, field: str, attrs: dict[str, Any]) -> Any:
        return attrs[field] if field in attrs else getattr(self.instance, field, None)

    def _settle_isbn(self, attrs: dict[str, Any]) -> None:
        """An ISBN-10 sent names the same book as the ISBN-13, or gives it; the ISBN-13 is
        unique in the owner's collection."""
        from_10 = attrs.pop("isbn_10", "")
        isbn = self._current("isbn_13", attrs) or ""
        if from_10 and isbn and from_10 != isbn:
            raise serializers.ValidationError(
                {"isbn_10": [f"Not the same book as isbn_13 ({isbn}): send one, or both alike."]}
            )
        if from_10 and not isbn:
            attrs["isbn_13"] = isbn = from_10
        if not isbn or "isbn_13" not in attrs:
            return
        exclude_id = self.instance.pk if self.instance else None
        existing = book_with_isbn(
            owner=self.context["request"].user, isbn_13=isbn, exclude_id=exclude_id
        )
        if existing is not None:
            field = "isbn_10" if from_10 and "isbn_13" not in self.initial_data else "isbn_13"
            raise serializers.ValidationError({field: [duplicate_isbn_message(existing)]})

    def _settle_year(self, attrs: dict[str, Any]) -> None:
        date = self._current("published_date", attrs) or ""
        given = attrs.get("published_year")
        if date and given is not None and given != int(date[:4]):
            message = f"The year of published_date is {date[:4]}: send that, or none."
            raise serializers.ValidationError({"published_year": [message]})


class ISBNLookupSerializer(serializers.Serializer):
    """The isbn of a one-call add, checked before any service is asked."""

    isbn = isbn_field(help_text=f"The book's ISBN. {ISBN_HELP}")

    def validate_isbn(self, value: str) -> str:
        number = canonical_isbn(value)
        owner = self.context["request"].user
        existing = book_with_isbn(owner=owner, isbn_13=number)
        if existing is not None:
            raise serializers.ValidationError(duplicate_isbn_message(existing))
        return number
