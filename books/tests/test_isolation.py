"""Owner, other user and outsider, on every books endpoint and method."""

import pytest

from books.models import Book, BookCopy
from books.tests.factories import make_book, make_book_copy
from collection.models import Copy

pytestmark = pytest.mark.django_db

BOOK = {"title": "Hijacked"}
THEIR_ISBN = "9780306406157"


@pytest.fixture
def others_book(other_user) -> Book:
    return make_book(other_user, title="Theirs", isbn_13=THEIR_ISBN)


@pytest.fixture
def others_copy(others_book) -> BookCopy:
    return make_book_copy(others_book, platform="Their shelf")


def snapshot() -> list[tuple]:
    return [*Book.objects.order_by("pk").values_list(), *Copy.objects.order_by("pk").values_list()]


def detail_requests(book_id: int, copy_id: int, own_book_id: int) -> list[tuple]:
    copy = {"book": own_book_id, "platform": "x", "form": "y"}
    return [
        ("get", f"/api/v1/books/{book_id}", None),
        ("put", f"/api/v1/books/{book_id}", BOOK),
        ("patch", f"/api/v1/books/{book_id}/", {"title": "Hijacked"}),
        ("delete", f"/api/v1/books/{book_id}", None),
        ("get", f"/api/v1/books/copies/{copy_id}", None),
        ("put", f"/api/v1/books/copies/{copy_id}/", copy),
        ("patch", f"/api/v1/books/copies/{copy_id}", {"platform": "Hijacked"}),
        ("delete", f"/api/v1/books/copies/{copy_id}/", None),
        ("get", f"/api/v1/copies/{copy_id}", None),
        ("patch", f"/api/v1/copies/{copy_id}", {"notes": "Hijacked"}),
    ]


@pytest.mark.parametrize("index", range(10))
def test_it_answers_another_users_ids_exactly_like_missing_ones(
    owner_client, user, others_book, others_copy, index
):
    own = make_book(user, isbn_13="")
    before = snapshot()
    method, path, body = detail_requests(others_book.pk, others_copy.pk, own.pk)[index]
    missing_method, missing_path, missing_body = detail_requests(10**9, 10**9, own.pk)[index]

    theirs = getattr(owner_client, method)(path, body, format="json")
    missing = getattr(owner_client, missing_method)(missing_path, missing_body, format="json")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content
    assert snapshot() == before


def test_it_never_lists_or_finds_another_users_books_or_copies(owner_client, user, others_copy):
    mine = make_book_copy(make_book(user, isbn_13=""))

    books = owner_client.get("/api/v1/books/").json()
    copies = owner_client.get("/api/v1/books/copies/").json()
    by_book = owner_client.get(f"/api/v1/books/copies/?book={others_copy.book_id}").json()
    by_platform = owner_client.get("/api/v1/books/?platform=Their shelf").json()
    every_copy = owner_client.get("/api/v1/copies/", {"kind": "book"}).json()
    by_isbn = owner_client.get("/api/v1/copies/lookup", {"barcode": THEIR_ISBN}).json()
    rich_by_isbn = owner_client.get("/api/v1/copies/", {"barcode": THEIR_ISBN}).json()

    assert [b["id"] for b in books] == [mine.book_id]
    assert [c["id"] for c in copies] == [c["id"] for c in every_copy] == [mine.pk]
    assert by_book == by_platform == by_isbn == rich_by_isbn == []


def test_another_users_isbn_is_not_a_duplicate(owner_client, others_book):
    response = owner_client.post("/api/v1/books/", {"title": "Mine", "isbn_13": THEIR_ISBN},
                                 format="json")  # fmt: skip

    assert response.status_code == 201


@pytest.mark.parametrize("method", ["post", "put", "patch"])
@pytest.mark.parametrize("copies", ["/api/v1/books/copies/", "/api/v1/copies/"])
def test_it_refuses_a_copy_of_another_users_book_like_a_missing_one(
    owner_client, user, others_book, method, copies
):
    own_copy = make_book_copy(make_book(user, isbn_13=""))
    before = snapshot()
    path = copies if method == "post" else f"{copies}{own_copy.pk}"
    payload = {"platform": "Shelf", "form": "Paperback", "vod_link": ""}

    theirs = getattr(owner_client, method)(path, {**payload, "book": others_book.pk}, format="json")
    missing = getattr(owner_client, method)(path, {**payload, "book": 10**9}, format="json")

    assert theirs.status_code == missing.status_code == 400
    assert list(theirs.json()) == ["book"]
    assert theirs.json()["book"][0] == missing.json()["book"][0].replace(
        str(10**9), str(others_book.pk)
    )
    assert snapshot() == before


def test_it_lets_the_owner_do_what_the_others_cannot(other_client, others_book, others_copy):
    assert other_client.get(f"/api/v1/books/{others_book.pk}").status_code == 200
    assert other_client.get(f"/api/v1/books/copies/{others_copy.pk}").status_code == 200
    found = other_client.get("/api/v1/copies/lookup", {"barcode": THEIR_ISBN}).json()
    assert [c["id"] for c in found] == [others_copy.pk]
    assert other_client.delete(f"/api/v1/books/{others_book.pk}").status_code == 204


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/books/"),
        ("post", "/api/v1/books"),
        ("get", "/api/v1/books/copies"),
        ("post", "/api/v1/books/copies/"),
        ("get", "/api/v1/books/{book}"),
        ("put", "/api/v1/books/{book}"),
        ("patch", "/api/v1/books/{book}"),
        ("delete", "/api/v1/books/{book}"),
        ("get", "/api/v1/books/copies/{copy}"),
        ("put", "/api/v1/books/copies/{copy}"),
        ("patch", "/api/v1/books/copies/{copy}"),
        ("delete", "/api/v1/books/copies/{copy}"),
        ("get", "/api/v1/books/search?query=hobbit"),
        ("get", "/api/v1/books/search/details?query=9780306406157"),
    ],
)
def test_it_answers_the_outsider_with_401_everywhere(
    api_client, upstream, others_book, others_copy, method, path
):
    before = snapshot()

    response = getattr(api_client, method)(
        path.format(book=others_book.pk, copy=others_copy.pk), BOOK, format="json"
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert snapshot() == before
    assert len(upstream.calls) == 0
