"""10,000 copies export in constant memory: the rows stream a chunk at a time."""

import time
import tracemalloc

import pytest

from movies.tests.factories import make_collection

pytestmark = pytest.mark.django_db

PEAK_BYTES = 16 * 1024 * 1024  # well under a worker's 150 MB bound (bench/README.md)


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_it_exports_10000_copies_without_holding_them(owner_client, user, fmt):
    make_collection(user, movies=5000, copies=2)
    response = owner_client.get("/api/v1/export", {"format": fmt})

    tracemalloc.start()
    started = time.monotonic()
    size = sum(len(chunk) for chunk in response.streaming_content)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert size > 10_000 * 60  # a row per copy at least
    assert peak < PEAK_BYTES, peak
    print(f"\n{fmt}: {size / 1e6:.1f} MB in {elapsed:.2f} s, peak {peak / 1e6:.1f} MB")
