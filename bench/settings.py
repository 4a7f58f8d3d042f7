"""Settings for the benchmark only: the real settings, plus a floor view and a query counter.

Used by bench/run.py as DJANGO_SETTINGS_MODULE for gunicorn, `manage.py migrate` and the
seeding; never by the application itself.
"""

import os

from mycoll.settings import *  # noqa: F403
from mycoll.settings import CACHES, DATABASES, MIDDLEWARE, REDIS_URL

DEBUG = False
ROOT_URLCONF = "bench.urls"

# Outermost, so that it sees every query of the request (authentication included). It does
# nothing unless the request carries `X-Bench-Count-Queries: 1`.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

if REDIS_URL:
    # The bench's keys apart from anyone else's on a shared Redis; deleted at the end.
    CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "mycoll-bench")

if os.environ.get("BENCH_LOG_STATEMENTS") == "1" and "postgresql" in DATABASES["default"]["ENGINE"]:
    # The round-trip count's server only: PostgreSQL logs every statement of its sessions.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c log_statement=all".strip()
