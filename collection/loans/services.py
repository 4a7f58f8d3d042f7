"""Lending copies. Each write runs after the collection's write protocol (the API's
CollectionWriteMixin), so two loans of one copy are decided one after the other; the database's
one-open-loan-per-copy constraint stands behind that."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from collection.models import Copy, Loan
from mycoll.errors import Conflict


def copy_open_loan_id(*, copy: Copy, exclude_id: int | None = None) -> int | None:
    loans = Loan.objects.filter(copy=copy, returned_on__isnull=True).exclude(pk=exclude_id)
    return loans.values_list("pk", flat=True).first()


def _already_lent(loan_id: int) -> Conflict:
    return Conflict(f"This copy is already on loan (loan id {loan_id}).")


def loan_save(*, owner_id: int, data: dict[str, Any], loan: Loan | None = None) -> Loan:
    """Create or change a loan; a second open loan of one copy is a 409."""
    loan = loan or Loan(owner_id=owner_id)
    for field, value in data.items():
        setattr(loan, field, value)
    if loan.returned_on is None:
        open_id = copy_open_loan_id(copy=loan.copy, exclude_id=loan.pk)
        if open_id is not None:
            raise _already_lent(open_id)
    try:
        with transaction.atomic():
            loan.save()
    except IntegrityError:  # a loan made outside the write protocol got there first
        raise _already_lent(copy_open_loan_id(copy=loan.copy, exclude_id=loan.pk)) from None
    return loan


def loan_return(*, loan: Loan, returned_on: date | None = None) -> Loan:
    """Close a loan, today unless told otherwise; a returned loan is a 409."""
    if loan.returned_on is not None:
        raise Conflict(f"This loan was already returned on {loan.returned_on.isoformat()}.")
    loan.returned_on = returned_on or timezone.localdate()
    loan.save(update_fields=["returned_on", "updated_at"])
    return loan
