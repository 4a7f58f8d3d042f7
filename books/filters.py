import django_filters
from django.db.models import Exists, OuterRef, QuerySet

from books.models import Book, BookCopy
from collection.filters import IntegerFilter


def _with_copy(queryset: QuerySet[Book], **copy_lookup: str) -> QuerySet[Book]:
    copies = BookCopy.objects.filter(book=OuterRef("pk"), **copy_lookup)
    return queryset.filter(Exists(copies))


class BookFilter(django_filters.FilterSet):
    published_year = IntegerFilter()
    language = django_filters.CharFilter(lookup_expr="iexact", max_length=16)
    form = django_filters.CharFilter(method="filter_form", max_length=200)
    platform = django_filters.CharFilter(method="filter_platform", max_length=200)

    class Meta:
        model = Book
        fields = ["published_year", "language", "form", "platform"]

    def filter_form(self, queryset: QuerySet[Book], name: str, value: str) -> QuerySet[Book]:
        return _with_copy(queryset, form__iexact=value)

    def filter_platform(self, queryset: QuerySet[Book], name: str, value: str) -> QuerySet[Book]:
        return _with_copy(queryset, platform__iexact=value)


class BookCopyFilter(django_filters.FilterSet):
    book = IntegerFilter(field_name="book_id")
    form = django_filters.CharFilter(lookup_expr="iexact", max_length=200)
    platform = django_filters.CharFilter(lookup_expr="iexact", max_length=200)

    class Meta:
        model = BookCopy
        fields = ["book", "form", "platform"]
