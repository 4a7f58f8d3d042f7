"""books/ and books/copies/: each method, validation, lists, filters and the copies' media."""

import pytest

from books.models import Book, BookCopy
from books.tests.factories import make_book, make_book_copy
from collection.models import Copy

pytestmark = pytest.mark.django_db

FULL = {
    "title": "Signals and Sampling",
    "subtitle": "A First Course",
    "authors": ["Ada K. Moreau"],
    "publisher": "Plenum Press",
    "published_date": "1974-05",
    "description": "Sampling, aliasing, reconstruction.",
    "page_count": 312,
    "language": "en",
    "categories": ["Mathematics"],
    "isbn_13": "978-0-306-40615-7",
    "google_books_id": "Xq4xAQAAMAAJ",
    "image_link": "https://books.google.com/books?id=Xq4xAQAAMAAJ&img=1",
    "info_link": "https://books.google.com/books?id=Xq4xAQAAMAAJ",
}
BOOK_KEYS = [
    "id", "title", "subtitle", "authors", "publisher", "published_date", "published_year",
    "description", "page_count", "language", "categories", "isbn_13", "isbn_10",
    "google_books_id", "openlibrary_id", "image_link", "info_link", "copies", "created_at",
    "updated_at",
]  # fmt: skip
COPY_KEYS = ["id", "book", "platform", "form", "vod_link", "created_at", "updated_at"]


def post(client, body, path="/api/v1/books/"):
    return client.post(path, body, format="json")


def snapshot() -> list[tuple]:
    return [*Book.objects.order_by("pk").values_list(), *Copy.objects.order_by("pk").values_list()]


# --- books: each method --------------------------------------------------------------------


def test_it_adds_a_book_in_full_and_answers_it_whole(owner_client, user):
    response = post(owner_client, FULL)

    assert response.status_code == 201, response.content
    body = response.json()
    assert list(body) == BOOK_KEYS
    assert body["isbn_13"] == "9780306406157" and body["isbn_10"] == "0306406152"
    assert body["published_year"] == 1974 and body["published_date"] == "1974-05"
    assert body["authors"] == ["Ada K. Moreau"] and body["copies"] == []
    assert Book.objects.get().owner == user
    assert owner_client.get(f"/api/v1/books/{body['id']}").json() == body
    assert owner_client.get("/api/v1/books").json() == [body]


def test_it_adds_a_book_with_only_a_title(owner_client):
    body = post(owner_client, {"title": "Notes"}).json()

    assert body["isbn_13"] == body["isbn_10"] == body["published_date"] == ""
    assert body["authors"] == body["categories"] == []
    assert body["published_year"] is None and body["page_count"] is None


@pytest.mark.parametrize(
    ("sent", "isbn_13", "isbn_10"),
    [
        ({"isbn_13": "0-306-40615-2"}, "9780306406157", "0306406152"),
        ({"isbn_10": "0306406152"}, "9780306406157", "0306406152"),
        ({"isbn_13": "9780306406157", "isbn_10": "0-306-40615-2"}, "9780306406157", "0306406152"),
        ({"isbn_13": "ISBN-13: 979-10-90636-07-1"}, "9791090636071", ""),
        ({"isbn_13": "978030640615751995"}, "9780306406157", "0306406152"),
    ],
)
def test_it_stores_the_isbn_13_and_derives_the_isbn_10(owner_client, sent, isbn_13, isbn_10):
    body = post(owner_client, {"title": "A book", **sent}).json()

    assert (body["isbn_13"], body["isbn_10"]) == (isbn_13, isbn_10)


def test_a_published_date_gives_the_year_and_a_year_alone_is_kept(owner_client):
    dated = post(owner_client, {"title": "A", "published_date": "2009-06-02"}).json()
    year_only = post(owner_client, {"title": "B", "published_year": 1605}).json()

    assert dated["published_year"] == 2009
    assert (year_only["published_date"], year_only["published_year"]) == ("", 1605)


def test_it_patches_and_replaces_a_book(owner_client, user):
    book = make_book(user, isbn_13="9780306406157")

    patched = owner_client.patch(f"/api/v1/books/{book.pk}", {"page_count": 300}, format="json")
    replaced = owner_client.put(f"/api/v1/books/{book.pk}", {"title": "Renamed"}, format="json")

    assert patched.status_code == 200 and patched.json()["page_count"] == 300
    assert replaced.status_code == 200 and replaced.json()["title"] == "Renamed"
    assert replaced.json()["isbn_13"] == "9780306406157"  # PUT leaves an omitted field alone


def test_it_keeps_its_own_isbn_on_update(owner_client, user):
    book = make_book(user)

    response = owner_client.patch(
        f"/api/v1/books/{book.pk}", {"isbn_13": "0306406152"}, format="json"
    )

    assert response.status_code == 200


