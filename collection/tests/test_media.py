import pytest

from collection.media import medium_from_form


@pytest.mark.parametrize(
    ("form", "medium"),
    [
        ("4K", "uhd_bluray"),
        ("4k UHD Blu-ray", "uhd_bluray"),
        ("UHD", "uhd_bluray"),
        ("Ultra HD", "other"),
        ("Blu-ray", "bluray"),
        ("Blu Ray", "bluray"),
        ("BLURAY", "bluray"),
        ("bd", "bluray"),
        ("BD-50", "other"),
        ("DVD", "dvd"),
        ("dvd box", "dvd"),
        ("VOD", "digital"),
        ("Digital", "digital"),
        ("Stream", "digital"),
        ("Streaming", "digital"),
        ("VHS", "other"),
        ("Shelf", "other"),
        ("", ""),
    ],
)
def test_it_reads_the_medium_from_the_form_ignoring_case_spaces_and_hyphens(form, medium):
    assert medium_from_form(form) == medium


@pytest.mark.parametrize(
    ("form", "medium"),
    [
        ("Hardcover", "hardcover"),
        ("Hard cover", "hardcover"),
        ("hardback", "hardcover"),
        ("Paperback", "paperback"),
        ("Trade paperback", "paperback"),
        ("Softcover", "paperback"),
        ("Soft-cover", "paperback"),
        ("Mass market", "mass_market"),
        ("Mass-market paperback", "mass_market"),
        ("ebook", "ebook"),
        ("E-book", "ebook"),
        ("Kindle", "ebook"),
        ("EPUB", "ebook"),
        ("Audiobook", "audiobook"),
        ("Audio book", "audiobook"),
        ("Audio CD", "audiobook"),
        ("Digital audiobook", "audiobook"),
        ("Streaming audiobook", "audiobook"),
        ("Steelbook", "other"),
        ("Mediabook", "other"),
        ("Blu-ray Steelbook", "bluray"),
    ],
)
def test_it_reads_the_book_formats_too(form, medium):
    assert medium_from_form(form) == medium
