from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from books.models import Book, BookCopy
from collection.services import collection_write


def make_book(owner: AbstractBaseUser, **fields: Any) -> Book:
    fields.setdefault("title", "Signals and Sampling")
    fields.setdefault("authors", ["Ada K. Moreau"])
    fields.setdefault("published_date", "1974")
    fields.setdefault("isbn_13", "9780306406157")
    with collection_write(owner_id=owner.pk):
        return Book.objects.create(owner=owner, **fields)


def make_book_copy(book: Book, **fields: Any) -> BookCopy:
    fields.setdefault("platform", "Shelf")
    fields.setdefault("form", "Paperback")
    fields.setdefault("medium", "paperback")
    with collection_write(owner_id=book.owner_id):
        return BookCopy.objects.create(book=book, owner=book.owner, **fields)


def make_library(owner: AbstractBaseUser, books: int, copies: int = 2) -> list[Book]:
    """Many books quickly: two bulk inserts (no ISBNs: bulk_create skips save())."""
    with collection_write(owner_id=owner.pk):
        made = Book.objects.bulk_create(
            Book(
                owner=owner,
                title=f"Book {i:05d}",
                authors=[f"Author {i % 50}"],
                published_year=1900 + i % 200,
                page_count=100 + i,
                categories=["Fiction"],
            )
            for i in range(books)
        )
        BookCopy.objects.bulk_create(
            BookCopy(book=book, owner=owner, platform="Shelf", form=f"Form {n}")
            for book in made
            for n in range(copies)
        )
    return made
