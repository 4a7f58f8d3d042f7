"""The requester's whole collection as a file, produced a chunk of rows at a time: JSON (the
lossless document that the `mycoll` import reads back), CSV (one row per copy) and
Letterboxd's import CSV. Each title kind costs two queries, read with `iterator()`, whatever
the collection's size."""

import csv
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import groupby, islice
from typing import Any

import orjson
from django.contrib.auth.models import AbstractBaseUser

from collection.models import TITLE_KINDS, Copy, Loan, Location
from transfer.titles import (
    COPY_FIELDS,
    OUTSIDE_IDS,
    SECTIONS,
    copy_fields,
    installed_kinds,
    part_fields,
    part_model,
    part_number,
    parts,
    title_fields,
    title_model,
)

CHUNK = 1000  # rows fetched, and rendered, at a time
FORMAT_VERSION = 1
LOCATION_FIELDS = ("id", "name", "parent_id", "kind", "notes", "created_at", "updated_at")
LOAN_FIELDS = tuple(f.attname for f in Loan._meta.concrete_fields if f.name != "owner")
# A cell that a spreadsheet would read as a formula (or a quote that would hide one) gets a
# leading apostrophe; the `csv` import takes one off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
CSV_COLUMNS = (
    "kind", "title", "year", *OUTSIDE_IDS, "season", "copy_id",
    *(f for f in COPY_FIELDS if f not in ("id", "created_at", "updated_at")),
)  # fmt: skip
LETTERBOXD_COLUMNS = ("tmdbID", "imdbID", "Title", "Year")
LOCATION_SEPARATOR = " > "
CONTENT_TYPES = {"json": "application/json", "csv": "text/csv", "letterboxd": "text/csv"}
FILE_SUFFIXES = {"json": "json", "csv": "csv", "letterboxd": "letterboxd.csv"}


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=str, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)


# Foreign keys as `values()` names them, and as the API does.
API_NAMES = {
    "location_id": "location", "parent_id": "parent", "copy_id": "copy",
    **{f"{part}_id": part for title in TITLE_KINDS.values() for part in title.parts},
}  # fmt: skip


def _renamed(row: dict[str, Any]) -> dict[str, Any]:
    return {API_NAMES.get(key, key): value for key, value in row.items()}


def _price(value: Decimal | None) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))


def _copy_values(kind: str) -> list[str]:
    keys = {"location", *parts(kind)}
    return [f"{f}_id" if f in keys else f for f in copy_fields(kind)]


def _copies_of(owner: AbstractBaseUser, kind: str) -> Any:
    field = TITLE_KINDS[kind].field
    return Copy.objects.filter(owner=owner, **{f"{field}__isnull": False}).order_by(
        f"{field}_id", "id"
    )


class _ByTitle:
    """Rows read in their title's id order, handed out title by title."""

    def __init__(self, rows: Iterator[dict[str, Any]], key: str) -> None:
        self.groups = groupby(rows, key=lambda row: row.pop(key))
        self.pending = next(self.groups, None)

    def of(self, title_id: int) -> list[dict[str, Any]]:
        if self.pending is None or self.pending[0] != title_id:
            return []
        rows = list(self.pending[1])
        self.pending = next(self.groups, None)
        return rows


def titles_with_copies(owner: AbstractBaseUser, kind: str) -> Iterator[dict[str, Any]]:
    """Each title of the kind, with its parts (a show's seasons) and its copies: a query for
    each, read side by side in title order."""
    field = TITLE_KINDS[kind].field
    titles = title_model(kind).objects.filter(owner=owner).order_by("id")
    copies = _copies_of(owner, kind).values(f"{field}_id", *_copy_values(kind))
    by_part = {
        part: _ByTitle(_part_rows(owner, kind, part).iterator(CHUNK), f"{field}_id")
        for part in parts(kind)
    }
    by_title = _ByTitle(copies.iterator(CHUNK), f"{field}_id")
    for title in titles.values(*title_fields(kind)).iterator(CHUNK):
        own_parts = {f"{part}s": rows.of(title["id"]) for part, rows in by_part.items()}
        own = [_copy_shape(row) for row in by_title.of(title["id"])]
        yield {**title, **own_parts, "copies": own}


