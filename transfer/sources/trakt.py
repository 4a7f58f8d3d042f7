"""`trakt`: Trakt's data-export zip. `collection-movies.json` gives a movie and its copy per
item; `collection-shows.json` a show, whose episodes roll up into one copy per season. Each
item's `metadata` fills medium, resolution, hdr, audio, audio_channels and is_3d;
`collected_at` becomes `acquired_on`. A copy's key is Trakt's id (and the season's number)."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import orjson

from collection.choices import CHOICE_FIELDS
from transfer.sources.base import (
    CopyData,
    Item,
    SourceError,
    TitleRef,
    is_zip,
    member_named,
    zip_members,
)

MOVIES, SHOWS = "collection-movies.json", "collection-shows.json"
# Trakt's metadata names, as MyColl's copy fields (the values are Trakt's already).
METADATA = {
    "media_type": "medium",
    "resolution": "resolution",
    "hdr": "hdr",
    "audio": "audio",
    "audio_channels": "audio_channels",
}


def _json_list(content: bytes, name: str) -> list[dict[str, Any]]:
    try:
        parsed = orjson.loads(content.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as error:
        raise SourceError(f"{name} is not JSON ({error}).") from None
    if not isinstance(parsed, list) or not all(isinstance(item, dict) for item in parsed):
        raise SourceError(f"{name} is not a list of items.")
    return parsed


def read(data: bytes) -> Iterator[Item]:
    if not is_zip(data):
        raise SourceError("A Trakt export is a zip archive; this file is not one.")
    members = zip_members(data)
    movies, shows = member_named(members, MOVIES), member_named(members, SHOWS)
    if movies is None and shows is None:
        raise SourceError(f"The zip holds neither {MOVIES} nor {SHOWS}.")
    row = 0
    for entry in _json_list(movies, MOVIES) if movies is not None else []:
        row += 1
        yield movie_item(row, entry)
    for entry in _json_list(shows, SHOWS) if shows is not None else []:
        row += 1
        yield show_item(row, entry)


def copy_fields(metadata: Any, collected_at: Any) -> dict[str, Any]:
    """A copy's fields from Trakt's metadata; values MyColl does not know are left out."""
    metadata = metadata if isinstance(metadata, dict) else {}
    fields: dict[str, Any] = {}
    for name, field in METADATA.items():
        value = metadata.get(name)
        if isinstance(value, str) and value in CHOICE_FIELDS[field].values:
            fields[field] = value
    if fields.get("medium") == "bluray" and fields.get("resolution") == "uhd_4k":
        fields["medium"] = "uhd_bluray"  # Trakt has no medium of its own for a 4K disc
    fields["is_3d"] = metadata.get("3d") is True
    if isinstance(collected_at, str) and len(collected_at) >= 10:
        fields["acquired_on"] = collected_at[:10]
    return fields


def _ref(kind: str, entry: Any) -> TitleRef | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
        return None
    ids = entry.get("ids") if isinstance(entry.get("ids"), dict) else {}
    known = {"tmdb_id": ids.get("tmdb"), "imdb_id": ids.get("imdb"), "tvdb_id": ids.get("tvdb")}
    year = entry.get("year") if isinstance(entry.get("year"), int) else None
    ref = TitleRef(kind=kind, title=entry["title"], year=year)
    ref.ids = {k: v for k, v in known.items() if v not in (None, "")}
    ref.fields = {"trakt_id": ids.get("trakt")}
    return ref


def movie_item(row: int, entry: dict[str, Any]) -> Item:
    ref = _ref("movie", entry.get("movie"))
    if ref is None:
        return Item(row=row, skip="Not a movie item: Trakt items of other types are skipped.")
    key = f"movie:{ref.fields['trakt_id'] or ref.ids.get('tmdb_id') or ref.title}"
    fields = copy_fields(entry.get("metadata"), entry.get("collected_at"))
    return Item(row=row, title=ref, copies=[CopyData(key=key, fields=fields)])


def show_item(row: int, entry: dict[str, Any]) -> Item:
    ref = _ref("show", entry.get("show"))
    if ref is None:
        return Item(row=row, skip="Not a show item: Trakt items of other types are skipped.")
    show_key = ref.fields["trakt_id"] or ref.ids.get("tvdb_id") or ref.title
    copies = []
    for season in entry.get("seasons") or []:
        if not isinstance(season, dict) or not isinstance(season.get("number"), int):
            continue
        fields = season_fields(season.get("episodes") or [])
        fields["season"] = season["number"]
        copies.append(CopyData(key=f"show:{show_key}:season:{season['number']}", fields=fields))
    return Item(row=row, title=ref, copies=copies)


def season_fields(episodes: list[Any]) -> dict[str, Any]:
    """One copy for a season: its episodes' most common metadata, its first collected day."""
    episodes = [e for e in episodes if isinstance(e, dict)]
    metadata = [orjson.dumps(e.get("metadata") or {}) for e in episodes]
    common = orjson.loads(Counter(metadata).most_common(1)[0][0]) if metadata else {}
    days = sorted(e["collected_at"] for e in episodes if isinstance(e.get("collected_at"), str))
    return copy_fields(common, days[0] if days else None)
