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
