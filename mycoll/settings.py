"""MyColl settings: one module, driven by the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key:
        return key
    key_file = Path(env.str("SECRET_KEY_FILE", default=str(BASE_DIR / ".secret_key")))
    if key_file.is_file():
        return key_file.read_text().strip()
    if DEBUG:
        return "insecure-debug-only-key"
    # A one-line refusal, not a traceback: the operator needs the variable's name, nothing else.
    raise SystemExit(
        "MyColl refuses to start: SECRET_KEY is not set (export it, or use `make run` locally)."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "mycoll",  # its templates: the offline ReDoc page
    "accounts",
    "collection",
    "movies",
    "tv",
    "tmdb",
    "stats",
    "transfer",
    "books",
    "googlebooks",
    "openlibrary",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "mycoll.middleware.RequestSizeLimitMiddleware",
    "mycoll.middleware.PrivateResponsesMiddleware",
    "mycoll.middleware.BrowserOnlyMiddleware",  # BROWSER_MIDDLEWARE, off the API's paths
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mycoll.middleware.DatabaseUnavailableMiddleware",
    "mycoll.middleware.AtomicWritesMiddleware",
]
# What only the pages a browser signs in to (the admin) need, run by BrowserOnlyMiddleware for
# every path but /api/, /accounts/ and /healthz (bearer tokens there, never a session).
BROWSER_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
# The admin's and the deploy check's "is it in MIDDLEWARE?" checks: they are, through
# BrowserOnlyMiddleware (mycoll/tests/test_middleware.py shows the admin's CSRF check works).
SILENCED_SYSTEM_CHECKS = ["admin.E408", "admin.E409", "admin.E410", "security.W003"]

ROOT_URLCONF = "mycoll.urls"
# The statistics page (/stats/) signs people in with a session, at /login/.
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/stats/"
LOGOUT_REDIRECT_URL = "/login/"
WSGI_APPLICATION = "mycoll.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite with nothing configured, PostgreSQL with DATABASE_URL=postgres://...
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers (or test threads) writing at once wait their turn instead of
    # failing with "database is locked"; the suite's database is a file for the same reason.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a health check that asks the socket instead of the server: no
    # `SELECT 1` round trip before each request's first query (mycoll/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "mycoll.postgresql"
    # A list's rows come in one round trip, read a chunk at a time by the client: a
    # server-side cursor costs a round trip per chunk (DECLARE, each FETCH, CLOSE).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Request bodies above this many bytes are refused with a JSON 413.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
MAX_JSON_DEPTH = env.int("MAX_JSON_DEPTH", default=32)

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])

# HTTPS: off for `make run` on plain HTTP, on in production through the environment.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=SECURE_SSL_REDIRECT)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mycoll.authentication.JWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["mycoll.renderers.ORJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["mycoll.parsers.ORJSONParser"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "EXCEPTION_HANDLER": "mycoll.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "mycoll.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["mycoll.throttling.UserThrottle"],
    # How many proxies in front append to X-Forwarded-For; 0 trusts no such header.
    "NUM_PROXIES": env.int("TRUSTED_PROXY_COUNT", default=0),
}

# The OpenAPI description (/api/schema/) and its pages (/api/docs/, /api/redoc/), served from
# the app's own static files. Public: it lists routes and shapes, never data or secrets.
SPECTACULAR_SETTINGS = {
    "TITLE": "MyColl API",
    "DESCRIPTION": (
        "Catalogue a personal collection of movies, TV shows and books: sign up, search TMDb "
        "or Google Books, add a movie, a show (with all its seasons) or a book in one call and "
        "record every copy you own.\n\n"
        "Every call but sign-up, the token endpoints and `/healthz` needs "
        "`Authorization: Bearer <access token>`: get a pair from `POST /accounts/token/` "
        "(in Swagger UI, paste the access token under *Authorize*). Bodies are JSON. Every "
        "path answers with or without its trailing slash. Errors are `{detail, code?}`, or "
        "the fields with their messages for a `400`."
    ),
    "VERSION": "1.0.0",
    "TAGS": [
        {"name": "accounts", "description": "Sign-up, JWT tokens, the signed-in user."},
        {"name": "movies", "description": "The collection: movies, each with its copies."},
        {"name": "tv", "description": "TV shows, each with its seasons and their copies."},
        {"name": "books", "description": "The books, each with its copies."},
        {"name": "copies", "description": "The copies of every title, with every detail."},
        {"name": "locations", "description": "Where copies are kept: a tree of places."},
        {"name": "loans", "description": "Who has which copy, and until when."},
        {"name": "stats", "description": "The collection in numbers."},
        {"name": "transfer", "description": "Export the collection; import from elsewhere."},
        {"name": "tmdb", "description": "Search The Movie Database, through the server."},
        {
            "name": "book lookup",
            "description": "Search Google Books, with Open Library behind it, through the server.",
        },
        {"name": "health", "description": "Liveness and database reachability."},
    ],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "GET_MOCK_REQUEST": "mycoll.schema.mock_request",
    "PREPROCESSING_HOOKS": ["mycoll.schema.api_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mycoll.schema.add_healthz",
        "mycoll.schema.drop_unused_schemas",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ImportRowStatusEnum": "transfer.models.RowStatus",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No request to swagger.io's validator: the pages work offline.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Requests allowed per second, minute, hour or day ("none" switches a limit off).
THROTTLE_RATES = {
    scope: None if rate.lower() == "none" else rate
    for scope, rate in {
        "auth_ip": env.str("THROTTLE_AUTH_IP", default="30/min"),
        "auth_username": env.str("THROTTLE_AUTH_USERNAME", default="10/min"),
        "user": env.str("THROTTLE_USER", default="1200/min"),
        "tmdb": env.str("THROTTLE_TMDB", default="60/min"),
        "books": env.str("THROTTLE_BOOKS", default="60/min"),
    }.items()
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=30)),
    "REFRESH_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_REFRESH_MINUTES", default=24 * 60)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "ALGORITHM": "HS256",
    "AUTH_HEADER_TYPES": ("Bearer",),
    "TOKEN_REFRESH_SERIALIZER": "accounts.serializers.TokenRefreshSerializer",
}

# TMDb (The Movie Database): one of the two credentials is needed for search and details.
TMDB_API_KEY = env.str("TMDB_API_KEY", default="")
TMDB_READ_ACCESS_TOKEN = env.str("TMDB_READ_ACCESS_TOKEN", default="")
TMDB_API_URL = env.str("TMDB_API_URL", default="https://api.themoviedb.org/3")
TMDB_IMAGE_BASE_URL = env.str("TMDB_IMAGE_BASE_URL", default="https://image.tmdb.org/t/p/w500")
TMDB_CONNECT_TIMEOUT = env.float("TMDB_CONNECT_TIMEOUT", default=3.05)
TMDB_READ_TIMEOUT = env.float("TMDB_READ_TIMEOUT", default=5.0)
TMDB_MAX_RETRIES = env.int("TMDB_MAX_RETRIES", default=2)
TMDB_RETRY_TOTAL_SECONDS = env.float("TMDB_RETRY_TOTAL_SECONDS", default=10.0)
TMDB_RETRY_BACKOFF_SECONDS = env.float("TMDB_RETRY_BACKOFF_SECONDS", default=0.5)
TMDB_SEARCH_CACHE_SECONDS = env.int("TMDB_SEARCH_CACHE_SECONDS", default=60 * 60)
TMDB_DETAILS_CACHE_SECONDS = env.int("TMDB_DETAILS_CACHE_SECONDS", default=24 * 60 * 60)
TMDB_PROVIDERS_CACHE_SECONDS = env.int("TMDB_PROVIDERS_CACHE_SECONDS", default=24 * 60 * 60)
TMDB_COLLECTION_CACHE_SECONDS = env.int("TMDB_COLLECTION_CACHE_SECONDS", default=24 * 60 * 60)
# Where-to-watch answers for this region when a request names none (ISO 3166-1 alpha-2).
DEFAULT_REGION = env.str("DEFAULT_REGION", default="US")

# Google Books: books by ISBN and search; no key needed (GOOGLE_BOOKS_API_KEY raises the quota).
# Open Library answers whenever Google has nothing or fails. Read at call time.
GOOGLE_BOOKS_API_URL = env.str(
    "GOOGLE_BOOKS_API_URL", default="https://www.googleapis.com/books/v1"
)
GOOGLE_BOOKS_API_KEY = env.str("GOOGLE_BOOKS_API_KEY", default="")
GOOGLE_BOOKS_COUNTRY = env.str("GOOGLE_BOOKS_COUNTRY", default="US")
GOOGLE_BOOKS_CONNECT_TIMEOUT = env.float("GOOGLE_BOOKS_CONNECT_TIMEOUT", default=3.05)
GOOGLE_BOOKS_READ_TIMEOUT = env.float("GOOGLE_BOOKS_READ_TIMEOUT", default=5.0)
GOOGLE_BOOKS_MAX_RETRIES = env.int("GOOGLE_BOOKS_MAX_RETRIES", default=1)
GOOGLE_BOOKS_RETRY_TOTAL_SECONDS = env.float("GOOGLE_BOOKS_RETRY_TOTAL_SECONDS", default=5.0)
GOOGLE_BOOKS_RETRY_BACKOFF_SECONDS = env.float("GOOGLE_BOOKS_RETRY_BACKOFF_SECONDS", default=0.5)
GOOGLE_BOOKS_SEARCH_CACHE_SECONDS = env.int("GOOGLE_BOOKS_SEARCH_CACHE_SECONDS", default=60 * 60)
GOOGLE_BOOKS_LOOKUP_CACHE_SECONDS = env.int(
    "GOOGLE_BOOKS_LOOKUP_CACHE_SECONDS", default=30 * 24 * 60 * 60
)
OPENLIBRARY_URL = env.str("OPENLIBRARY_URL", default="https://openlibrary.org")
OPENLIBRARY_CONTACT = env.str("OPENLIBRARY_CONTACT", default="")
OPENLIBRARY_CONNECT_TIMEOUT = env.float("OPENLIBRARY_CONNECT_TIMEOUT", default=3.05)
OPENLIBRARY_READ_TIMEOUT = env.float("OPENLIBRARY_READ_TIMEOUT", default=8.0)
OPENLIBRARY_MAX_RETRIES = env.int("OPENLIBRARY_MAX_RETRIES", default=1)
OPENLIBRARY_RETRY_TOTAL_SECONDS = env.float("OPENLIBRARY_RETRY_TOTAL_SECONDS", default=10.0)
OPENLIBRARY_RETRY_BACKOFF_SECONDS = env.float("OPENLIBRARY_RETRY_BACKOFF_SECONDS", default=0.5)
OPENLIBRARY_SEARCH_CACHE_SECONDS = env.int("OPENLIBRARY_SEARCH_CACHE_SECONDS", default=60 * 60)
OPENLIBRARY_LOOKUP_CACHE_SECONDS = env.int(
    "OPENLIBRARY_LOOKUP_CACHE_SECONDS", default=30 * 24 * 60 * 60
)

# Background work (Django's Tasks API): "database" queues tasks in the database for the worker
# that `make run` starts (`manage.py db_worker`); "immediate" runs them in the request; "rq"
# queues them in Redis (REDIS_URL) for RQ workers on any machine (`manage.py rqworker default`).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise SystemExit(
        f"MyColl refuses to start: TASKS_BACKEND is one of {', '.join(TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise SystemExit("MyColl refuses to start: TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60 * 60}}

# Imports (POST /api/v1/imports/): a file is refused (413, or 400 naming the limit) beyond these.
IMPORT_MAX_FILE_BYTES = env.int("IMPORT_MAX_FILE_BYTES", default=20 * 1024 * 1024)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=100 * 1024 * 1024)
IMPORT_MAX_ZIP_ENTRIES = env.int("IMPORT_MAX_ZIP_ENTRIES", default=100)
IMPORT_MAX_ROW_BYTES = env.int("IMPORT_MAX_ROW_BYTES", default=64 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=100_000)
# Rows applied per transaction (each takes the collection's write protocol once).
IMPORT_BATCH_SIZE = env.int("IMPORT_BATCH_SIZE", default=200)
# A running import whose worker has not reported for this long is resumed by
# `manage.py resume_imports` (which `make run` runs before starting the worker).
IMPORT_STALE_SECONDS = env.int("IMPORT_STALE_SECONDS", default=300)
# A multipart upload's whole body may be this large (the file and its form fields).
MAX_UPLOAD_BODY_BYTES = IMPORT_MAX_FILE_BYTES + 64 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
COLLECTION_CACHE_SECONDS = env.int("COLLECTION_CACHE_SECONDS", default=60 * 60)
# Bytes of rendered titles each worker keeps (collection/fragments.py), oldest out first.
COLLECTION_FRAGMENT_BYTES = env.int("COLLECTION_FRAGMENT_BYTES", default=32 * 1024 * 1024)
