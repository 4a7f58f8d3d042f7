"""What Google Books' failures (googlebooks.errors) answer, for the OpenAPI description of the
views that ask it (books.schema joins them with Open Library's)."""

GOOGLE_BOOKS_FAILURES = {
    502: "Google Books failed or refused the request (`googlebooks_unavailable`, "
    "`googlebooks_refused`)",
    503: "Google Books is limiting the server's requests (`googlebooks_rate_limited`, with "
    "`Retry-After`)",
    504: "Google Books did not answer in time (`googlebooks_timeout`)",
}
GOOGLE_BOOKS_NOT_FOUND = "Google Books has no volume with that id (`googlebooks_not_found`)"
