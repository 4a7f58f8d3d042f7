"""Fixtures shared by every app's tests: users and API clients signed in as them."""

from collections.abc import Iterator

import pytest
import responses
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.test import Client
from rest_framework.test import APIClient

from accounts.serializers import token_pair
from accounts.tests.factories import PASSWORD, make_user
from collection.fragments import STORE as FRAGMENTS
from googlebooks.tests.helpers import API_URL as GOOGLE_BOOKS_URL
from openlibrary.tests.helpers import URL as OPENLIBRARY_URL
from tmdb.tests.helpers import API_KEY, API_URL


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    # The production hasher is slow on purpose; tests sign many users up.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached lists, rendered titles, TMDb answers and throttle counts never leak from one test
    # to the next.
    cache.clear()
    FRAGMENTS.clear()
    yield
    cache.clear()
    FRAGMENTS.clear()


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings) -> None:
    # Pages render from the apps' static folders; the manifest is tested on its own.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _book_services_on_made_up_hosts(settings) -> None:
    # Google Books and Open Library need no key: no test may reach the real ones. Mock them
    # with `upstream` (or `tmdb`: any `responses` mock), or serve their fakes.
    settings.GOOGLE_BOOKS_API_URL = GOOGLE_BOOKS_URL
    settings.GOOGLE_BOOKS_API_KEY = ""
    settings.OPENLIBRARY_URL = OPENLIBRARY_URL
    settings.OPENLIBRARY_CONTACT = ""
    settings.GOOGLE_BOOKS_RETRY_BACKOFF_SECONDS = 0.001
    settings.OPENLIBRARY_RETRY_BACKOFF_SECONDS = 0.001


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


@pytest.fixture
def superuser_client(db) -> Client:
    """Django admin, signed in as a superuser."""
    make_user("root", is_staff=True, is_superuser=True)
    client = Client()
    assert client.login(username="root", password=PASSWORD)
    return client


@pytest.fixture
def tmdb_settings(settings):
    """TMDb configured with a made-up key on a made-up host: mock it with the `tmdb` fixture."""
    settings.TMDB_API_URL = API_URL
    settings.TMDB_API_KEY = API_KEY
    settings.TMDB_READ_ACCESS_TOKEN = ""
    settings.TMDB_IMAGE_BASE_URL = "https://image.tmdb.test/t/p/w500"
    settings.TMDB_RETRY_BACKOFF_SECONDS = 0.001
    return settings


@pytest.fixture
def tmdb() -> Iterator[responses.RequestsMock]:
    """TMDb, mocked: register answers with tmdb.get(f"{API_URL}/...", json=...)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def upstream() -> Iterator[responses.RequestsMock]:
    """The outside services, mocked: register answers with upstream.get(url, json=...); a
    request to any other URL fails as a refused connection."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock
