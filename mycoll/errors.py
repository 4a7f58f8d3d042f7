"""The errors the application raises on purpose, each with its HTTP answer.

mycoll.exceptions.exception_handler answers every ApplicationError with its status and
`{"detail": <message>, "code": <code>}` (and `Retry-After` when it has one). Each integration
subclasses the upstream errors below (tmdb.errors), so that its failures keep their own codes.

Messages are written here or in the subclasses, never copied from `requests`: its exceptions
carry the URL, and a URL may carry a credential.
"""

import math
from dataclasses import dataclass


class ApplicationError(Exception):
    """Base of every error answered as such; `reason` is a short, credential-free note for
    the logs, and `retry_after` (seconds) goes out as `Retry-After` when set."""

    status_code = 500
    code = "application_error"
    default_message = "The server could not answer."
    retry_after: int | None = None
    extra: dict | None = None  # more of the answer's body, beside detail and code

    def __init__(self, message: str | None = None, *, reason: str = "") -> None:
        super().__init__(message or self.default_message)
        self.reason = reason or type(self).__name__


class Conflict(ApplicationError):
    """The request clashes with what is stored (a copy already on loan, a full location)."""

    status_code = 409
    code = "conflict"
    default_message = "The request conflicts with what is stored."

    def __init__(self, message: str | None = None, **extra: object) -> None:
        super().__init__(message)
        self.extra = extra or None


class UpstreamError(ApplicationError):
    """An outside service (TMDb, ...) failed, or could not be asked."""

    status_code = 502
    code = "upstream_error"
    default_message = "An outside service could not answer."


class UpstreamTimeout(UpstreamError):
    status_code = 504
    code = "upstream_timeout"
    default_message = "An outside service did not answer in time; try again shortly."


class UpstreamUnavailable(UpstreamError):
    status_code = 502
    code = "upstream_unavailable"
    default_message = (
        "An outside service is unavailable or answered something unexpected; try again later."
    )


class UpstreamRateLimited(UpstreamError):
    """The outside service limits this server's requests; `default_message` is a template
    with `{retry_after}`, the whole seconds to wait (at least 1)."""

    status_code = 503
    code = "upstream_rate_limited"
    default_message = (
        "An outside service is limiting this server's requests; try again in {retry_after} s."
    )

    def __init__(self, retry_after: float | None = None, *, reason: str = "") -> None:
        self.retry_after = max(1, math.ceil(retry_after or 0))
        super().__init__(self.default_message.format(retry_after=self.retry_after), reason=reason)


@dataclass(frozen=True)
class UpstreamErrors:
    """The errors mycoll.outgoing raises for a transport failure: these generic ones, or an
    integration's subclasses of them."""

    timeout: type[UpstreamTimeout] = UpstreamTimeout
    unavailable: type[UpstreamUnavailable] = UpstreamUnavailable
    rate_limited: type[UpstreamRateLimited] = UpstreamRateLimited


GENERIC_ERRORS = UpstreamErrors()
