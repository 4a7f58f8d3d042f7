"""Authenticated book lookups: search, and one book's details, in MyColl's shapes, from Google
Books with Open Library behind it (books.lookup). The services' errors are answered by
mycoll.exceptions.exception_handler."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from books import lookup
from books.isbn import InvalidISBN, isbn13, looks_like_isbn
from books.mapping import FILLED_FIELDS
from books.schema import ID_NOT_FOUND, LOOKUP_ERRORS
from books.serializers import BookSerializer
from books.throttling import BookLookupThrottle
from mycoll.throttling import UserThrottle


# The answers' shapes, for the OpenAPI description only.
class BookSearchResultSerializer(serializers.Serializer):
    """One search result."""

    id = serializers.CharField(
        help_text="A Google Books volume id, or an Open Library work or edition key "
        "(`OL45883W`, `OL7353617M`): pass it to details."
    )
    title = serializers.CharField(allow_blank=True)
    subtitle = serializers.CharField(allow_blank=True)
    authors = serializers.ListField(child=serializers.CharField())
    published_year = serializers.IntegerField(allow_null=True)
    isbn_13 = serializers.CharField(allow_blank=True, help_text='The ISBN-13, or "".')
    image_link = serializers.URLField(allow_blank=True, help_text='An https image URL, or "".')


class BookDetailsSerializer(BookSerializer):
    """One book's fields, ready to POST to books/ as they are."""

    copies = None

    class Meta(BookSerializer.Meta):
        fields = list(FILLED_FIELDS)
        read_only_fields: list[str] = []


class BookLookupView(APIView):
    throttle_classes = [UserThrottle, BookLookupThrottle]
    InputSerializer: type[serializers.Serializer]

    def query(self, request: Request) -> str:
        """The validated `query` (a 400 naming it otherwise)."""
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data["query"]


class BookSearchView(BookLookupView):
    class InputSerializer(serializers.Serializer):
        query = serializers.CharField(
            max_length=200,
            help_text="A title, an author, any text; or an ISBN in any written form.",
        )

    @extend_schema(
        tags=["book lookup"],
        operation_id="books_search",
        summary="Search for books",
        description="Books matching `query` from Google Books, or from Open Library when Google "
        "has none or fails. An ISBN (hyphens, spaces, an `ISBN-10:` label; ISBN-10 or -13) "
        "searches by ISBN. Answers are cached (an hour by default).",
        parameters=[InputSerializer],
        responses={200: BookSearchResultSerializer(many=True), **LOOKUP_ERRORS},
    )
    def get(self, request: Request) -> Response:
        return Response(lookup.search(self.query(request)))


class BookDetailsView(BookLookupView):
    class InputSerializer(serializers.Serializer):
        query = serializers.CharField(
            max_length=64, help_text="An ISBN in any written form, or an id from the search."
        )

        def validate_query(self, value: str) -> str:
            if looks_like_isbn(value):
                try:
                    return isbn13(value)
                except InvalidISBN as error:
                    raise serializers.ValidationError(str(error)) from None
            if not lookup.is_book_id(value):
                raise serializers.ValidationError("An ISBN, or an id from the search, is required.")
            return value

    @extend_schema(
        tags=["book lookup"],
        operation_id="books_details",
        summary="One book, by ISBN or id",
        description="One book's fields, shaped to POST to `/api/v1/books/` as they are: by ISBN "
        "(Google Books, then Open Library), by Google volume id, or by Open Library key. "
        "Answers are cached (30 days by default).",
        parameters=[InputSerializer],
        responses={200: BookDetailsSerializer, 404: ID_NOT_FOUND, **LOOKUP_ERRORS},
    )
    def get(self, request: Request) -> Response:
        query: Any = self.query(request)
        if looks_like_isbn(query):
            return Response(lookup.book_by_isbn(query))
        return Response(lookup.book_by_id(query))
