"""TMDb test set-up: a made-up key, an unreachable API host, quick retries, an empty cache."""

from collections.abc import Iterator

import pytest
import responses
from django.core.cache import cache

from tmdb.tests.fake_server import FakeTMDb, running_fake_tmdb
from tmdb.tests.helpers import API_KEY, API_URL


@pytest.fixture(autouse=True)
def tmdb_settings(settings) -> None:
    settings.TMDB_API_URL = API_URL
    settings.TMDB_API_KEY = API_KEY
    settings.TMDB_READ_ACCESS_TOKEN = ""
    settings.TMDB_IMAGE_BASE_URL = "https://image.tmdb.test/t/p/w500"
    settings.TMDB_MAX_RETRIES = 2
    settings.TMDB_RETRY_TOTAL_SECONDS = 5.0
    settings.TMDB_RETRY_BACKOFF_SECONDS = 0.001
    settings.TMDB_CONNECT_TIMEOUT = 1.0
    settings.TMDB_READ_TIMEOUT = 2.0


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tmdb() -> Iterator[responses.RequestsMock]:
    """TMDb, mocked: register answers with tmdb.get(f"{API_URL}/...", json=...)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def fake_tmdb(settings) -> Iterator[FakeTMDb]:
    """The fake TMDb on a loopback port, with TMDB_API_URL pointing at it."""
    with running_fake_tmdb() as server:
        settings.TMDB_API_URL = server.url
        yield server
