"""What can go wrong when asking TMDb, and the one HTTP answer for each.

Messages are written here, never copied from `requests`: its exceptions carry the URL,
and the URL carries `api_key=...` when the v3 key is used.
"""

from rest_framework.response import Response

CREDENTIAL_SETTINGS = "TMDB_READ_ACCESS_TOKEN or TMDB_API_KEY"


class TMDbError(Exception):
    """Base of every TMDb failure; `reason` is a short, credential-free note for the logs."""

    status_code = 502
    code = "tmdb_error"
    default_message = "TMDb could not answer."

    def __init__(self, message: str | None = None, *, reason: str = "") -> None:
        super().__init__(message or self.default_message)
        self.reason = reason or type(self).__name__


class TMDbNotConfigured(TMDbError):
    status_code = 503
    code = "tmdb_not_configured"
    default_message = f"Movie search is not configured on this server: set {CREDENTIAL_SETTINGS}."


class TMDbNotFound(TMDbError):
    status_code = 404
    code = "tmdb_not_found"
    default_message = "TMDb has no movie with that id."


class TMDbRateLimited(TMDbError):
    status_code = 503
    code = "tmdb_rate_limited"

    def __init__(self, retry_after: int, *, reason: str = "") -> None:
        self.retry_after = max(1, int(retry_after))
        super().__init__(
            f"TMDb is limiting this server's requests; try again in {self.retry_after} s.",
            reason=reason,
        )


class TMDbTimeout(TMDbError):
    status_code = 504
    code = "tmdb_timeout"
    default_message = "TMDb did not answer in time; try again shortly."


class TMDbUnavailable(TMDbError):
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


def error_response(error: TMDbError) -> Response:
    response = Response({"detail": str(error), "code": error.code}, status=error.status_code)
    if isinstance(error, TMDbRateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response
