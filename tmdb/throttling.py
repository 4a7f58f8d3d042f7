"""TMDb's rate limit, counted like every other (mycoll.throttling); its rate is THROTTLE_TMDB."""

from mycoll.throttling import UserThrottle


class TMDbThrottle(UserThrottle):
    """Calls of the TMDb proxy, per signed-in user: each may cost an upstream request."""

    scope = "tmdb"
