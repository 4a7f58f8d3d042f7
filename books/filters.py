import django_filters

from books.models import Book, BookCopy
from collection.filters import IntegerFilter, LegacyCopyFilter, TitleFilter


class BookFilter(TitleFilter):
    title_field = "book"
    published_year = IntegerFilter()
    language = django_filters.CharFilter(lookup_expr="iexact", max_length=16)

    class Meta:
        model = Book
        fields = ["published_year", "language", "form", "platform"]


class BookCopyFilter(LegacyCopyFilter):
    book = IntegerFilter(field_name="book_id")

    class Meta:
        model = BookCopy
        fields = ["book", "form", "platform"]
