"""`goodreads`: Goodreads' library export CSV. A book is matched by `ISBN13`, then `ISBN`
(both wrapped by Goodreads as `="..."`, and often empty), then title and author. `Owned
Copies` says how many copies; `Binding` gives their medium. Books on the `to-read` shelf
that are not owned are the wishlist: skipped."""

import re
from collections.abc import Iterator

from stdnum import isbn

from transfer.sources.base import CopyData, Item, TitleRef, csv_rows, lower_keys, whole_number

REQUIRED = {"book id", "title", "author", "isbn", "isbn13"}
WRAPPED = re.compile(r'^="(.*)"$')
# Goodreads' bindings, lowercased, as MyColl's media.
BINDINGS = {
    "hardcover": "hardcover",
    "library binding": "hardcover",
    "paperback": "paperback",
    "trade paperback": "paperback",
    "mass market paperback": "mass_market",
    "kindle edition": "ebook",
    "ebook": "ebook",
    "nook": "ebook",
    "audiobook": "audiobook",
    "audio cd": "audiobook",
    "audible audio": "audiobook",
    "audio": "audiobook",
}


def unwrapped(value: str) -> str:
    match = WRAPPED.match(value.strip())
    return (match.group(1) if match else value).strip()


def isbn_13(row: dict[str, str]) -> str:
    """The book's ISBN-13, from `ISBN13` or else the ISBN-10 in `ISBN`; "" when neither is
    a valid ISBN."""
    for column in ("isbn13", "isbn"):
        value = unwrapped(row.get(column, ""))
        if value and isbn.is_valid(value):
            return isbn.to_isbn13(isbn.compact(value))
    return ""


def authors(*names: str) -> list[str]:
    """Goodreads' `Author` and `Additional Authors` (comma-separated) as one list."""
    return [name.strip() for text in names for name in text.split(",") if name.strip()]


def medium(binding: str) -> str:
    binding = binding.strip().lower()
    return BINDINGS.get(binding, "other" if binding else "")


def read(data: bytes) -> Iterator[Item]:
    for rank, raw in csv_rows(data, REQUIRED):
        row = lower_keys(raw)
        owned = whole_number(row.get("owned copies", "")) or 0
        if not owned and row.get("exclusive shelf", "") == "to-read":
            yield Item(row=rank, skip=f"On the to-read shelf, not owned: {row['title']}.")
            continue
        year = whole_number(row.get("year published", "")) or whole_number(
            row.get("original publication year", "")
        )
        found = isbn_13(row)
        ref = TitleRef(kind="book", title=row["title"], year=year, author=row["author"])
        ref.ids = {"isbn_13": found} if found else {}
        ref.fields = {"authors": authors(row["author"], row.get("additional authors", ""))}
        ref.fields["publisher"] = row.get("publisher", "")
        copy = {"medium": medium(row.get("binding", ""))}
        key = f"{row['book id'] or found or row['title'].casefold()}"
        copies = [CopyData(key=f"{key}:{n}", fields=dict(copy)) for n in range(1, owned + 1)]
        yield Item(row=rank, title=ref, copies=copies)
