"""Concurrent loans of one copy, on the real database: exactly one wins."""

from collections import Counter

import pytest

from collection.models import Loan
from conftest import client_for
from movies.tests.factories import make_copy, make_movie
from mycoll.tests.helpers import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_twenty_concurrent_loans_of_one_copy_make_one(user):
    copy = make_copy(make_movie(user))
    clients = [client_for(user) for _ in range(20)]
    body = {"copy": copy.pk, "borrower": "Grace"}

    responses = run_concurrently(
        [lambda c=c: c.post("/api/v1/loans/", body, format="json") for c in clients]
    )

    assert Counter(r.status_code for r in responses) == {201: 1, 409: 19}
    assert Loan.objects.get().copy_id == copy.pk
