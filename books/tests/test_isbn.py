import pytest

from books.isbn import InvalidISBN, isbn10, isbn13, looks_like_isbn


@pytest.mark.parametrize(
    "written",
    [
        "9780306406157",
        "978-0-306-40615-7",
        "978 0 306 40615 7",
        " 978-0-306 40615-7 ",
        "0306406152",
        "0-306-40615-2",
        "ISBN 0-306-40615-2",
        "ISBN-10: 0-306-40615-2",
        "isbn13: 978-0-306-40615-7",
        "ISBN-13 9780306406157",
        "ISBN:9780306406157",
        "978030640615751995",  # a scanned EAN-13 with its 5-digit price add-on
        "9780306406157 51995",
    ],
)
def test_it_reads_every_written_form_as_the_isbn_13(written):
    assert isbn13(written) == "9780306406157"
    assert looks_like_isbn(written)


@pytest.mark.parametrize("written", ["097522980X", "0-9752298-0-x"])
def test_it_takes_x_as_the_check_character_of_an_isbn_10(written):
    assert isbn13(written) == "9780975229804"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("978-0-306-40615-8", "check digit"),
        ("0306406153", "check digit"),
        ("030640615", "10 or 13 digits"),  # python-stdnum would pad it as an old SBN
        ("97803064061", "10 or 13 digits"),
        ("97803064061570", "10 or 13 digits"),
        ("", "10 or 13 digits"),
        ("978030640615X", "made of digits"),
        ("03064X6152", "made of digits"),
        ("abcdefghij", "made of digits"),
        ("٠٣٠٦٤٠٦١٥٢", "made of digits"),  # Arabic-Indic digits
        ("9770306406158", "978 or 979"),  # a valid EAN-13 that is no book's
        ("97803064061575199X", "10 or 13 digits"),
    ],
)
def test_it_refuses_what_is_not_an_isbn_with_a_reason(written, reason):
    with pytest.raises(InvalidISBN, match=reason):
        isbn13(written)


def test_it_derives_the_isbn_10_for_the_978_prefix_only():
    assert isbn10("9780306406157") == "0306406152"
    assert isbn10("9780975229804") == "097522980X"
    assert isbn10("9791090636071") == ""


@pytest.mark.parametrize("text", ["The Hobbit", "1984", "Catch-22", "2001: A Space Odyssey"])
def test_a_title_never_looks_like_an_isbn(text):
    assert not looks_like_isbn(text)
