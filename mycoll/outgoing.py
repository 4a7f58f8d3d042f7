"""Every outgoing HTTP request: one pooled session per outside service, bounded retries.

An integration describes its service once, `Upstream("TMDb", errors=...)`, and calls
`upstream.get(url, policy=...)` with a Policy built from its own settings. A GET has
(connect, read) timeouts; it is retried after connection errors, 429 and 5xx with exponential
backoff, honouring Retry-After, never past the policy's total deadline; a read timeout is not
retried. Failures raise the upstream's errors (mycoll.errors, or its subclasses of them), whose
messages never quote `requests`: its exceptions carry the URL, and URLs carry keys. Credential
query parameters are hidden in urllib3's debug lines.

The retries are this module's own loop, not urllib3's Retry: urllib3 knows no total deadline,
and the `responses` mock library that the tests use replaces the adapter's sending, emulating
urllib3's retries after a status only (never after a connection error, and without waiting),
so they would go mostly untested.
"""

import functools
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import requests
from django.conf import settings
from django.core.cache import cache
from requests.adapters import HTTPAdapter

from mycoll.errors import GENERIC_ERRORS, UpstreamError, UpstreamErrors

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CREDENTIAL_PARAMS = ("api_key", "key")
URLLIB3_LOGGERS = ("urllib3.connectionpool", "urllib3.util.retry")
T = TypeVar("T")
_MISSING = object()


