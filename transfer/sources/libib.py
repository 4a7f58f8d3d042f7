"""`libib`: Libib's CSV (`item_type`, `title`, `creators`, `ean_isbn13`, `upc_isbn10`,
`publish_date`, `copies`, ...). Movies and books come in; other item types are skipped.
A movie's `ean_isbn13` is its barcode, a book's its ISBN."""

from collections.abc import Iterator

from transfer.sources.base import CopyData, Item, TitleRef, csv_rows, lower_keys, whole_number
from transfer.sources.goodreads import authors, isbn_13

REQUIRED = {"item_type", "title", "ean_isbn13", "upc_isbn10", "copies"}
KINDS = {"movie": "movie", "movies": "movie", "book": "book", "books": "book"}
MAX_COPIES = 100


def read(data: bytes) -> Iterator[Item]:
    for rank, raw in csv_rows(data, REQUIRED):
        row = lower_keys(raw)
        kind = KINDS.get(row["item_type"].lower())
        if kind is None:
            yield Item(row=rank, skip=f"A {row['item_type'] or 'typeless'} item: not kept here.")
            continue
        year = whole_number(row.get("publish_date", "")[:4])
        ref = TitleRef(kind=kind, title=row["title"], year=year, author=row.get("creators", ""))
        fields = {"notes": row.get("notes", "")} if row.get("notes") else {}
        if kind == "book":
            found = isbn_13({"isbn13": row["ean_isbn13"], "isbn": row["upc_isbn10"]})
            ref.ids = {"isbn_13": found} if found else {}
            ref.fields = {"authors": authors(ref.author), "publisher": row.get("publisher", "")}
        elif row["ean_isbn13"] or row["upc_isbn10"]:
            fields["barcode"] = row["ean_isbn13"] or row["upc_isbn10"]
        if kind == "movie" and year is None:
            yield Item(row=rank, title=ref, reject="publish_date: a movie needs its year.")
            continue
        count = min(whole_number(row["copies"]) or 1, MAX_COPIES)
        key = row["ean_isbn13"] or row["upc_isbn10"] or f"{kind}|{ref.title.casefold()}|{year}"
        copies = [CopyData(key=f"{key}:{n}", fields=dict(fields)) for n in range(1, count + 1)]
        yield Item(row=rank, title=ref, copies=copies)
