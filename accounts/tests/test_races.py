from collections import Counter

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from mycoll.tests.helpers import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_of_concurrent_refreshes_with_one_token_exactly_one_succeeds(user):
    refresh = str(RefreshToken.for_user(user))
    clients = [APIClient() for _ in range(10)]

    responses = run_concurrently(
        [
            lambda c=c: c.post("/accounts/token/refresh/", {"refresh": refresh}, format="json")
            for c in clients
        ]
    )

    assert Counter(r.status_code for r in responses) == {200: 1, 401: 9}
    winner = next(r for r in responses if r.status_code == 200)
    again = APIClient().post(
        "/accounts/token/refresh/", {"refresh": winner.json()["refresh"]}, format="json"
    )
    assert again.status_code == 200
