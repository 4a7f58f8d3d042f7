"""What can go wrong when asking Open Library: mycoll.errors' upstream errors, with Open
Library's codes.

mycoll.exceptions.exception_handler answers each with its status and code; the transport
failures (timeout, unavailable, rate limited) are raised by mycoll.outgoing as the classes in
TRANSPORT_ERRORS.
"""

from mycoll.errors import (
    UpstreamError,
    UpstreamErrors,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnavailable,
)


class OpenLibraryError(UpstreamError):
    """Base of every Open Library failure."""

    code = "openlibrary_error"
    default_message = "Open Library could not answer."


class OpenLibraryNotFound(OpenLibraryError):
    status_code = 404
    code = "openlibrary_not_found"
    default_message = "Open Library has no such book."


class OpenLibraryRateLimited(OpenLibraryError, UpstreamRateLimited):
    status_code = 503
    code = "openlibrary_rate_limited"
    default_message = (
        "Open Library is limiting this server's requests; try again in {retry_after} s."
    )


class OpenLibraryTimeout(OpenLibraryError, UpstreamTimeout):
    status_code = 504
    code = "openlibrary_timeout"
    default_message = "Open Library did not answer in time; try again shortly."


class OpenLibraryUnavailable(OpenLibraryError, UpstreamUnavailable):
    status_code = 502
    code = "openlibrary_unavailable"
    default_message = (
        "Open Library is unavailable or answered something unexpected; try again later."
    )


TRANSPORT_ERRORS = UpstreamErrors(
    timeout=OpenLibraryTimeout,
    unavailable=OpenLibraryUnavailable,
    rate_limited=OpenLibraryRateLimited,
)
