"""`letterboxd`: Letterboxd's export zip (its `watched.csv` gives the films, `watchlist.csv`
the wishlist, skipped), or one of its CSVs (`Name`, `Year`, `Letterboxd URI`). Films are
matched by title and exact year on TMDb and added as movies, without copies."""

from collections.abc import Iterator

from transfer.sources.base import (
    Item,
    SourceError,
    TitleRef,
    csv_rows,
    is_zip,
    lower_keys,
    member_named,
    whole_number,
    zip_members,
)

REQUIRED = {"name", "year", "letterboxd uri"}
WATCHED, WATCHLIST = "watched.csv", "watchlist.csv"


def read(data: bytes) -> Iterator[Item]:
    if not is_zip(data):
        yield from films(data, "The file", wishlist=False)
        return
    members = zip_members(data)
    watched, watchlist = member_named(members, WATCHED), member_named(members, WATCHLIST)
    if watched is None:
        raise SourceError(f"The zip holds no {WATCHED}: is it Letterboxd's export?")
    last = 0
    for item in films(watched, WATCHED, wishlist=False):
        last = item.row
        yield item
    if watchlist is not None:  # its rows numbered on from watched.csv's
        yield from films(watchlist, WATCHLIST, wishlist=True, first_row=last)


def films(data: bytes, what: str, *, wishlist: bool, first_row: int = 0) -> Iterator[Item]:
    seen: set[str] = set()
    for line, raw in csv_rows(data, REQUIRED, what):
        row = lower_keys(raw)
        if wishlist:
            yield Item(row=first_row + line, skip=f"On the watchlist: {row['name']}.")
            continue
        uri = row["letterboxd uri"]
        if uri and uri in seen:
            yield Item(row=first_row + line, skip=f"{row['name']} is listed twice.")
            continue
        seen.add(uri)
        year = whole_number(row["year"])
        ref = TitleRef(kind="movie", title=row["name"], year=year, look_up=True)
        yield Item(row=first_row + line, title=ref)