def test_deleting_a_book_takes_its_copies_with_it(owner_client, user):
    book = make_book(user)
    make_book_copy(book)
    make_book_copy(book, form="Kindle", medium="ebook")

    response = owner_client.delete(f"/api/v1/books/{book.pk}")

    assert response.status_code == 204
    assert not Book.objects.exists() and not Copy.objects.exists()


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "x" * 501),
        ("authors", "Ada K. Moreau"),
        ("authors", [""]),
        ("authors", ["x" * 201]),
        ("authors", [f"Author {i}" for i in range(51)]),
        ("categories", [{"name": "Fiction"}]),
        ("published_date", "2009-13"),
        ("published_date", "2009-02-30"),
        ("published_date", "June 2, 2009"),
        ("published_date", "09"),
        ("published_date", "2101"),
        ("published_year", 2101),
        ("published_year", 0),
        ("published_year", 1998.5),
        ("page_count", 0),
        ("page_count", 100_001),
        ("page_count", "many"),
        ("isbn_13", "978-0-306-40615-8"),
        ("isbn_13", "not an isbn"),
        ("isbn_13", "978030640615X"),
        ("isbn_10", "0306406153"),
        ("language", "x" * 17),
        ("image_link", "not a link"),
    ],
)
def test_a_bad_value_is_a_400_naming_the_field_and_stores_nothing(owner_client, field, value):
    response = post(owner_client, {"title": "A book", field: value})

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not Book.objects.exists()


def test_a_year_that_is_not_the_dates_is_refused(owner_client):
    response = post(owner_client, {"title": "A", "published_date": "2009", "published_year": 2010})

    assert response.status_code == 400
    assert response.json() == {
        "published_year": ["The year of published_date is 2009: send that, or none."]
    }


def test_an_isbn_10_of_another_book_than_the_isbn_13_is_refused(owner_client):
    response = post(
        owner_client, {"title": "A", "isbn_13": "9780306406157", "isbn_10": "0261103342"}
    )

    assert response.status_code == 400
    assert list(response.json()) == ["isbn_10"]


@pytest.mark.parametrize(
    ("sent", "field"),
    [({"isbn_13": "9780306406157"}, "isbn_13"), ({"isbn_13": "0-306-40615-2"}, "isbn_13"),
     ({"isbn_10": "0306406152"}, "isbn_10")],
)  # fmt: skip
def test_an_isbn_already_in_the_collection_is_a_400_naming_the_book(
    owner_client, user, sent, field
):
    existing = make_book(user, title="Signals and Sampling", isbn_13="9780306406157")

    response = post(owner_client, {"title": "Again", **sent})

    assert response.status_code == 400
    assert response.json() == {
        field: [
            'This book is already in your collection: "Signals and Sampling" '
            f"(book id {existing.pk})."
        ]
    }
    assert Book.objects.count() == 1


def test_an_update_to_another_books_isbn_is_refused(owner_client, user):
    make_book(user, isbn_13="9780306406157")
    other = make_book(user, title="Dune", isbn_13="9780441172719")

    response = owner_client.patch(
        f"/api/v1/books/{other.pk}", {"isbn_13": "9780306406157"}, format="json"
    )

    assert response.status_code == 400 and list(response.json()) == ["isbn_13"]


def test_two_users_may_have_the_same_isbn(owner_client, other_user):
    make_book(other_user, isbn_13="9780306406157")

    assert post(owner_client, {"title": "Mine", "isbn_13": "9780306406157"}).status_code == 201


@pytest.mark.parametrize("body", [[FULL], "a book", 42])
def test_it_refuses_a_body_that_is_not_an_object(owner_client, body):
    response = post(owner_client, body)

    assert response.status_code == 400
    assert not Book.objects.exists()


# --- lists ---------------------------------------------------------------------------------


@pytest.fixture
def shelf(user):
    dune = make_book(
        user,
        title="Dune",
        isbn_13="9780441172719",
        published_date="1990-09",
        page_count=535,
        language="en",
    )
    hobbit = make_book(
        user,
        title="The Hobbit",
        isbn_13="9780261103344",
        published_date="1991",
        page_count=310,
        language="en",
    )
    jardin = make_book(
        user,
        title="Le Jardin des marées",
        isbn_13="9791090636071",
        published_date="2015-03-12",
        page_count=224,
        language="fr",
    )
    make_book_copy(dune, form="Paperback", platform="Shelf")
    make_book_copy(hobbit, form="Kindle", platform="Kindle", medium="ebook")
    return {"dune": dune, "hobbit": hobbit, "jardin": jardin}  # fmt: skip


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    body = response.json()
    return [book["title"] for book in (body["results"] if isinstance(body, dict) else body)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Dune", "Le Jardin des marées", "The Hobbit"]),
        ({"search": "hob"}, ["The Hobbit"]),
        ({"published_year": 1990}, ["Dune"]),
        ({"language": "FR"}, ["Le Jardin des marées"]),
        ({"form": "paperback"}, ["Dune"]),
        ({"platform": "kindle"}, ["The Hobbit"]),
        ({"ordering": "-published_year"}, ["Le Jardin des marées", "The Hobbit", "Dune"]),
        ({"ordering": "page_count"}, ["Le Jardin des marées", "The Hobbit", "Dune"]),
        ({"limit": 2, "offset": 1}, ["Le Jardin des marées", "The Hobbit"]),
    ],
)
def test_it_lists_filters_sorts_and_pages_books(owner_client, shelf, query, expected):
    assert titles(owner_client.get("/api/v1/books/", query)) == expected


