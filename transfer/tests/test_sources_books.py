"""Goodreads', CLZ's and Libib's CSVs, from sample files with their real headers and oddities."""

import pytest

from books.models import Book
from books.tests.factories import make_book
from collection.models import Copy
from transfer.tests.helpers import csv_text

pytestmark = pytest.mark.django_db

GOODREADS_HEADER = [
    "Book Id",
    "Title",
    "Author",
    "Author l-f",
    "Additional Authors",
    "ISBN",
    "ISBN13",
    "My Rating",
    "Average Rating",
    "Publisher",
    "Binding",
    "Number of Pages",
    "Year Published",
    "Original Publication Year",
    "Date Read",
    "Date Added",
    "Bookshelves",
    "Bookshelves with positions",
    "Exclusive Shelf",
    "My Review",
    "Spoiler",
    "Private Notes",
    "Read Count",
    "Owned Copies",
]


def goodreads_row(book_id, title, author, isbn, isbn13, binding, year, shelf, owned):
    return [
        book_id,
        title,
        author,
        "",
        "",
        isbn,
        isbn13,
        "0",
        "4.1",
        "Penguin",
        binding,
        "300",
        year,
        year,
        "",
        "2020/01/01",
        "",
        "",
        shelf,
        "",
        "",
        "",
        "1",
        owned,
    ]


GOODREADS = b"\xef\xbb\xbf" + csv_text(
    GOODREADS_HEADER,
    goodreads_row(
        "1",
        "Dune",
        "Frank Herbert",
        '="0441172717"',
        '="9780441172719"',
        "Mass Market Paperback",
        "1990",
        "read",
        "2",
    ),
    goodreads_row(
        "2", "Sphere", "Michael Crichton", '="0345353145"', '=""', "Hardcover", "1987", "read", "1"
    ),
    goodreads_row(
        "3", "Zine", "Nobody", '=""', '=""', "Kindle Edition", "2011", "currently-reading", "0"
    ),
    goodreads_row("4", "Someday", "Author", '=""', '=""', "Paperback", "2020", "to-read", "0"),
)


def test_goodreads_unwraps_isbns_and_makes_its_owned_copies(run_imports, user):
    existing = make_book(
        user, title="Sphere (old title)", isbn_13="9780345353146", authors=["M. C."]
    )

    report = run_imports("goodreads", GOODREADS, dry_run=False)

    assert [r["status"] for r in report["rows"]] == ["created", "created", "created", "skipped"]
    dune = Book.objects.get(isbn_13="9780441172719")
    assert dune.authors == ["Frank Herbert"] and dune.published_year == 1990
    assert [c.medium for c in Copy.objects.filter(book=dune)] == ["mass_market", "mass_market"]
    assert report["rows"][1]["matched"]["id"] == existing.pk  # ISBN-10 -> ISBN-13
    assert Copy.objects.get(book=existing).medium == "hardcover"
    zine = Book.objects.get(title="Zine")
    assert zine.isbn_13 == "" and not Copy.objects.filter(book=zine).exists()
    assert run_imports("goodreads", GOODREADS, dry_run=False)["counts"]["unchanged"] == 3


CLZ = csv_text(
    [
        "Index",
        "Title",
        "Year",
        "Format",
        "Barcode",
        "IMDb Number",
        "Quantity",
        "Purchase Date",
        "Purchase Price",
        "Purchase Store",
        "Collection Status",
    ],
    [
        "1",
        "Alien",
        "1979",
        "Blu-ray",
        "5039036054737",
        "tt0078748",
        "2",
        "2023-05-06",
        "€ 12,99",
        "Fnac",
        "In Collection",
    ],
    [
        "2",
        "Heat",
        "1995",
        "4K Ultra HD",
        "",
        "",
        "1",
        "05/06/2023",
        "$1,234.50",
        "",
        "In Collection",
    ],
    ["3", "Ran", "1985", "DVD", "", "", "1", "", "9,99", "", "In Collection"],
    ["4", "Tenet", "2020", "DVD", "", "", "1", "", "", "", "Wish List"],
    ["5", "Undated", "", "DVD", "", "", "1", "", "", "", "In Collection"],
)


def test_clz_reads_locale_prices_quantities_and_skips_the_wish_list(run_imports):
    report = run_imports("clz", CLZ, dry_run=False)

    assert [r["status"] for r in report["rows"]] == ["created"] * 3 + ["skipped", "rejected"]
    alien = Copy.objects.filter(movie__title="Alien")
    assert alien.count() == 2
    assert {(str(c.price), c.currency, c.store, c.medium, c.barcode) for c in alien} == {
        ("12.99", "EUR", "Fnac", "bluray", "5039036054737")
    }
    heat = Copy.objects.get(movie__title="Heat")
    assert (str(heat.price), heat.currency, heat.medium, str(heat.acquired_on)) == (
        "1234.50",
        "USD",
        "uhd_bluray",
        "2023-05-06",
    )
    assert Copy.objects.get(movie__title="Ran").price is None
    assert "a movie needs its year" in report["rows"][4]["message"]


LIBIB_HEADER = [
    "item_type", "title", "creators", "first_name", "last_name", "ean_isbn13", "upc_isbn10",
    "description", "publisher", "publish_date", "group", "tags", "notes", "price", "length",
    "number_of_discs", "number_of_players", "age_group", "ensemble", "aspect_ratio", "esrb",
    "rating", "review", "review_date", "status", "began", "completed", "added", "copies",
]  # fmt: skip


def libib_row(**values: str) -> list[str]:
    return [values.get(column, "") for column in LIBIB_HEADER]


LIBIB = csv_text(
    LIBIB_HEADER,
    libib_row(item_type="book", title="Dune", creators="Frank Herbert", ean_isbn13="9780441172719",
              upc_isbn10="0441172717", publisher="Ace", publish_date="1990-08-01", copies="1"),
    libib_row(item_type="movie", title="Alien", creators="Ridley Scott",
              ean_isbn13="5039036054737", publish_date="1979-05-25", notes="Shelf 2", copies="3"),
    libib_row(item_type="videogame", title="Tetris", publish_date="1989", copies="1"),
)  # fmt: skip


def test_libib_brings_movies_and_books(run_imports):
    report = run_imports("libib", LIBIB, dry_run=False)

    assert [r["status"] for r in report["rows"]] == ["created", "created", "skipped"]
    assert Book.objects.get().isbn_13 == "9780441172719"
    alien = Copy.objects.filter(movie__title="Alien", movie__release_year=1979)
    assert alien.count() == 3 and {c.barcode for c in alien} == {"5039036054737"}
