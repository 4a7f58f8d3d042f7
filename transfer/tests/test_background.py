"""A 5,000-row Goodreads import runs on the real database worker (manage.py db_worker), its
progress visible in GET imports/<id> while it runs."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection

from books.models import Book
from transfer.tests.helpers import csv_text, post_import
from transfer.tests.test_sources_books import GOODREADS_HEADER, goodreads_row

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 5000


def goodreads_library(size: int) -> bytes:
    rows = [
        goodreads_row(str(n), f"Book {n}", f"Author {n % 97}", '=""', '=""', "Paperback",
                      str(1900 + n % 120), "read", "1")
        for n in range(size)
    ]  # fmt: skip
    return csv_text(GOODREADS_HEADER, *rows)


def test_a_large_goodreads_import_shows_its_progress_while_the_worker_runs(owner_client, settings):
    settings.IMPORT_BATCH_SIZE = 250
    queued = post_import(owner_client, "goodreads", goodreads_library(ROWS), dry_run=False)
    assert queued.status_code == 202
    path = f"/api/v1/imports/{queued.json()['id']}"
    seen: list[tuple[str, int]] = []
    stop = threading.Event()

    def watch() -> None:
        try:
            while not stop.is_set():
                body = owner_client.get(path).json()
                seen.append((body["status"], body["counts"]["created"]))
                time.sleep(0.1)
        finally:
            connection.close()

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)
    finally:
        stop.set()
        watcher.join()
    elapsed = time.monotonic() - started

    final = owner_client.get(path).json()
    assert final["status"] == "done", final["error"]
    assert final["counts"]["created"] == final["counts"]["total"] == ROWS
    assert Book.objects.count() == ROWS and len(final["rows"]) == ROWS
    midway = [created for status, created in seen if status == "running" and 0 < created < ROWS]
    assert midway, seen[:5]
    assert midway == sorted(midway)  # batches land one after another
    print(f"\n{ROWS} Goodreads rows in {elapsed:.1f} s ({ROWS / elapsed:.0f} rows/s)")
