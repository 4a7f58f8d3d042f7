"""ISBNs as people write and scanners read them, checked by python-stdnum.

`isbn13("ISBN-10: 0-306-40615-2")` is "9780306406157": labels, hyphens and spaces go, an
ISBN-10 becomes its ISBN-13, and a scanned EAN-13 with its 5-digit price add-on keeps its first
13 digits. Anything else (a bad check digit, a wrong length, letters, an X anywhere but as an
ISBN-10's check character) raises InvalidISBN with a sentence for the client.
"""

import re

from stdnum import isbn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.util import clean

LABEL = re.compile(r"^\s*isbn(?:[-\s]?1[03])?\s*[:#]?\s*", re.IGNORECASE)
ISBN_LENGTHS = (10, 13)
PRICE_ADD_ON_DIGITS = 5
# What may be an ISBN once labels and separators are gone: digits, or 9 digits and an X.
ISBN_SHAPED = re.compile(r"^(?:[0-9]{9}[0-9X]|[0-9]{13}|[0-9]{18})$")


class InvalidISBN(ValueError):
    pass


def compact(text: str) -> str:
    """The text without its label, hyphens and spaces, upper-cased."""
    return clean(LABEL.sub("", text), " -").strip().upper()


def looks_like_isbn(text: str) -> bool:
    """Whether the text is written like an ISBN (or an EAN-13 with a price add-on), whatever
    its check digit: a query that does is one, never a title."""
    return bool(ISBN_SHAPED.match(compact(text)))


def isbn13(text: str) -> str:
    """The canonical ISBN-13 of an ISBN written in any form; InvalidISBN when it is not one."""
    number = compact(text)
    if len(number) == ISBN_LENGTHS[-1] + PRICE_ADD_ON_DIGITS and number.isdigit():
        number = number[: ISBN_LENGTHS[-1]]
    if len(number) not in ISBN_LENGTHS:
        raise InvalidISBN("An ISBN has 10 or 13 digits (hyphens, spaces and a label are fine).")
    try:
        return isbn.validate(number, convert=True)
    except InvalidChecksum:
        raise InvalidISBN("This ISBN's check digit is wrong: check for a mistyped digit.") from None
    except InvalidComponent:
        raise InvalidISBN("An ISBN-13 begins with 978 or 979.") from None
    except (InvalidLength, ValidationError):
        raise InvalidISBN(
            "An ISBN is made of digits; X may only be an ISBN-10's last character."
        ) from None


def isbn13_or_none(text: str) -> str | None:
    try:
        return isbn13(text)
    except InvalidISBN:
        return None


def isbn10(number13: str) -> str:
    """The ISBN-10 of a canonical ISBN-13 with the 978 prefix; "" for a 979 one, which has
    none."""
    if not number13.startswith("978"):
        return ""
    return isbn.to_isbn10(number13)
