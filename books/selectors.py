"""Reads of the books, shaped for the list endpoints without a model instance per row."""

from django.contrib.auth.models import AbstractBaseUser

from books.models import BOOK_FIELDS, Book
from collection.listing import TitleListing

BOOKS = TitleListing("book", BOOK_FIELDS)


def book_with_isbn(
    *, owner: AbstractBaseUser, isbn_13: str, exclude_id: int | None = None
) -> tuple[int, str] | None:
    """The (id, title) of the owner's book with this canonical ISBN-13, if any."""
    books = Book.objects.filter(owner=owner, isbn_13=isbn_13).exclude(pk=exclude_id)
    return books.values_list("pk", "title").first()


def duplicate_isbn_message(book: tuple[int, str]) -> str:
    book_id, title = book
    return f'This book is already in your collection: "{title}" (book id {book_id}).'
