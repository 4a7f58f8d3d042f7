"""What Open Library's failures (openlibrary.errors) answer, for the OpenAPI description of the
views that ask it (books.schema joins them with Google Books')."""

OPEN_LIBRARY_FAILURES = {
    502: "Open Library failed (`openlibrary_unavailable`)",
    503: "Open Library is limiting the server's requests (`openlibrary_rate_limited`, with "
    "`Retry-After`)",
    504: "Open Library did not answer in time (`openlibrary_timeout`)",
}
OPEN_LIBRARY_NOT_FOUND = (
    "Open Library has no edition or work with that key (`openlibrary_not_found`)"
)
