"""TMDb test set-up: the root conftest's made-up key and host, short timeouts, quick retries."""

from collections.abc import Iterator

import pytest

from tmdb.tests.fake_server import FakeTMDb, running_fake_tmdb


@pytest.fixture(autouse=True)
def _tmdb_test_settings(tmdb_settings) -> None:
    tmdb_settings.TMDB_MAX_RETRIES = 2
    tmdb_settings.TMDB_RETRY_TOTAL_SECONDS = 5.0
    tmdb_settings.TMDB_CONNECT_TIMEOUT = 1.0
    tmdb_settings.TMDB_READ_TIMEOUT = 2.0


@pytest.fixture
def fake_tmdb(settings) -> Iterator[FakeTMDb]:
    """The fake TMDb on a loopback port, with TMDB_API_URL pointing at it."""
    with running_fake_tmdb() as server:
        settings.TMDB_API_URL = server.url
        yield server
