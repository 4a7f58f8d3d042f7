"""What can go wrong when asking Google Books: mycoll.errors' upstream errors, with Google
Books' codes.

mycoll.exceptions.exception_handler answers each with its status and code; the transport
failures (timeout, unavailable, rate limited) are raised by mycoll.outgoing as the classes in
TRANSPORT_ERRORS. MyColl asks Open Library whenever one of these is raised (books.lookup).
"""

from mycoll.errors import (
    UpstreamError,
    UpstreamErrors,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)


class GoogleBooksError(UpstreamError):
    """Base of every Google Books failure."""

    code = "googlebooks_error"
    default_message = "Google Books could not answer."


class GoogleBooksNotFound(GoogleBooksError):
    status_code = 404
    code = "googlebooks_not_found"
    default_message = "Google Books has no such book."


class GoogleBooksRateLimited(GoogleBooksError, UpstreamRateLimited):
    status_code = 503
    code = "googlebooks_rate_limited"
    default_message = (
        "Google Books is limiting this server's requests; try again in {retry_after} s."
    )


class GoogleBooksTimeout(GoogleBooksError, UpstreamTimeout):
    status_code = 504
    code = "googlebooks_timeout"
    default_message = "Google Books did not answer in time; try again shortly."


class GoogleBooksUnavailable(GoogleBooksError, UpstreamUnavailable):
    status_code = 502
    code = "googlebooks_unavailable"
    default_message = (
        "Google Books is unavailable or answered something unexpected; try again later."
    )


class GoogleBooksRefused(GoogleBooksError):
    """Google Books refused the request: it cannot place the server (`unknownLocation`), or
    it rejected the server's key."""

    status_code = 502
    code = "googlebooks_refused"
    default_message = (
        "Google Books refused this server's request; the operator may set GOOGLE_BOOKS_COUNTRY "
        "or check GOOGLE_BOOKS_API_KEY."
    )


TRANSPORT_ERRORS = UpstreamErrors(
    timeout=GoogleBooksTimeout,
    unavailable=GoogleBooksUnavailable,
    rate_limited=GoogleBooksRateLimited,
)
