import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD, make_user


@pytest.fixture
def superuser_client(db) -> Client:
    """Django admin, signed in as a superuser."""
    make_user("root", is_staff=True, is_superuser=True)
    client = Client()
    assert client.login(username="root", password=PASSWORD)
    return client
