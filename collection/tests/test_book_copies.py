"""copies/ with books among its titles: their shape, their kind, and a book's ISBN-13 as the
barcode of each of its copies."""

import pytest

from books.tests.factories import make_book, make_book_copy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

PATH = "/api/v1/copies/"
ISBN = "9780306406157"


@pytest.fixture
def shelf(user):
    book = make_book(user, title="Signals and Sampling", isbn_13=ISBN, published_date="1974")
    return {
        "paperback": make_book_copy(book, form="Paperback", medium="paperback"),
        "ebook": make_book_copy(book, form="Kindle", medium="ebook", barcode=""),
        "dvd": make_copy(make_movie(user, title="Sphere"), barcode="4006381333931"),
        "labelled": make_copy(make_movie(user, title="Alien"), barcode=ISBN),
    }


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [copy["id"] for copy in response.json()]


def test_a_books_copy_has_kind_book_and_every_copy_a_book_key(owner_client, shelf):
    ebook = owner_client.get(f"{PATH}{shelf['ebook'].pk}").json()
    dvd = owner_client.get(f"{PATH}{shelf['dvd'].pk}").json()

    assert (ebook["kind"], ebook["book"], ebook["movie"]) == ("book", shelf["ebook"].book_id, None)
    assert ebook["title"] == {"title": "Signals and Sampling", "year": 1974}
    assert (dvd["kind"], dvd["book"]) == ("movie", None)


@pytest.mark.parametrize("barcode", [ISBN, "978-0-306-40615-7"])
def test_a_books_isbn_finds_its_copies_whatever_their_own_barcode(owner_client, shelf, barcode):
    found = owner_client.get(f"{PATH}lookup", {"barcode": barcode})
    filtered = owner_client.get(PATH, {"barcode": barcode})

    expected = [shelf["labelled"].pk, shelf["paperback"].pk, shelf["ebook"].pk]  # by title
    assert ids(found) == ids(filtered) == expected


def test_the_kind_filter_and_the_title_ordering_know_books(owner_client, shelf):
    books = owner_client.get(PATH, {"kind": "book"})
    by_title = owner_client.get(PATH, {"ordering": "-title"})

    assert ids(books) == [shelf["paperback"].pk, shelf["ebook"].pk]
    assert ids(by_title) == [shelf["dvd"].pk, shelf["paperback"].pk, shelf["ebook"].pk,
                             shelf["labelled"].pk]  # fmt: skip


def test_a_copy_names_exactly_one_title(owner_client, user, shelf):
    book, movie = make_book(user, isbn_13=""), make_movie(user)

    both = owner_client.post(PATH, {"book": book.pk, "movie": movie.pk}, format="json")
    rich = owner_client.post(PATH, {"book": book.pk, "medium": "hardcover"}, format="json")
    moved = owner_client.patch(f"{PATH}{rich.json()['id']}", {"movie": movie.pk}, format="json")

    assert both.status_code == 400 and list(both.json()) == ["book"]
    assert rich.status_code == 201 and rich.json()["kind"] == "book"
    assert moved.status_code == 400