@pytest.mark.parametrize(
    "query",
    [{"ordering": "owner"}, {"published_year": "late"}, {"limit": "0"}, {"published_year": "1.5"}],
)
def test_a_bad_filter_is_a_400_naming_it(owner_client, shelf, query):
    response = owner_client.get("/api/v1/books", query)

    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_the_list_shows_each_book_with_its_copies_as_the_detail_does(owner_client, shelf):
    listed = owner_client.get("/api/v1/books/").json()
    alone = owner_client.get(f"/api/v1/books/{shelf['dune'].pk}").json()

    assert listed[0] == alone
    assert [list(c) for c in alone["copies"]] == [COPY_KEYS]


def test_an_unchanged_list_answers_304_and_a_write_changes_it(owner_client, shelf):
    first = owner_client.get("/api/v1/books/")
    unchanged = owner_client.get("/api/v1/books/", HTTP_IF_NONE_MATCH=first["ETag"])
    owner_client.patch(f"/api/v1/books/{shelf['dune'].pk}", {"title": "Dune!"}, format="json")
    changed = owner_client.get("/api/v1/books/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert unchanged.status_code == 304 and unchanged.content == b""
    assert changed.status_code == 200 and b"Dune!" in changed.content


# --- copies --------------------------------------------------------------------------------


def test_it_records_a_paperback_and_an_ebook_of_one_book(owner_client, user):
    book = make_book(user)

    paperback = post(
        owner_client,
        {"book": book.pk, "platform": "Shelf", "form": "Paperback", "vod_link": ""},
        "/api/v1/books/copies/",
    )
    ebook = post(
        owner_client,
        {"book": book.pk, "platform": "Kindle", "form": "ebook",
         "vod_link": "https://read.amazon.com/x"},
        "/api/v1/books/copies",
    )  # fmt: skip

    assert paperback.status_code == ebook.status_code == 201
    assert list(paperback.json()) == COPY_KEYS and paperback.json()["book"] == book.pk
    rich = owner_client.get("/api/v1/copies/", {"kind": "book"}).json()
    assert [(c["kind"], c["book"], c["movie"], c["medium"]) for c in rich] == [
        ("book", book.pk, None, "paperback"),
        ("book", book.pk, None, "ebook"),
    ]
    assert rich[0]["title"] == {"title": "Signals and Sampling", "year": 1974}
    listed = owner_client.get("/api/v1/books/").json()[0]["copies"]
    assert [c["form"] for c in listed] == ["Paperback", "ebook"]


def test_it_shows_changes_and_removes_a_copy(owner_client, user):
    book = make_book(user)
    copy = make_book_copy(book)
    path = f"/api/v1/books/copies/{copy.pk}"

    shown = owner_client.get(path)
    patched = owner_client.patch(path, {"form": "Hardback"}, format="json")
    put = owner_client.put(path, {"book": book.pk, "platform": "Attic", "form": "Audio CD"},
                           format="json")  # fmt: skip
    medium = Copy.objects.get().medium
    deleted = owner_client.delete(path)

    assert shown.status_code == 200 and list(shown.json()) == COPY_KEYS
    assert patched.json()["form"] == "Hardback"
    assert put.json()["platform"] == "Attic" and medium == "audiobook"
    assert deleted.status_code == 204 and not BookCopy.objects.exists()


def test_it_lists_filters_and_pages_book_copies(owner_client, shelf):
    every = owner_client.get("/api/v1/books/copies/").json()
    by_book = owner_client.get("/api/v1/books/copies", {"book": shelf["dune"].pk}).json()
    by_form = owner_client.get("/api/v1/books/copies/", {"form": "KINDLE"}).json()
    page = owner_client.get("/api/v1/books/copies/", {"limit": 1}).json()

    assert [c["form"] for c in every] == ["Paperback", "Kindle"]  # by their book's title
    assert [c["book"] for c in by_book] == [shelf["dune"].pk]
    assert [c["form"] for c in by_form] == ["Kindle"]
    assert page["count"] == 2 and len(page["results"]) == 1


@pytest.mark.parametrize("missing", ["book", "platform", "form"])
def test_a_book_copy_needs_its_book_platform_and_form(owner_client, user, missing):
    book = make_book(user)
    body = {"book": book.pk, "platform": "Shelf", "form": "Paperback"}
    before = snapshot()

    response = post(owner_client, {k: v for k, v in body.items() if k != missing},
                    "/api/v1/books/copies/")  # fmt: skip

    assert response.status_code == 400 and list(response.json()) == [missing]
    assert snapshot() == before


def test_the_movie_copies_do_not_list_book_copies(owner_client, shelf):
    assert owner_client.get("/api/v1/movies/copies/").json() == []
    assert owner_client.get("/api/v1/movies/").json() == []
