"""What TMDb's failures (tmdb.errors) answer, for the OpenAPI description of the views that
call TMDb (see mycoll.schema)."""

from mycoll.schema import error

TMDB_ERRORS = {
    502: error(
        "TMDb failed: it answered an error or something unexpected, or rejected the server's "
        "credentials (`code`: `tmdb_unavailable`, `tmdb_credentials_rejected`)."
    ),
    503: error(
        "TMDb is not configured on this server (`tmdb_not_configured`), TMDb is limiting the "
        "server's requests (`tmdb_rate_limited`, with `Retry-After`), or the database is "
        "unavailable (with `Retry-After`)."
    ),
    504: error("TMDb did not answer in time (`code`: `tmdb_timeout`)."),
}
TMDB_NOT_FOUND = error("TMDb has no movie with that id (`code`: `tmdb_not_found`).")
TMDB_SHOW_NOT_FOUND = error("TMDb has no show with that id (`code`: `tmdb_not_found`).")
