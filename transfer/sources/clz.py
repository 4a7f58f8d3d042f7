"""`clz`: a CSV exported from CLZ (Movies or Books), whose columns the user chose. Headers are
matched by name whatever the case: `Title`, `Year`, `Format`, `Barcode`, `IMDb Number`,
`ISBN`, `Quantity`, `Purchase Date`, `Purchase Price` (locale-formatted: `$19.99`,
`12,99 €`), `Purchase Store`, `Collection Status`, `Index`. `Quantity` copies are made; wish
list rows are skipped. A file with an `ISBN` column is books, otherwise movies."""

import re
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from collection.media import medium_from_form
from transfer.sources.base import CopyData, Item, TitleRef, csv_rows, lower_keys, whole_number
from transfer.sources.goodreads import authors, isbn_13
from transfer.sources.goodreads import medium as book_medium

REQUIRED = {"title"}
SKIPPED_STATUSES = {"wish list", "wishlist", "on order", "sold"}
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "CHF": "CHF", "kr": "SEK"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%d-%m-%Y", "%d.%m.%Y", "%b %d, %Y")
MAX_QUANTITY = 100


def price(text: str) -> tuple[Decimal | None, str]:
    """A locale-formatted price as (amount, currency): `$1,234.50`, `1.234,50 €`, `12,99`.
    The decimal mark is the last `.` or `,` followed by one or two digits at the end."""
    text = text.strip()
    if not text:
        return None, ""
    currency = next((code for symbol, code in SYMBOLS.items() if symbol in text), "")
    letters = re.search(r"\b([A-Z]{3})\b", text)
    currency = currency or (letters.group(1) if letters else "")
    digits = re.sub(r"[^0-9.,]", "", text)
    mark = re.search(r"[.,](\d{1,2})$", digits)
    whole = re.sub(r"[.,]", "", digits[: mark.start()] if mark else digits)
    try:
        return Decimal(f"{whole or 0}.{mark.group(1) if mark else '0'}"), currency
    except InvalidOperation:
        return None, currency


def day(text: str) -> str | None:
    for format in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), format).date().isoformat()
        except ValueError:
            continue
    return None


def read(data: bytes) -> Iterator[Item]:
    for rank, raw in csv_rows(data, REQUIRED):
        yield item(rank, lower_keys(raw))


def item(rank: int, row: dict[str, str]) -> Item:
    status = row.get("collection status", "").lower()
    if status in SKIPPED_STATUSES:
        return Item(row=rank, skip=f"{row.get('collection status')}: {row['title']}.")
    is_book = "isbn" in row
    year = whole_number(row.get("year", "")) or whole_number(row.get("publication year", ""))
    ref = TitleRef(kind="book" if is_book else "movie", title=row["title"], year=year)
    if is_book:
        found = isbn_13(row)
        ref.ids = {"isbn_13": found} if found else {}
        ref.author = row.get("author", "")
        ref.fields = {"authors": authors(ref.author)}
    if not is_book and year is None:
        return Item(row=rank, title=ref, reject="Year: a movie needs its year.")
    fields, message = copy_fields(row, is_book)
    quantity = min(whole_number(row.get("quantity", "")) or 1, MAX_QUANTITY)
    key = row.get("index") or f"{ref.title.casefold()}|{year}|{row.get('barcode', '')}"
    copies = [CopyData(key=f"{key}:{n}", fields=dict(fields)) for n in range(1, quantity + 1)]
    return Item(row=rank, title=ref, copies=copies, extra={"note": message} if message else {})


def copy_fields(row: dict[str, str], is_book: bool) -> tuple[dict[str, Any], str]:
    form = row.get("format", "")
    fields: dict[str, Any] = {"form": form}
    fields["medium"] = book_medium(form) if is_book else medium_from_form(form)
    if row.get("barcode"):
        fields["barcode"] = row["barcode"]
    if row.get("purchase store"):
        fields["store"] = row["purchase store"]
    if row.get("purchase date"):
        fields["acquired_on"] = day(row["purchase date"])
    amount, currency = price(row.get("purchase price", ""))
    if amount is not None and currency:
        fields["price"], fields["currency"] = amount, currency
    if row.get("imdb number"):
        fields["extra"] = {"imdb": row["imdb number"]}
    message = "" if amount is None or currency else "The price names no currency: not kept."
    return fields, message
