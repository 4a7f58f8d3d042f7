"""A medium's titles as its list endpoints show them, each with its copies in their legacy
shape, read as `values_list()` rows instead of a model instance and a nested serializer per
row: two queries for any number of titles (see movies.selectors, books.selectors)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request

from collection.copies import legacy_columns, legacy_copy_shape
from collection.rendering import CHUNK, json_array


class TitleListing:
    """The rows of one kind of title: `fields` are its columns in the API's order, ending
    with its two timestamps (`copies` is shown before them); `title_field` is the copy's field
    that names it."""

    def __init__(self, title_field: str, fields: tuple[str, ...]) -> None:
        self.title_field = title_field
        self.fields = fields
        self.copy_columns = legacy_columns(title_field)
        self.copy_shape: Callable[[tuple], dict[str, Any]] = legacy_copy_shape(title_field)

    def title(self, row: tuple, copies: Iterable[tuple]) -> dict[str, Any]:
        *fields, created_at, updated_at = row
        return {
            **dict(zip(self.fields[:-2], fields, strict=True)),
            "copies": [self.copy_shape(copy) for copy in copies],
            "created_at": created_at,
            "updated_at": updated_at,
        }

    def copies_by_title(self, copies: Iterable[tuple]) -> dict[int, list[tuple]]:
        grouped: dict[int, list[tuple]] = defaultdict(list)
        for row in copies:
            grouped[row[1]].append(row)
        return grouped

    def copy_rows(self, copies: Iterable[tuple]) -> list[dict[str, Any]]:
        """Copies in the legacy shape, from `values_list(*copy_columns)` rows."""
        return [self.copy_shape(row) for row in copies]

    def title_rows(self, titles: Iterable[tuple], copies: QuerySet) -> list[dict[str, Any]]:
        """Titles from `values_list(*fields)` rows, each with its copies."""
        grouped = self.copies_by_title(copies.order_by("id").values_list(*self.copy_columns))
        return [self.title(row, grouped.get(row[0], ())) for row in titles]

    def title_row(self, titles: QuerySet, copies: QuerySet, pk: str) -> dict[str, Any] | None:
        """The title `pk` of `titles` as the list shows it, with its `copies`; None when
        `titles` has no such title."""
        rows = self.title_rows(
            titles.filter(pk=pk).values_list(*self.fields),
            copies.filter(**{f"{self.title_field}_id": pk}),
        )
        return rows[0] if rows else None

    def title_list_json(self, titles: QuerySet, copies: QuerySet) -> bytes:
        """The JSON array of `title_rows`, built a chunk at a time: a worker never holds a
        Python object for every title of a large collection at once, only the tuples of
        their copies."""
        rows = copies.order_by("id").values_list(*self.copy_columns).iterator(chunk_size=CHUNK)
        grouped = self.copies_by_title(rows)
        listed = (
            self.title(row, grouped.pop(row[0], ()))
            for row in titles.values_list(*self.fields).iterator(chunk_size=CHUNK)
        )
        return json_array(listed)

    def copy_list_json(self, copies: QuerySet) -> bytes:
        """The JSON array of `copy_rows`, built a chunk at a time."""
        rows = copies.values_list(*self.copy_columns).iterator(CHUNK)
        return json_array(self.copy_shape(row) for row in rows)

    def list_json(self, view: Any, request: Request, titles: QuerySet, copies: QuerySet) -> bytes:
        """A title viewset's list (collection.viewsets.CollectionReadMixin.list_json): a page
        with `limit` or `offset`, else every title; `copies` are the owner's copies of
        this kind."""
        field = self.title_field

        def page_rows(page: list[tuple]) -> list[dict[str, Any]]:
            return self.title_rows(page, copies.filter(**{f"{field}_id__in": [r[0] for r in page]}))

        page = view.paginated_json(request, titles.values_list(*self.fields), page_rows)
        if page is not None:
            return page
        listed = copies.filter(**{f"{field}__in": titles.order_by().values("pk")})
        return self.title_list_json(titles, listed)

    def copies_json(self, view: Any, request: Request, copies: QuerySet) -> bytes:
        """A copy viewset's list: a page with `limit` or `offset`, else every copy."""
        page = view.paginated_json(request, copies.values_list(*self.copy_columns), self.copy_rows)
        return page if page is not None else self.copy_list_json(copies)
