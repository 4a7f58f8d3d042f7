"""What can go wrong when asking TMDb: mycoll.errors' upstream errors, with TMDb's codes.

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

CREDENTIAL_SETTINGS = "TMDB_READ_ACCESS_TOKEN or TMDB_API_KEY"


class TMDbError(UpstreamError):
    """Base of every TMDb failure."""

    code = "tmdb_error"
    default_message = "TMDb could not answer."


class TMDbNotConfigured(TMDbError):
    status_code = 503
    code = "tmdb_not_configured"
    default_message = f"TMDb search is not configured on this server: set {CREDENTIAL_SETTINGS}."


class TMDbNotFound(TMDbError):
    status_code = 404
    code = "tmdb_not_found"
    default_message = "TMDb has no movie with that id."


class TMDbShowNotFound(TMDbNotFound):
    default_message = "TMDb has no show with that id."


class TMDbRateLimited(TMDbError, UpstreamRateLimited):
    status_code = 503
    code = "tmdb_rate_limited"
    default_message = "TMDb is limiting this server's requests; try again in {retry_after} s."


class TMDbTimeout(TMDbError, UpstreamTimeout):
    status_code = 504
    code = "tmdb_timeout"
    default_message = "TMDb did not answer in time; try again shortly."


class TMDbUnavailable(TMDbError, UpstreamUnavailable):
    status_code = 502
    code = "tmdb_unavailable"
    default_message = "TMDb is unavailable or answered something unexpected; try again later."


class TMDbCredentialsRejected(TMDbError):
    status_code = 502
    code = "tmdb_credentials_rejected"
    default_message = (
        "TMDb rejected this server's TMDb credentials; "
        f"the operator must check {CREDENTIAL_SETTINGS}."
    )


TRANSPORT_ERRORS = UpstreamErrors(
    timeout=TMDbTimeout, unavailable=TMDbUnavailable, rate_limited=TMDbRateLimited
)
