"""The OpenAPI description of the books' endpoints (see mycoll.schema): what a lookup's
failures answer (Google Books', then Open Library's), and the one-call add's body."""

from books.serializers import ISBN_HELP, BookSerializer, isbn_field
from collection.schema import OneCallAddSchema
from googlebooks.schema import GOOGLE_BOOKS_FAILURES, GOOGLE_BOOKS_NOT_FOUND
from mycoll.schema import error
from openlibrary.schema import OPEN_LIBRARY_FAILURES, OPEN_LIBRARY_NOT_FOUND

LOOKUP_ERRORS = {
    status: error(
        "Open Library was asked because Google Books failed or had nothing, and failed too; "
        "or Google Books failed and Open Library had nothing. "
        f"{GOOGLE_BOOKS_FAILURES[status]}; {OPEN_LIBRARY_FAILURES[status]}"
        + ("; or the database is unavailable (with `Retry-After`)." if status == 503 else ".")
    )
    for status in (502, 503, 504)
}
ISBN_NOT_KNOWN = "Neither Google Books nor Open Library knows the ISBN (`book_not_found`)"
ISBN_NOT_FOUND = error(f"{ISBN_NOT_KNOWN}.")
ID_NOT_FOUND = error(f"{ISBN_NOT_KNOWN}; {GOOGLE_BOOKS_NOT_FOUND}; {OPEN_LIBRARY_NOT_FOUND}.")


class BookFromISBNSerializer(BookSerializer):
    """A one-call add: an ISBN, and any fields to keep; the lookup fills in the rest."""

    isbn = isbn_field(
        help_text=f"{ISBN_HELP} Looked up in Google Books, then Open Library; an ISBN already "
        "in the collection is a `400` naming the book."
    )

    class Meta(BookSerializer.Meta):
        fields = ["isbn", *BookSerializer.Meta.fields]
        extra_kwargs = {"title": {"required": False}}


class BookSchema(OneCallAddSchema):
    """The books' viewset: a book is added in full, or from its ISBN alone."""

    one_call = BookFromISBNSerializer