@dataclass(frozen=True)
class Policy:
    """How long one GET may take and how often it is tried again (seconds)."""

    connect_timeout: float
    read_timeout: float
    max_retries: int
    total_seconds: float
    backoff_seconds: float

    @classmethod
    def from_settings(cls, prefix: str) -> "Policy":
        """The policy an integration's settings describe, read now: `<prefix>_CONNECT_TIMEOUT`,
        `_READ_TIMEOUT`, `_MAX_RETRIES`, `_RETRY_TOTAL_SECONDS` and `_RETRY_BACKOFF_SECONDS`."""
        return cls(
            connect_timeout=getattr(settings, f"{prefix}_CONNECT_TIMEOUT"),
            read_timeout=getattr(settings, f"{prefix}_READ_TIMEOUT"),
            max_retries=getattr(settings, f"{prefix}_MAX_RETRIES"),
            total_seconds=getattr(settings, f"{prefix}_RETRY_TOTAL_SECONDS"),
            backoff_seconds=getattr(settings, f"{prefix}_RETRY_BACKOFF_SECONDS"),
        )

    def retry_delay(self, retry: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number `retry` + 1: exponential backoff, or longer
        when the server's Retry-After asks for it."""
        return max(self.backoff_seconds * 2**retry, retry_after or 0.0)

    def timeouts(self, deadline: float | None) -> tuple[float, float]:
        """(connect, read) timeouts; a retry's are cut to what is left before the deadline."""
        if deadline is None:
            return self.connect_timeout, self.read_timeout
        left = max(deadline - time.monotonic(), 0.001)
        return min(self.connect_timeout, left), min(self.read_timeout, left)


class _Retryable(Exception):
    """An attempt failed in a way another attempt may mend."""

    def __init__(self, failure: UpstreamError, retry_after: float | None = None) -> None:
        super().__init__(failure.reason)
        self.failure, self.retry_after = failure, retry_after


@dataclass(frozen=True)
class Upstream:
    """One outside service: its name (in the User-Agent and in every reason logged), the
    errors its transport failures raise, and the query parameters that carry its credential."""

    name: str
    errors: UpstreamErrors = GENERIC_ERRORS
    credential_params: tuple[str, ...] = CREDENTIAL_PARAMS

    def session(self) -> requests.Session:
        return session(self.name, self.credential_params)

    def get(
        self,
        url: str,
        *,
        policy: Policy,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> requests.Response:
        """The response to a GET that did not fail for retrying: at most policy.max_retries
        retries, none sleeping or running past policy.total_seconds after the first attempt
        began. Its status may still be an error that is not worth a retry (4xx)."""
        deadline = time.monotonic() + policy.total_seconds
        retry = 0
        while True:
            timeouts = policy.timeouts(deadline if retry else None)
            try:
                return self._attempt(url, params, headers, timeouts)
            except _Retryable as retryable:
                failure, delay = retryable.failure, policy.retry_delay(retry, retryable.retry_after)
            if retry >= policy.max_retries or time.monotonic() + delay >= deadline:
                raise failure
            logger.info(
                "%s GET failed (%s); retry %d in %.2f s",
                self.name,
                failure.reason,
                retry + 1,
                delay,
            )
            time.sleep(delay)
            retry += 1

    def json_body(self, response: requests.Response) -> Any:
        """A 2xx response's JSON body; any other status, or a body that is not JSON, is the
        upstream being unavailable."""
        if not 200 <= response.status_code < 300:
            raise self.errors.unavailable(reason=f"{self.name} answered {response.status_code}")
        try:
            return response.json()
        except ValueError:
            reason = f"{self.name} answered something that is not JSON"
            raise self.errors.unavailable(reason=reason) from None

    def _attempt(
        self,
        url: str,
        params: dict[str, Any] | None,
        headers: dict[str, str] | None,
        timeouts: tuple[float, float],
    ) -> requests.Response:
        try:
            response = self.session().get(url, params=params, headers=headers, timeout=timeouts)
        except requests.RequestException as exc:
            failure, retryable = self._failure_for_exception(exc)
            if not retryable:
                raise failure from None
            raise _Retryable(failure) from None
        if response.status_code in RETRY_STATUSES:
            retry_after = retry_after_seconds(response)
            raise _Retryable(
                self._failure_for_status(response.status_code, retry_after), retry_after
            )
        return response

    def _failure_for_exception(self, exc: requests.RequestException) -> tuple[UpstreamError, bool]:
        """The error to raise, and whether another attempt may help."""
        # Never str(exc): it holds the URL, and the URL may hold a key.
        reason = f"{type(exc).__name__} from {self.name}"
        if isinstance(exc, requests.ConnectTimeout):
            return self.errors.timeout(reason=reason), True
        if isinstance(exc, requests.Timeout):
            return self.errors.timeout(reason=reason), False  # the read wait is already spent
        if isinstance(exc, requests.ConnectionError):
            return self.errors.unavailable(reason=reason), True
        return self.errors.unavailable(reason=reason), False

    def _failure_for_status(self, status: int, retry_after: float | None) -> UpstreamError:
        reason = f"{self.name} answered {status}"
        if status == 429:
            return self.errors.rate_limited(retry_after, reason=reason)
        return self.errors.unavailable(reason=reason)


def retry_after_seconds(response: requests.Response) -> float | None:
    """The response's Retry-After in seconds (a whole number, or an HTTP date), if any."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def session(name: str, credential_params: tuple[str, ...] = CREDENTIAL_PARAMS) -> requests.Session:
    """The pooled session of one outside service in this process, created on first use (so
    after a fork), with urllib3's logs redacted before its first request."""
    return _session(name, credential_params, os.getpid())


@functools.cache
def _session(name: str, credential_params: tuple[str, ...], pid: int) -> requests.Session:
    install_log_redaction(credential_params)
    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=16, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = f"MyColl ({name} client)"
    return session


# --- Logs ----------------------------------------------------------------------------------


class RedactCredentials(logging.Filter):
    """urllib3 logs every request line at DEBUG, query string included: hide the values of
    the credential parameters."""

    def __init__(self, params: tuple[str, ...] = CREDENTIAL_PARAMS) -> None:
        super().__init__()
        self.params = params
        names = "|".join(re.escape(param) for param in params)
        self.pattern = re.compile(rf"(?<![\w-])({names})=[^&\s\"'#]+")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.pattern.sub(r"\1=[hidden]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def install_log_redaction(params: tuple[str, ...] = CREDENTIAL_PARAMS) -> None:
    """Hide these parameters' values in urllib3's logs (once per set of parameters)."""
    for name in URLLIB3_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(f, RedactCredentials) and f.params == params for f in target.filters):
            target.addFilter(RedactCredentials(params))


# --- Answers kept in the cache -------------------------------------------------------------


def cache_key(prefix: str, **parts: Any) -> str:
    """A key for one answer of an outside service: a digest of every part of the call that
    shapes the answer (the service's URL, the path, the parameters; never a credential)."""
    normalized = json.dumps(parts, sort_keys=True, default=str)
    return f"{prefix}:{hashlib.sha256(normalized.encode()).hexdigest()}"


def cached(key: str, fetch: Callable[[], T], timeout: int) -> T:
    """The answer kept under `key`, else `fetch()`'s, kept for `timeout` seconds. A failure
    raises and is never kept."""
    hit = cache.get(key, _MISSING)
    if hit is not _MISSING:
        return hit
    value = fetch()
    cache.set(key, value, timeout)
    return value
