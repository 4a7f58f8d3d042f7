"""The database keeps books whole whatever writes them: its constraints, and what a book
derives from its ISBN-13 and its date."""

import pytest
from django.db import IntegrityError, transaction

from books.models import Book
from books.tests.factories import make_book, make_book_copy
from collection.models import Copy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"title": ""},
        {"isbn_13": "97803064061"},
        {"published_year": 0, "published_date": ""},
        {"published_year": 2101, "published_date": ""},
        {"page_count": 0},
        {"page_count": 100_001},
    ],
)
def test_the_database_refuses_a_bad_book(user, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.bulk_create([Book(owner=user, **{"title": "A book", **fields})])

    assert not Book.objects.exists()


def test_the_database_refuses_a_second_isbn_for_one_owner_only(user, other_user):
    make_book(user, isbn_13="9780306406157")
    make_book(other_user, isbn_13="9780306406157")
    make_book(user, title="No ISBN", isbn_13="")
    make_book(user, title="No ISBN either", isbn_13="")

    with pytest.raises(IntegrityError), transaction.atomic():
        Book.objects.create(owner=user, title="Again", isbn_13="9780306406157")
    assert Book.objects.count() == 4


def test_a_book_derives_its_isbn_10_and_its_year_when_saved(user):
    book = make_book(user, isbn_13="9780306406157", published_date="2009-06-02")
    book_979 = make_book(user, isbn_13="9791090636071", published_date="")

    assert (book.isbn_10, book.published_year) == ("0306406152", 2009)
    book.isbn_13 = ""
    book.save()
    assert (book.isbn_10, book_979.isbn_10, book_979.published_year) == ("", "", None)


def test_deleting_a_book_deletes_its_copies_only(user):
    book, other = make_book(user), make_book(user, title="Other", isbn_13="")
    make_book_copy(book)
    kept = make_book_copy(other)

    book.delete()

    assert list(Copy.objects.values_list("pk", flat=True)) == [kept.pk]


def test_books_read_well_in_the_admin(user):
    dated = make_book(user, title="Dune", published_date="1990-09", isbn_13="")
    undated = make_book(user, title="Notes", published_date="", isbn_13="")

    assert (str(dated), str(undated)) == ("Dune (1990)", "Notes")
    assert str(make_book_copy(dated, form="Paperback", platform="Shelf")) == "Paperback on Shelf"
