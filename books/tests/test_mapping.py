"""What MyColl makes of the two services' answers (books.googlebooks_mapping,
books.openlibrary_mapping, books.mapping)."""

import pytest

from books import googlebooks_mapping as google
from books import openlibrary_mapping as openlibrary
from books.mapping import FILLED_FIELDS, https, names
from googlebooks.errors import GoogleBooksUnavailable
from googlebooks.tests.helpers import JARDIN, SIGNALS, volume
from openlibrary.errors import OpenLibraryUnavailable
from openlibrary.tests.helpers import edition, search_answer


def test_a_volume_is_a_create_payload_in_the_apis_order():
    fields = google.book_fields(volume(), isbn="9780306406157")

    assert tuple(fields) == FILLED_FIELDS
    assert fields["google_books_id"] == SIGNALS and fields["openlibrary_id"] == ""


@pytest.mark.parametrize(
    ("given", "stored"),
    [("1974", "1974"), ("2015-03", "2015-03"), ("2015-03-12", "2015-03-12"),
     ("2015-03-12T00:00:00Z", "2015-03-12"), ("2015-02-30", "2015"), ("2015-13", "2015"),
     ("197?", ""), ("", ""), (None, ""), (1974, "")],
)  # fmt: skip
def test_googles_dates_are_kept_as_given_or_cut_to_their_year(given, stored):
    fields = google.book_fields(volume(publishedDate=given))

    assert fields["published_date"] == stored
    assert fields["published_year"] == (int(stored[:4]) if stored else None)


def test_a_volume_found_by_isbn_keeps_that_isbn_and_one_by_id_has_its_own():
    by_isbn = google.book_fields(volume(), isbn="9780306406157")
    only_10 = google.book_fields(
        volume(industryIdentifiers=[{"type": "ISBN_10", "identifier": "0306406152"}])
    )
    no_isbn = google.book_fields(volume(industryIdentifiers=[{"type": "OTHER", "identifier": "X"}]))
    of_979 = google.book_fields(volume(JARDIN))

    assert (by_isbn["isbn_13"], by_isbn["isbn_10"]) == ("9780306406157", "0306406152")
    assert only_10["isbn_13"] == "9780306406157"
    assert (no_isbn["isbn_13"], no_isbn["isbn_10"]) == ("", "")
    assert (of_979["isbn_13"], of_979["isbn_10"]) == ("9791090636071", "")


def test_missing_or_odd_volume_fields_become_empty_never_an_error():
    fields = google.book_fields(
        volume(subtitle=None, authors="Ada", pageCount=-3, categories=[1, "", "Maths", "Maths"],
               imageLinks="none", infoLink="ftp://x", language=None, description=None)
    )  # fmt: skip

    assert fields["subtitle"] == fields["image_link"] == fields["info_link"] == ""
    assert fields["authors"] == [] and fields["categories"] == ["Maths"]
    assert fields["page_count"] is None and fields["language"] == fields["description"] == ""


def test_long_values_are_cut_to_their_columns():
    fields = google.book_fields(volume(title="T" * 900, authors=["A" * 300] * 80))

    assert len(fields["title"]) == 500
    assert fields["authors"] == ["A" * 200]  # cut, then one of each


@pytest.mark.parametrize("title", [None, "", "   ", 42])
def test_a_volume_without_a_title_is_google_failing(title):
    with pytest.raises(GoogleBooksUnavailable):
        google.book_fields(volume(title=title))


def test_image_links_are_https_and_the_thumbnail_comes_first():
    links = {
        "smallThumbnail": "http://books.google.com/s",
        "thumbnail": "http://books.google.com/t",
    }

    assert (
        google.book_fields(volume(imageLinks=links))["image_link"] == "https://books.google.com/t"
    )
    small = {"smallThumbnail": "http://books.google.com/s"}
    assert (
        google.book_fields(volume(imageLinks=small))["image_link"] == "https://books.google.com/s"
    )


