"""A copy's medium, read from the free-text `form` of the legacy endpoints (and of the copies
that existed before media had a field of their own)."""

from collection.choices import Medium

# (what the normalised form contains, or is, the medium), tried in order. The book formats
# come before the digital words, so that a "digital audiobook" is an audiobook.
FORM_RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("4k", "uhd"), (), Medium.UHD_BLURAY),
    (("bluray",), ("bd",), Medium.BLURAY),
    (("dvd",), (), Medium.DVD),
    (("hardcover", "hardback"), (), Medium.HARDCOVER),
    (("massmarket",), (), Medium.MASS_MARKET),
    (("paperback", "softcover"), (), Medium.PAPERBACK),
    (("audiobook", "audiocd"), (), Medium.AUDIOBOOK),
    (("ebook", "kindle", "epub"), (), Medium.EBOOK),
    (("vod", "digital", "stream"), (), Medium.DIGITAL),
)


def normalised_form(form: str) -> str:
    """Case, spaces and hyphens ignored: "Blu-ray", "Blu Ray" and "BLURAY" read alike."""
    return form.lower().replace(" ", "").replace("-", "")


def medium_from_form(form: str) -> str:
    """The medium a form names: 4K or UHD, Blu-ray or BD, DVD; hardcover or hardback, mass
    market, paperback or softcover, audiobook or audio CD, ebook or Kindle or EPUB; VOD or
    digital or streaming; `other` for any other form, and "" for none."""
    text = normalised_form(form)
    if not text:
        return ""
    for contains, equals, medium in FORM_RULES:
        if text in equals or any(part in text for part in contains):
            return str(medium)
    return str(Medium.OTHER)
