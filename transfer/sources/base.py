"""What every source reader shares: the items it yields, and the checks that refuse a hostile
or malformed file before anything is queued (each a `SourceError`, answered as a 400)."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings

UTF8_BOM = b"\xef\xbb\xbf"
OTHER_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


class SourceError(Exception):
    """The file cannot be read as its source: the message says why, for the uploader."""


@dataclass
class TitleRef:
    """The title a row names: how to find it, and what to create it with when it is new."""

    kind: str
    title: str
    year: int | None = None
    ids: dict[str, Any] = field(default_factory=dict)  # tmdb_id, imdb_id, isbn_13, ...
    fields: dict[str, Any] = field(default_factory=dict)  # the title's other fields
    author: str = ""
    look_up: bool = False  # match by title and year through TMDb


@dataclass
class CopyData:
    key: str  # stable across imports of the same record
    fields: dict[str, Any]
    loans: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Item:
    """One row of the source: a title with its copies, or a row to skip or reject."""

    row: int
    title: TitleRef | None = None
    copies: list[CopyData] = field(default_factory=list)
    skip: str = ""
    reject: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # locations and loans (mycoll)


def text_of(data: bytes, what: str = "The file") -> str:
    """UTF-8 text (a byte-order mark is fine); another encoding is a SourceError."""
    for bom, name in OTHER_BOMS.items():
        if data.startswith(bom):
            raise SourceError(f"{what} is {name}; save it as UTF-8.")
    try:
        return data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{what} is not UTF-8 text (an invalid byte at offset {error.start}); save it as UTF-8."
        ) from None


def csv_rows(
    data: bytes, required: set[str], what: str = "The file"
) -> Iterator[tuple[int, dict[str, str]]]:
    """(rank, row) of a CSV file's rows (1 for the first after the header; blank lines do not
    count), which has these columns at least, matched by name whatever the case and the
    surrounding spaces (the rows' keys are as the header spells them)."""
    text = text_of(data, what)
    limit = settings.IMPORT_MAX_ROW_BYTES
    csv.field_size_limit(limit)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader, [])]
        missing = sorted(required - {name.lower() for name in header})
        if missing:
            raise SourceError(f"{what} lacks the required columns: {', '.join(missing)}.")
        rank = 0
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if sum(map(len, values)) > limit:
                raise SourceError(f"Line {reader.line_num} is longer than {limit} bytes.")
            rank += 1
            padded = values + [""] * (len(header) - len(values))  # a short row: blanks
            yield rank, dict(zip(header, padded, strict=False))
    except csv.Error as error:
        if "field larger" in str(error):
            raise SourceError(f"Line {reader.line_num} is longer than {limit} bytes.") from None
        raise SourceError(f"{what} is not valid CSV at line {reader.line_num}: {error}.") from None


def lower_keys(row: dict[str, str]) -> dict[str, str]:
    return {key.strip().lower(): (value or "").strip() for key, value in row.items()}


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06")


def zip_members(data: bytes) -> dict[str, bytes]:
    """Every file of a zip, by its name, within the limits on the entries and their
    uncompressed size (measured as they are read: a header may lie)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise SourceError(f"The file is not a zip archive ({error}).") from None
    if len(entries) > settings.IMPORT_MAX_ZIP_ENTRIES:
        raise SourceError(
            f"The zip holds {len(entries)} entries; at most {settings.IMPORT_MAX_ZIP_ENTRIES}."
        )
    for entry in entries:
        path = PurePosixPath(entry.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise SourceError(f"The zip member {entry.filename!r} points outside the archive.")
    budget = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    members = {}
    for entry in entries:
        if entry.is_dir():
            continue
        members[entry.filename] = _read_member(
            archive, entry, budget - sum(map(len, members.values()))
        )
    return members


def _read_member(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> bytes:
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    too_big = SourceError(f"The zip uncompresses to more than {limit} bytes.")
    if entry.file_size > budget:
        raise too_big
    try:
        with archive.open(entry) as member:
            content = member.read(budget + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as error:
        raise SourceError(f"The zip member {entry.filename!r} cannot be read ({error}).") from None
    if len(content) > budget:
        raise too_big
    return content


def member_named(members: dict[str, bytes], name: str) -> bytes | None:
    """A member by its file name, in whatever folder the archive keeps it."""
    for path, content in members.items():
        if PurePosixPath(path).name.lower() == name.lower():
            return content
    return None


def whole_number(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None
