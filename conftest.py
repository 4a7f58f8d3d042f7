"""Fixtures shared by every app's tests: users and API clients signed in as them."""

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.serializers import token_pair
from accounts.tests.factories import make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # The production hasher is slow on purpose; tests sign many users up.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached lists, TMDb answers and throttle counts never leak from one test to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings) -> None:
    # Pages render from the apps' static folders; the manifest is tested on its own.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous client (the outsider)."""
    return APIClient()


@pytest.fixture
def user(db) -> AbstractBaseUser:
    return make_user("owner")


@pytest.fixture
def other_user(db) -> AbstractBaseUser:
    return make_user("other")


def client_for(user: AbstractBaseUser) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair(user)['access']}")
    return client


@pytest.fixture
def owner_client(user) -> APIClient:
    return client_for(user)


@pytest.fixture
def other_client(other_user) -> APIClient:
    return client_for(other_user)
