"""Books in the admin: found by title or ISBN, each with its copies inline."""

import pytest

from books.models import Book
from books.tests.factories import make_book, make_book_copy
from collection.models import Copy

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/books/book/"


def change_form(book: Book, copy=None, **fields) -> dict[str, str]:
    """The book's change form with its one copy inline, as a browser posts it."""
    inline = {"platform": copy.platform, "form": copy.form, "medium": copy.medium} if copy else {}
    form = {
        "owner": str(book.owner_id),
        "title": book.title,
        "authors": '["Ada K. Moreau"]',
        "categories": "[]",
        "isbn_13": book.isbn_13,
        "copies-TOTAL_FORMS": "1" if copy else "0",
        "copies-INITIAL_FORMS": "1" if copy else "0",
        "copies-MIN_NUM_FORMS": "0",
        "copies-MAX_NUM_FORMS": "1000",
        **{k: str(v) for k, v in fields.items() if not k.startswith("copy_")},
    }
    if copy:
        form.update({"copies-0-id": str(copy.pk), "copies-0-book": str(book.pk)})
        form.update({f"copies-0-{k}": v for k, v in inline.items()})
        form.update(
            {f"copies-0-{k[5:]}": str(v) for k, v in fields.items() if k.startswith("copy_")}
        )
    return form


def test_it_lists_books_with_their_copy_count_and_finds_them_by_title_or_isbn(
    superuser_client, user
):
    book = make_book(user, title="Signals and Sampling", isbn_13="9780306406157")
    make_book_copy(book)
    make_book_copy(book, form="Kindle", medium="ebook")
    make_book(user, title="Dune", isbn_13="9780441172719")

    listing = superuser_client.get(CHANGELIST)
    by_isbn = superuser_client.get(CHANGELIST, {"q": "0306406152"})
    by_title = superuser_client.get(CHANGELIST, {"q": "dune"})

    assert listing.status_code == 200 and b"Signals and Sampling" in listing.content
    assert b"Signals" in by_isbn.content and b"Dune" not in by_isbn.content
    assert b"Dune" in by_title.content and b"Signals" not in by_title.content


def test_it_shows_the_copies_inline_with_their_details(superuser_client, user):
    book = make_book(user)
    make_book_copy(book, platform="Kindle library", form="Kindle", medium="ebook")

    response = superuser_client.get(f"/admin/books/book/{book.pk}/change/")

    assert response.status_code == 200
    assert b"Kindle library" in response.content
    assert (
        b'name="copies-0-medium"' in response.content
        and b'name="copies-0-barcode"' in response.content
    )


def test_it_adds_a_book_with_its_isbn_in_any_form(superuser_client, user):
    book = Book(owner=user, title="Signals and Sampling", isbn_13="978-0-306-40615-7")

    response = superuser_client.post(
        "/admin/books/book/add/", change_form(book, published_date="1974-05")
    )

    assert response.status_code == 302, response.content[:3000]
    stored = Book.objects.get()
    assert (stored.isbn_13, stored.isbn_10, stored.published_year) == (
        "9780306406157",
        "0306406152",
        1974,
    )


@pytest.mark.parametrize(
    ("field", "value"), [("isbn_13", "978-0-306-40615-8"), ("published_date", "1974-13")]
)
def test_it_refuses_a_bad_isbn_or_date(superuser_client, user, field, value):
    book = Book(owner=user, title="Signals")

    response = superuser_client.post("/admin/books/book/add/", change_form(book, **{field: value}))

    assert response.status_code == 200 and b"errorlist" in response.content
    assert not Book.objects.exists()


def test_it_refuses_a_second_book_with_one_isbn_for_one_owner(superuser_client, user):
    make_book(user, isbn_13="9780306406157")

    response = superuser_client.post(
        "/admin/books/book/add/", change_form(Book(owner=user, title="Again", isbn_13="0306406152"))
    )

    assert response.status_code == 200 and b"already in your collection" in response.content
    assert Book.objects.count() == 1


def test_a_superuser_moves_a_book_and_its_copies_and_edits_a_copy_inline(
    superuser_client, user, other_user
):
    book = make_book(user)
    copy = make_book_copy(book)

    response = superuser_client.post(
        f"/admin/books/book/{book.pk}/change/",
        change_form(book, copy, owner=other_user.pk, copy_form="Hardback", copy_medium="hardcover"),
    )

    assert response.status_code == 302, response.content[:3000]
    stored = Copy.objects.get()
    assert (stored.owner, stored.form, stored.medium) == (other_user, "Hardback", "hardcover")
    assert Book.objects.get().owner == other_user


def test_a_books_copy_reads_well_on_the_copies_page(superuser_client, user):
    make_book_copy(make_book(user, title="Signals and Sampling"), form="Kindle", medium="ebook")

    response = superuser_client.get("/admin/collection/copy/")

    assert b"Signals and Sampling (1974)" in response.content
