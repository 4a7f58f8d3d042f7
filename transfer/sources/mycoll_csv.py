"""`csv`: MyColl's CSV export (transfer.export.csv_lines), or a file made like it: one row
per copy, `kind`, `title` and `year` at least. A copy's key is its `copy_id`, or else the
title and its rank among the rows of that title."""

from collections.abc import Iterator
from typing import Any

import orjson

from collection.models import TITLE_KINDS
from transfer.export import FORMULA_STARTS
from transfer.sources.base import CopyData, Item, TitleRef, csv_rows, lower_keys, whole_number
from transfer.titles import COPY_FIELDS, OUTSIDE_IDS

REQUIRED = {"kind", "title", "year"}
DETAILS = [f for f in COPY_FIELDS if f not in ("id", "created_at", "updated_at")]
NUMBERS = {"disc_count"}
NULLABLE = {"disc_count", "acquired_on", "price"}


def unescaped(cell: str) -> str:
    """A cell as it was before export escaped it (transfer.export.spreadsheet_safe)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read(data: bytes) -> Iterator[Item]:
    seen: dict[tuple, int] = {}
    for line, raw in csv_rows(data, REQUIRED):
        row = {key: unescaped(value) for key, value in lower_keys(raw).items()}
        yield item(line, row, seen)


def item(line: int, row: dict[str, str], seen: dict[tuple, int]) -> Item:
    kind = row["kind"]
    if kind not in TITLE_KINDS and kind not in ("show", "book"):
        return Item(row=line, reject=f"kind: {kind!r} is not one of movie, show, book.")
    year = whole_number(row["year"])
    ids: dict[str, Any] = {name: row[name] for name in OUTSIDE_IDS if row.get(name)}
    if "tmdb_id" in ids:
        ids["tmdb_id"] = whole_number(ids["tmdb_id"])
    ref = TitleRef(kind=kind, title=row["title"], year=year, ids=ids)
    try:
        fields = {name: value(name, row[name]) for name in DETAILS if name in row}
    except ValueError as error:
        return Item(row=line, title=ref, reject=str(error))
    title_key = (kind, row["title"].casefold(), year)
    seen[title_key] = seen.get(title_key, 0) + 1
    key = row.get("copy_id") or f"{kind}|{row['title'].casefold()}|{year}|{seen[title_key]}"
    return Item(row=line, title=ref, copies=[CopyData(key=key, fields=fields)])


def value(name: str, cell: str) -> Any:
    if name in NULLABLE and cell == "":
        return None
    if name == "is_3d":
        return cell.lower() in ("true", "1", "yes")
    if name in NUMBERS:
        return cell
    if name == "extra":
        try:
            return orjson.loads(cell) if cell else {}
        except orjson.JSONDecodeError:
            raise ValueError("extra: not a JSON object.") from None
    return cell
