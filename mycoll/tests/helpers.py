"""Helpers for tests that need real concurrency on the real database.

A real server on loopback (gunicorn, its environment, its database) is `livetest`'s, shared
with the benchmark.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def run_concurrently(calls: list[Callable[[], Any]], timeout: float = 60) -> list[Any]:
    """Start every call in its own thread at the same moment; return their results in order.

    Each thread has its own database connection, as each gunicorn worker would; it is closed
    when the thread ends. An exception in a call is returned as its result.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = call()
        except Exception as error:  # handed to the test as that call's result
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results
