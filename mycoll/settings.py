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
    "mycoll",  # its templates: the offline ReDoc page
    "accounts",
    "collection",
    "movies",
    "tmdb",
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
        "Catalogue a personal movie collection: sign up, search TMDb, add a movie in one call "
        "and record every copy you own.\n\n"
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
        {"name": "copies", "description": "The copies of every title, with every detail."},
        {"name": "locations", "description": "Where copies are kept: a tree of places."},
        {"name": "loans", "description": "Who has which copy, and until when."},
        {"name": "tmdb", "description": "Search The Movie Database, through the server."},
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
COLLECTION_CACHE_SECONDS = env.int("COLLECTION_CACHE_SECONDS", default=60 * 60)
# Bytes of rendered titles each worker keeps (collection/fragments.py), oldest out first.
COLLECTION_FRAGMENT_BYTES = env.int("COLLECTION_FRAGMENT_BYTES", default=32 * 1024 * 1024)