def _part_rows(owner: AbstractBaseUser, kind: str, part: str) -> Any:
    field = TITLE_KINDS[kind].field
    rows = (
        part_model(part)
        .objects.filter(owner=owner)
        .order_by(f"{field}_id", part_number(kind, part))
    )
    return rows.values(f"{field}_id", *part_fields(kind, part))


def _copy_shape(row: dict[str, Any]) -> dict[str, Any]:
    return {**_renamed(row), "price": _price(row["price"])}


def _array(items: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    rows = iter(items)
    first = True
    while chunk := list(islice(rows, CHUNK // 10)):
        body = _dumps(chunk)[1:-1]
        yield body if first else b"," + body
        first = False


def json_document(owner: AbstractBaseUser) -> Iterator[bytes]:
    yield b'{"format":"mycoll","version":%d' % FORMAT_VERSION
    for kind, section in SECTIONS.items():
        yield b',"%s":[' % section.encode()
        if kind in TITLE_KINDS:
            yield from _array(titles_with_copies(owner, kind))
        yield b"]"
    locations = Location.objects.filter(owner=owner).order_by("id").values(*LOCATION_FIELDS)
    yield b',"locations":['
    yield from _array(map(_renamed, locations.iterator(CHUNK)))
    loans = Loan.objects.filter(owner=owner).order_by("id").values(*LOAN_FIELDS)
    yield b'],"loans":['
    yield from _array(map(_renamed, loans.iterator(CHUNK)))
    yield b"]}"


def spreadsheet_safe(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _dumps(value).decode() if value else ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() answers what it was given (csv.writer's output)."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield writer.writerow(header).encode()
    for chunk in iter(lambda: list(islice(rows, CHUNK // 10)), []):
        yield "".join(writer.writerow(map(spreadsheet_safe, row)) for row in chunk).encode()


def location_paths(owner: AbstractBaseUser) -> dict[int, str]:
    """Each location's path from its root ("Living room > Shelf 2"): a tree of at most a few
    hundred places, read in one query."""
    places = Location.objects.filter(owner=owner).values_list("id", "name", "parent_id")
    rows = {pk: (name, parent) for pk, name, parent in places}

    def path(pk: int) -> str:
        name, parent = rows[pk]
        return name if parent is None else f"{path(parent)}{LOCATION_SEPARATOR}{name}"

    return {pk: path(pk) for pk in rows}


def _csv_rows(owner: AbstractBaseUser) -> Iterator[list[Any]]:
    paths = location_paths(owner)
    details = [f for f in COPY_FIELDS if f not in ("id", "location", "created_at", "updated_at")]
    for kind in installed_kinds():
        title = TITLE_KINDS[kind]
        ids = [f"{title.field}__{name}" for name in OUTSIDE_IDS if name in title_fields(kind)]
        numbers = [f"{part}__{part_number(kind, part)}" for part in parts(kind)]
        columns = [f"{title.field}__title", f"{title.field}__{title.year_field}", *ids, *numbers]
        rows = _copies_of(owner, kind).values(*columns, *_copy_values(kind))
        for row in rows.iterator(CHUNK):
            outside = {name: row.get(f"{title.field}__{name}") for name in OUTSIDE_IDS}
            yield [
                kind,
                row[columns[0]],
                row[columns[1]],
                *outside.values(),
                row[numbers[0]] if numbers else None,
                row["id"],
                *(_price(row[f]) if f == "price" else row[f] for f in details),
                paths.get(row["location_id"], ""),
            ]


def csv_lines(owner: AbstractBaseUser) -> Iterator[bytes]:
    return _csv_lines(CSV_COLUMNS, _csv_rows(owner))


def letterboxd_lines(owner: AbstractBaseUser) -> Iterator[bytes]:
    fields = ["tmdb_id", "imdb_id", "title", "release_year"]
    present = [f for f in fields if f in title_fields("movie")]
    movies = title_model("movie").objects.filter(owner=owner).order_by("title", "id")
    rows = ([row.get(f) for f in fields] for row in movies.values(*present).iterator(CHUNK))
    return _csv_lines(LETTERBOXD_COLUMNS, rows)


EXPORTERS = {"json": json_document, "csv": csv_lines, "letterboxd": letterboxd_lines}