@pytest.mark.parametrize(
    ("link", "kept"),
    [("http://a.b/c", "https://a.b/c"), ("https://a.b/c", "https://a.b/c"), ("//a.b/c", ""),
     ("javascript:alert(1)", ""), (None, ""), ("https://a.b/" + "x" * 500, "")],
)  # fmt: skip
def test_links_are_https_or_nothing(link, kept):
    assert https(link) == kept


def test_names_are_strings_without_repeats():
    assert names(["Ada", " Ada ", None, 3, "", "Bo"]) == ["Ada", "Bo"]
    assert names("Ada") == []


# --- Open Library ------------------------------------------------------------------------


def test_an_edition_is_a_create_payload():
    fields = openlibrary.book_fields("ISBN:9780140328721", edition(), isbn="9780140328721")

    assert tuple(fields) == FILLED_FIELDS
    assert fields == {
        **fields,
        "title": "Fantastic Mr. Fox",
        "authors": ["Roald Dahl"],
        "publisher": "Puffin",
        "published_date": "1988-10-01",
        "published_year": 1988,
        "page_count": 96,
        "categories": ["Animals", "Foxes", "Children's fiction"],
        "isbn_13": "9780140328721",
        "isbn_10": "0140328726",
        "google_books_id": "",
        "openlibrary_id": "OL7353617M",
        "image_link": "https://covers.openlibrary.org/b/id/8739161-L.jpg",
        "info_link": "https://openlibrary.org/books/OL7353617M/Fantastic_Mr._Fox",
    }


@pytest.mark.parametrize(
    ("written", "stored"),
    [("June 2, 2009", "2009-06-02"), ("Jun. 2, 2009", "2009-06-02"), ("2 June 2009", "2009-06-02"),
     ("June 2009", "2009-06"), ("Sept. 1990", "1990-09"), ("2009", "2009"),
     ("2009-06-02", "2009-06-02"),
     ("1988-10", "1988-10"), ("c1988", "1988"), ("[1988?]", "1988"), ("1st ed. 1995", "1995"),
     ("February 30, 2009", "2009"), ("someday", ""), ("", ""), (None, ""), (1988, "")],
)  # fmt: skip
def test_open_librarys_free_text_dates_become_the_same_form(written, stored):
    assert openlibrary.published_date(written) == stored


def test_an_edition_without_an_isbn_bibkey_takes_its_own_identifiers():
    fields = openlibrary.book_fields("OLID:OL7353617M", edition())
    bare = openlibrary.book_fields("OLID:OL7353617M", edition(identifiers=None, cover=None))

    assert fields["isbn_13"] == "9780140328721"
    assert bare["isbn_13"] == bare["image_link"] == ""


def test_an_editions_description_may_be_a_text_object():
    text = openlibrary.book_fields(
        "OLID:x", edition(description={"type": "/type/text", "value": "Foxes."})
    )
    plain = openlibrary.book_fields("OLID:x", edition(description="Plain."))

    assert (text["description"], plain["description"]) == ("Foxes.", "Plain.")


@pytest.mark.parametrize("title", [None, "", 7])
def test_an_edition_without_a_title_is_open_library_failing(title):
    with pytest.raises(OpenLibraryUnavailable):
        openlibrary.book_fields("ISBN:9780140328721", edition(title=title))


def test_a_searchs_works_are_results_keyed_by_their_work():
    results = openlibrary.search_results(search_answer("fox"))
    odd = openlibrary.search_results(
        {
            "docs": [
                {"key": "/works/OL9W", "cover_i": True, "isbn": "x", "first_publish_year": "1970"}
            ]
        }
    )

    assert [(r["id"], r["isbn_13"], r["published_year"]) for r in results] == [
        ("OL45883W", "9780140328721", 1970)
    ]
    assert odd == [{"id": "OL9W", "title": "", "subtitle": "", "authors": [],
                    "published_year": None, "isbn_13": "", "image_link": ""}]  # fmt: skip
