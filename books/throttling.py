"""The book lookup's rate limit, counted like every other (mycoll.throttling); its rate is
THROTTLE_BOOKS."""

from mycoll.throttling import UserThrottle


class BookLookupThrottle(UserThrottle):
    """Calls of the book search and details, per signed-in user: each may cost a request to
    Google Books and one to Open Library."""

    scope = "books"
