from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from collection.models import Copy, Loan, Location
from collection.services import collection_write


def make_location(
    owner: AbstractBaseUser, name: str, parent: Location | None = None, **fields: Any
) -> Location:
    with collection_write(owner_id=owner.pk):
        return Location.objects.create(owner=owner, name=name, parent=parent, **fields)


def make_loan(copy: Copy, borrower: str = "Grace", **fields: Any) -> Loan:
    fields.setdefault("lent_on", date(2026, 1, 10))
    with collection_write(owner_id=copy.owner_id):
        return Loan.objects.create(owner_id=copy.owner_id, copy=copy, borrower=borrower, **fields)
