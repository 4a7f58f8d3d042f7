"""The one exception handler answers every application error, whichever integration raised it."""

import pytest

from mycoll.errors import (
    ApplicationError,
    UpstreamError,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)
from mycoll.exceptions import exception_handler


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (UpstreamTimeout(), 504, "upstream_timeout"),
        (UpstreamUnavailable(), 502, "upstream_unavailable"),
        (UpstreamError(), 502, "upstream_error"),
        (ApplicationError("Something broke."), 500, "application_error"),
    ],
)
def test_it_answers_an_application_error_with_its_status_and_code(error, status, code):
    response = exception_handler(error, {})

    assert response.status_code == status
    assert response.data == {"detail": str(error), "code": code}
    assert not response.has_header("Retry-After")


def test_it_passes_retry_after_on_for_a_rate_limited_upstream():
    response = exception_handler(UpstreamRateLimited(12.2), {})

    assert response.status_code == 503
    assert response["Retry-After"] == "13"
    assert response.data == {
        "detail": "An outside service is limiting this server's requests; try again in 13 s.",
        "code": "upstream_rate_limited",
    }


@pytest.mark.parametrize(("asked", "expected"), [(None, 1), (0, 1), (0.2, 1), (30, 30)])
def test_it_asks_to_wait_at_least_one_whole_second(asked, expected):
    assert UpstreamRateLimited(asked).retry_after == expected


def test_it_keeps_a_subclass_code_and_message():
    class BooksDown(UpstreamUnavailable):
        code = "books_unavailable"
        default_message = "Books are down."

    response = exception_handler(BooksDown(reason="Books answered 500"), {})

    assert (response.status_code, response.data) == (
        502,
        {"detail": "Books are down.", "code": "books_unavailable"},
    )
