"""Writes to the books."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError
from rest_framework.serializers import BaseSerializer

from books import lookup
from books.models import Book
from books.selectors import book_with_isbn, duplicate_isbn_message
from books.serializers import BookSerializer


def book_save(
    *, serializer: BaseSerializer, owner: AbstractBaseUser, field: str = "isbn_13"
) -> Book:
    """Save a validated book; a duplicate ISBN that raced past validation becomes a 400 on
    `field`."""
    try:
        with transaction.atomic():
            return serializer.save(owner=owner)
    except IntegrityError as error:
        isbn = serializer.validated_data.get("isbn_13")
        existing = book_with_isbn(owner=owner, isbn_13=isbn) if isbn else None
        if existing is None:
            raise
        raise ValidationError({field: [duplicate_isbn_message(existing)]}) from error


def book_create_from_isbn(
    *, owner: AbstractBaseUser, isbn: str, data: dict[str, Any], context: dict[str, Any]
) -> BookSerializer:
    """Add the book with this canonical ISBN-13, looked up (Google Books, then Open Library)
    and completed by the caller's own fields, which win. Nothing is stored when the lookup
    fails or the result does not validate."""
    found = lookup.book_by_isbn(isbn)
    serializer = BookSerializer(data={**found, **data, "isbn_13": isbn}, context=context)
    serializer.is_valid(raise_exception=True)
    book_save(serializer=serializer, owner=owner, field="isbn")
    return serializer
