"""Barcodes on copies: an EAN-13, a UPC-A (12 digits, kept as 12) or an EAN-8, checked by
python-stdnum."""

from stdnum import ean
from stdnum.exceptions import ValidationError as StdnumError

BARCODE_LENGTHS = (8, 12, 13)


class InvalidBarcode(ValueError):
    pass


def barcode_normalise(text: str) -> str:
    """The barcode's digits, spaces and hyphens stripped; InvalidBarcode when it is not an
    EAN-13, UPC-A or EAN-8 with a valid check digit."""
    try:
        digits = ean.validate(text)
    except StdnumError as error:
        raise InvalidBarcode(f"Not a valid EAN-13, UPC-A or EAN-8 barcode: {error}") from None
    if len(digits) not in BARCODE_LENGTHS:
        raise InvalidBarcode("A barcode has 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13).")
    return digits
