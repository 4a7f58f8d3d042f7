from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response

from books.filters import BookCopyFilter, BookFilter
from books.models import Book, BookCopy
from books.schema import ISBN_NOT_FOUND, LOOKUP_ERRORS, BookSchema
from books.selectors import BOOKS
from books.serializers import BookCopySerializer, BookSerializer, ISBNLookupSerializer
from books.services import book_create_from_isbn, book_save
from collection.schema import CollectionSchema, detail_operations
from collection.title_views import TitleCopyViewSet, TitleViewSet


def _text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description)


@extend_schema_view(
    list=extend_schema(
        summary="The books",
        description="The requester's books, each with its copies, sorted by title.",
        parameters=[
            OpenApiParameter("search", str, description="Books whose title contains this."),
            OpenApiParameter("published_year", int, description="Books of this year."),
            _text_filter("language", "Books in this language (`en`; any case)."),
            _text_filter("form", "Books with a copy of this form (`Paperback`; any case)."),
            _text_filter("platform", "Books with a copy on this platform (any case)."),
            OpenApiParameter(
                "ordering",
                str,
                description="Sort by `title`, `published_year`, `page_count` or `created_at`, "
                "`-` first to reverse; several, comma-separated. Another value is a `400`.",
            ),
        ],
    ),
    create=extend_schema(
        summary="Add a book",
        description='Add a book in full, or from its ISBN alone (`{"isbn": "978-0-306-40615-7"}`):'
        " it is looked up in Google Books, then Open Library, and the fields left out are "
        "filled from what was found. An ISBN already in the collection, in either of its "
        "forms, is a `400` naming the book, before any service is asked.",
        responses={201: BookSerializer, 404: ISBN_NOT_FOUND, **LOOKUP_ERRORS},
    ),
    **detail_operations("book", removes="Removes the book and its copies."),
)
@extend_schema(tags=["books"])
class BookViewSet(TitleViewSet):
    schema = BookSchema()
    serializer_class = BookSerializer
    title_model = Book
    copy_model = BookCopy
    listing = BOOKS
    title_save = staticmethod(book_save)
    filterset_class = BookFilter
    ordering_fields = ["title", "published_year", "page_count", "created_at"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data
        if not isinstance(data, dict):
            raise ParseError("The body must be a JSON object.")
        if data.get("isbn") in (None, ""):
            return super().create(request, *args, **kwargs)
        context = self.get_serializer_context()
        lookup = ISBNLookupSerializer(data=data, context=context)
        lookup.is_valid(raise_exception=True)
        serializer = book_create_from_isbn(
            owner=request.user, isbn=lookup.validated_data["isbn"], data=data, context=context
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="Every book copy",
        description="The requester's copies of books, sorted by their book's title.",
        parameters=[
            OpenApiParameter("book", int, description="Copies of this book (its id)."),
            _text_filter("form", "Copies of this form (any case)."),
            _text_filter("platform", "Copies on this platform (any case)."),
        ],
    ),
    create=extend_schema(
        summary="Add a book copy",
        description="`book` must be one of the requester's books; the copy's medium follows "
        "its form (`Paperback`, `Hardcover`, `Kindle`, `Audiobook`, ...).",
    ),
    **detail_operations("book copy"),
)
@extend_schema(tags=["copies"])
class BookCopyViewSet(TitleCopyViewSet):
    schema = CollectionSchema()
    serializer_class = BookCopySerializer
    copy_model = BookCopy
    listing = BOOKS
    filterset_class = BookCopyFilter
