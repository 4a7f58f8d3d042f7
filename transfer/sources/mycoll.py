"""`mycoll`: MyColl's own JSON export (transfer.export.json_document), read back losslessly.
Its rows are the locations (first, so that copies can be put in them), then each title with
its copies and their loans; a copy's key is its id in the exporting account."""

from collections.abc import Iterator
from typing import Any

import orjson

from transfer.export import FORMAT_VERSION, LOCATION_SEPARATOR
from transfer.sources.base import CopyData, Item, SourceError, TitleRef
from transfer.titles import OUTSIDE_IDS, SECTIONS, copy_fields, part_number, parts

TIMESTAMPS = ("id", "created_at", "updated_at", "copies")


def document(data: bytes) -> dict[str, Any]:
    try:
        parsed = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise SourceError(f"The file is not JSON ({error}).") from None
    if not isinstance(parsed, dict) or parsed.get("format") != "mycoll":
        raise SourceError('The file is not a MyColl export: it lacks "format": "mycoll".')
    if parsed.get("version") != FORMAT_VERSION:
        raise SourceError(f"This MyColl export's version is not {FORMAT_VERSION}.")
    for section in (*SECTIONS.values(), "locations", "loans"):
        if not isinstance(parsed.get(section, []), list) or not all(
            isinstance(entry, dict) for entry in parsed.get(section, [])
        ):
            raise SourceError(f'"{section}" is not a list of objects.')
    return parsed


def location_paths(locations: list[dict[str, Any]]) -> dict[Any, str]:
    by_id = {place.get("id"): place for place in locations}

    def path(place: dict[str, Any], depth: int = 0) -> str:
        parent = by_id.get(place.get("parent"))
        name = str(place.get("name", ""))
        if parent is None or depth > len(by_id):
            return name
        return f"{path(parent, depth + 1)}{LOCATION_SEPARATOR}{name}"

    return {pk: path(place) for pk, place in by_id.items()}


def read(data: bytes) -> Iterator[Item]:
    parsed = document(data)
    paths = location_paths(parsed.get("locations", []))
    loans: dict[Any, list[dict[str, Any]]] = {}
    for loan in parsed.get("loans", []):
        loans.setdefault(loan.get("copy"), []).append(loan)
    row = 0
    for place in parsed.get("locations", []):
        row += 1
        fields = {k: str(place[k]) for k in ("kind", "notes") if isinstance(place.get(k), str)}
        yield Item(row=row, extra={"location": paths[place.get("id")], "fields": fields})
    for kind, section in SECTIONS.items():
        for entry in parsed.get(section, []):
            row += 1
            yield title_item(row, kind, entry, paths, loans)


def title_item(
    row: int, kind: str, entry: dict[str, Any], paths: dict[Any, str], loans: dict
) -> Item:
    from collection.models import TITLE_KINDS

    year_field = TITLE_KINDS[kind].year_field if kind in TITLE_KINDS else "year"
    copies = entry.get("copies") or []
    if not isinstance(copies, list) or not all(isinstance(c, dict) for c in copies):
        return Item(row=row, reject='"copies" is not a list of objects.')
    own_parts = {part: _list(entry.get(f"{part}s")) for part in parts(kind)}
    not_fields = {*TIMESTAMPS, *OUTSIDE_IDS, *(f"{part}s" for part in own_parts)}
    ref = TitleRef(
        kind=kind,
        title=str(entry.get("title") or ""),
        year=entry.get(year_field) if isinstance(entry.get(year_field), int) else None,
        ids={name: entry[name] for name in OUTSIDE_IDS if entry.get(name) not in (None, "")},
        fields={k: v for k, v in entry.items() if k not in not_fields},
    )
    # A copy names its part (a season) by id; the import, by its number.
    numbers = {
        part: {p.get("id"): p.get(part_number(kind, part)) for p in rows}
        for part, rows in own_parts.items()
    }
    made = [copy_data(kind, c, paths, loans, numbers) for c in copies]
    shaped_parts = {
        part: [{k: v for k, v in p.items() if k not in TIMESTAMPS} for p in rows]
        for part, rows in own_parts.items()
    }
    return Item(row=row, title=ref, copies=made, extra={"parts": shaped_parts})


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def copy_data(
    kind: str, copy: dict[str, Any], paths: dict[Any, str], loans: dict, numbers: dict
) -> CopyData:
    fields = {f: copy[f] for f in copy_fields(kind) if f in copy and f not in TIMESTAMPS}
    fields["location"] = paths.get(fields.get("location"), "")
    for part, by_id in numbers.items():
        fields[part] = by_id.get(fields.get(part))
    return CopyData(key=str(copy.get("id")), fields=fields, loans=loans.get(copy.get("id"), []))
