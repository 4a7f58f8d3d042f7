"""A per-request SQL query counter for the benchmark (bench.settings only)."""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse

COUNT_HEADER = "HTTP_X_BENCH_COUNT_QUERIES"
RESULT_HEADER = "X-Bench-Queries"


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class QueryCountMiddleware:
    """With `X-Bench-Count-Queries: 1`, answer how many SQL statements the request ran in an
    `X-Bench-Queries` header. Without it (every wrk request), one dictionary lookup."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get(COUNT_HEADER) != "1":
            return self.get_response(request)
        counter = _Counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response[RESULT_HEADER] = str(counter.count)
        return response
