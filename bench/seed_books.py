"""The books seeder: N books x C copies (hardcovers and paperbacks on shelves, ebooks and
audiobooks on a service), shaped like a Google Books-filled collection. Feeds the `books/`
cases."""

from __future__ import annotations

import random
from typing import Any

from stdnum import ean, isbn

from bench.seed_movies import WORDS, bought, seed_copies, sentence

PUBLISHERS = ("Penguin", "Gallimard", "Faber & Faber", "Vintage", "Tor", "Folio", "Picador")
CATEGORIES = ("Fiction", "History", "Science", "Poetry", "Biography", "Fantasy")
LANGUAGES = ("en", "fr", "de", "es")
PRINT = ("Hardcover", "Paperback", "Mass market")
SERVICES = ("Kindle", "Kobo", "Audible")


def _isbn13(number: int) -> str:
    digits = f"978{number:09d}"
    return digits + ean.calc_check_digit(digits)


def book_fields(rng: random.Random, number: int) -> dict[str, Any]:
    """A book with an ISBN (its ISBN-10 and year set as Book.save() would: bulk_create skips
    it); about one in ten added by hand, without one."""
    code = _isbn13(number) if number % 10 else ""
    year = rng.randint(1900, 2025)
    published = rng.choice((f"{year}", f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"))
    return {
        "title": " ".join(rng.choices(WORDS, k=rng.randint(1, 5))).title(),
        "subtitle": rng.choice(("", "A Novel", "Collected Stories")),
        "authors": [" ".join(rng.choices(WORDS, k=2)).title() for _ in range(rng.randint(1, 2))],
        "publisher": rng.choice(PUBLISHERS),
        "published_date": published,
        "published_year": year,
        "description": " ".join(sentence(rng) for _ in range(rng.randint(2, 5))),
        "page_count": rng.randint(90, 1200),
        "language": rng.choice(LANGUAGES),
        "categories": rng.sample(CATEGORIES, k=rng.randint(1, 2)),
        "isbn_13": code,
        "isbn_10": isbn.to_isbn10(code) if code else "",
        "google_books_id": f"gb{number:010d}" if code else "",
        "image_link": f"https://books.google.com/books/content?id=gb{number:010d}" if code else "",
    }


def book_copy_fields(rng: random.Random, places: list[Any]) -> dict[str, Any]:
    """A printed book on a shelf, or an ebook or audiobook on a service."""
    form = rng.choice((*PRINT, *SERVICES))
    if form in SERVICES:
        medium = "audiobook" if form == "Audible" else "ebook"
        return {"form": form, "platform": form, "medium": medium, "digital_platform": form,
                **bought(rng)}  # fmt: skip
    shelf = rng.choice(places)
    medium = form.lower().replace(" ", "_")
    return {"form": form, "platform": shelf.name, "medium": medium, "location": shelf,
            "edition": rng.choice(("", "First edition", "Signed")), **bought(rng)}  # fmt: skip


def seed_books(user: Any, count: int, copies: int, rng: random.Random) -> dict[str, list[int]]:
    """`count` books x `copies` copies for `user`: the books' ids, for the `books/` cases."""
    from books.models import Book, BookCopy

    numbers = rng.sample(range(1, 999_999_999), count)
    books = Book.objects.bulk_create(
        [Book(owner=user, **book_fields(rng, number)) for number in numbers], batch_size=2000
    )
    seed_copies(BookCopy, user, [{"book": book} for book in books], copies, book_copy_fields, rng)
    return {"books": [b.pk for b in books]}
