"""Concurrent adds against the real database: one book per ISBN, no 500, no lost copy."""

from collections import Counter

import pytest

from books.models import Book, BookCopy
from books.tests.factories import make_book
from books.tests.mocks import SIGNALS_ISBN
from conftest import client_for
from googlebooks.tests.fake_server import FakeGoogleBooks
from mycoll.tests.fake_service import running
from mycoll.tests.helpers import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("body", "field"),
    [({"title": "Signals", "isbn_13": "978-0-306-40615-7"}, "isbn_13"),
     ({"isbn": "0-306-40615-2"}, "isbn")],
)  # fmt: skip
def test_twenty_concurrent_adds_of_one_isbn_make_one_book(user, settings, body, field):
    clients = [client_for(user) for _ in range(20)]

    with running(FakeGoogleBooks) as fake:
        settings.GOOGLE_BOOKS_API_URL = fake.url
        answers = run_concurrently(
            [lambda c=c: c.post("/api/v1/books/", body, format="json") for c in clients]
        )

    assert Counter(r.status_code for r in answers) == {201: 1, 400: 19}
    book = Book.objects.get()
    expected = f'This book is already in your collection: "{book.title}" (book id {book.pk}).'
    assert all(r.json() == {field: [expected]} for r in answers if r.status_code == 400)
    assert book.isbn_13 == SIGNALS_ISBN


def test_concurrent_copies_of_one_book_are_all_kept(user):
    book = make_book(user)
    clients = [client_for(user) for _ in range(10)]
    copy = {"book": book.pk, "platform": "Shelf", "form": "Paperback"}

    answers = run_concurrently(
        [lambda c=c: c.post("/api/v1/books/copies/", copy, format="json") for c in clients]
    )

    assert [r.status_code for r in answers] == [201] * 10
    assert BookCopy.objects.filter(book=book).count() == 10
