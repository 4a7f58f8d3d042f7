"""The one outgoing HTTP module: sessions, timeouts, retries within a deadline, redacted logs.

An imaginary outside service ("Books") is mocked with `responses`; the redaction is also
checked over real HTTP, against the fake TMDb on loopback.
"""

import logging
import time
import traceback
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import responses

from mycoll import outgoing
from mycoll.errors import UpstreamErrors, UpstreamRateLimited, UpstreamTimeout, UpstreamUnavailable
from mycoll.outgoing import Policy, RedactCredentials, Upstream, retry_after_seconds
from tmdb.tests.fake_server import running_fake_tmdb

URL = "https://books.test/v1/volumes"
SECRET = "s3cret-that-must-never-leak-42"
BOOKS = Upstream("Books")
POLICY = Policy(
    connect_timeout=1.0, read_timeout=2.0, max_retries=2, total_seconds=5.0, backoff_seconds=0.001
)


class BooksTimeout(UpstreamTimeout):
    code = "books_timeout"


class BooksUnavailable(UpstreamUnavailable):
    code = "books_unavailable"


class BooksRateLimited(UpstreamRateLimited):
    code = "books_rate_limited"


@pytest.fixture
def books():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def get(policy: Policy = POLICY, upstream: Upstream = BOOKS, **params) -> requests.Response:
    return upstream.get(URL, policy=policy, params={"q": "dune", **params})


def policy(**changes) -> Policy:
    return Policy(**{**POLICY.__dict__, **changes})


# --- Retries -------------------------------------------------------------------------------


def test_it_returns_a_response_with_the_parameters_and_headers_sent(books):
    books.get(URL, json={"items": []})

    response = BOOKS.get(URL, policy=POLICY, params={"q": "dune"}, headers={"Accept": "x/y"})

    assert response.json() == {"items": []}
    request = books.calls[0].request
    assert request.url == f"{URL}?q=dune"
    assert request.headers["Accept"] == "x/y"
    assert request.req_kwargs["timeout"] == (1.0, 2.0)


@pytest.mark.parametrize("status", [400, 401, 404, 418])
def test_it_returns_a_client_error_without_retrying(books, status):
    books.get(URL, status=status)

    assert get().status_code == status
    assert len(books.calls) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_it_retries_a_server_error_then_gives_up(books, status):
    books.get(URL, status=status)

    with pytest.raises(UpstreamUnavailable) as raised:
        get()

    assert len(books.calls) == 3  # the first attempt and max_retries = 2 retries
    assert raised.value.reason == f"Books answered {status}"


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_it_retries_as_many_times_as_the_policy_says(books, max_retries):
    books.get(URL, status=503)

    with pytest.raises(UpstreamUnavailable):
        get(policy(max_retries=max_retries))

    assert len(books.calls) == max_retries + 1


def test_it_succeeds_when_a_retry_does(books):
    books.get(URL, status=503)
    books.get(URL, json={"items": [1]})

    assert get().json() == {"items": [1]}
    assert len(books.calls) == 2


@pytest.mark.parametrize(
    ("exception", "error", "calls"),
    [
        (requests.ConnectionError, UpstreamUnavailable, 3),
        (requests.ReadTimeout, UpstreamTimeout, 1),
    ],
)
def test_it_never_quotes_the_request_error(books, exception, error, calls):
    # requests puts the URL, key included, in its messages: it must go no further.
    books.get(URL, body=exception(f"Refused: {URL}?key={SECRET}"))

    with pytest.raises(error) as raised:
        get(key=SECRET)

    assert len(books.calls) == calls
    assert raised.value.reason == f"{exception.__name__} from Books"
    assert SECRET not in f"{raised.value} {raised.value.reason}"
    assert SECRET not in "".join(traceback.format_exception(raised.value))  # nor its chain


def test_it_retries_a_connect_timeout_but_not_a_read_timeout(books):
    books.get(URL, body=requests.ConnectTimeout())
    books.get(f"{URL}/slow", body=requests.ReadTimeout())

    with pytest.raises(UpstreamTimeout):
        get()
    with pytest.raises(UpstreamTimeout):
        BOOKS.get(f"{URL}/slow", policy=POLICY)

    assert [call.request.path_url.split("?")[0] for call in books.calls] == [
        "/v1/volumes",
        "/v1/volumes",
        "/v1/volumes",
        "/v1/volumes/slow",
    ]


def test_it_does_not_retry_other_request_errors(books):
    books.get(URL, body=requests.TooManyRedirects())

    with pytest.raises(UpstreamUnavailable):
        get()
    assert len(books.calls) == 1


def test_it_gives_up_on_rate_limiting_after_retries(books):
    books.get(URL, status=429, headers={"Retry-After": "0"})

    with pytest.raises(UpstreamRateLimited) as raised:
        get()

    assert len(books.calls) == 3
    assert raised.value.retry_after == 1


def test_it_gives_up_at_once_when_retry_after_is_past_the_deadline(books):
    books.get(URL, status=429, headers={"Retry-After": "30"})
    started = time.monotonic()

    with pytest.raises(UpstreamRateLimited) as raised:
        get()

    assert time.monotonic() - started < 1
    assert len(books.calls) == 1
    assert raised.value.retry_after == 30


def test_it_gives_up_when_the_backoff_would_pass_the_deadline(books):
    books.get(URL, status=503)
    started = time.monotonic()

    with pytest.raises(UpstreamUnavailable):
        get(policy(total_seconds=0.5, backoff_seconds=0.3))  # 0.3 s, then 0.6 s: past it

    assert len(books.calls) == 2
    assert 0.3 <= time.monotonic() - started < 0.5


def test_it_waits_as_long_as_retry_after_asks(books):
    books.get(URL, status=503, headers={"Retry-After": "1"})
    books.get(URL, json={})
    started = time.monotonic()

    get()

    assert 1 <= time.monotonic() - started < 2
    assert len(books.calls) == 2


def test_it_cuts_a_retrys_timeouts_to_what_is_left_of_the_deadline(books):
    books.get(URL, status=503)
    books.get(URL, json={})

    get(policy(total_seconds=1.5, backoff_seconds=0.2))

    first, retry = (call.request.req_kwargs["timeout"] for call in books.calls)
    assert first == (1.0, 2.0)
    assert 1.0 < retry[1] <= 1.3 and retry[0] == 1.0


def test_a_policy_reads_an_integrations_settings_when_asked(settings):
    settings.BOOKS_CONNECT_TIMEOUT, settings.BOOKS_READ_TIMEOUT = 1.5, 2.5
    settings.BOOKS_MAX_RETRIES, settings.BOOKS_RETRY_TOTAL_SECONDS = 3, 4.0
    settings.BOOKS_RETRY_BACKOFF_SECONDS = 0.25

    assert Policy.from_settings("BOOKS") == Policy(
        connect_timeout=1.5,
        read_timeout=2.5,
        max_retries=3,
        total_seconds=4.0,
        backoff_seconds=0.25,
    )


def test_it_backs_off_exponentially_unless_retry_after_asks_for_longer():
    slow = policy(backoff_seconds=0.5)

    assert [slow.retry_delay(retry, None) for retry in range(3)] == [0.5, 1.0, 2.0]
    assert slow.retry_delay(0, 3.0) == 3.0
    assert slow.retry_delay(2, 0.0) == 2.0


def http_date(seconds_from_now: int) -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=seconds_from_now), usegmt=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("7", 7), (" 12 ", 12), ("-3", None), ("soon", None), ("", None), ("1.5", None)],
)
def test_it_reads_retry_after_in_seconds(header, expected):
    response = requests.Response()
    response.headers["Retry-After"] = header

    assert retry_after_seconds(response) == expected


def test_it_reads_retry_after_as_a_date():
    later, earlier = requests.Response(), requests.Response()
    later.headers["Retry-After"] = http_date(20)
    earlier.headers["Retry-After"] = http_date(-20)

    assert 18 < retry_after_seconds(later) <= 20
    assert retry_after_seconds(earlier) == 0


# --- The errors raised ---------------------------------------------------------------------

GENERIC = (UpstreamTimeout, UpstreamUnavailable, UpstreamRateLimited)
OWN = (BooksTimeout, BooksUnavailable, BooksRateLimited)
OWN_ERRORS = Upstream(
    "Books",
    errors=UpstreamErrors(
        timeout=BooksTimeout, unavailable=BooksUnavailable, rate_limited=BooksRateLimited
    ),
)


@pytest.mark.parametrize(
    ("answer", "generic", "own"),
    [
        ({"body": requests.ReadTimeout()}, "upstream_timeout", "books_timeout"),
        ({"status": 502}, "upstream_unavailable", "books_unavailable"),
        ({"status": 429}, "upstream_rate_limited", "books_rate_limited"),
    ],
)
def test_it_raises_the_generic_errors_or_the_clients_own(books, answer, generic, own):
    books.get(URL, **answer)

    with pytest.raises(GENERIC) as default:
        get(policy(max_retries=0))
    with pytest.raises(OWN) as subclassed:
        get(policy(max_retries=0), upstream=OWN_ERRORS)

    assert (default.value.code, subclassed.value.code) == (generic, own)


def test_it_reads_a_json_body(books):
    books.get(URL, json={"items": [{"id": 1}]})

    assert BOOKS.json_body(get()) == {"items": [{"id": 1}]}


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ({"status": 400, "json": {}}, "Books answered 400"),
        ({"body": "<html>oops</html>"}, "Books answered something that is not JSON"),
    ],
)
def test_it_refuses_an_error_or_a_body_that_is_not_json(books, answer, reason):
    books.get(URL, **answer)

    with pytest.raises(BooksUnavailable) as raised:
        OWN_ERRORS.json_body(get())
    assert raised.value.reason == reason


# --- Sessions ------------------------------------------------------------------------------


def test_it_keeps_one_pooled_session_per_service_and_process(monkeypatch):
    books, again, films = BOOKS.session(), Upstream("Books").session(), Upstream("Films").session()
    monkeypatch.setattr(outgoing.os, "getpid", lambda: -1)
    forked = BOOKS.session()

    assert books is again
    assert len({id(books), id(films), id(forked)}) == 3
    assert books.headers["User-Agent"] == "MyColl (Books client)"
    assert films.headers["User-Agent"] == "MyColl (Films client)"
    assert books.get_adapter("https://books.test").max_retries.total == 0


# --- Logs ----------------------------------------------------------------------------------


def log_record(message: str, *args) -> logging.LogRecord:
    return logging.LogRecord("urllib3.connectionpool", logging.DEBUG, "", 0, message, args, None)


def test_it_hides_credential_parameters_in_a_log_line():
    line = '"GET /v1/volumes?q=key%%3D1&key=%s&api_key=abc&monkey=3 HTTP/1.1" 200'
    record = log_record(line, SECRET)

    RedactCredentials().filter(record)

    assert record.getMessage() == (
        '"GET /v1/volumes?q=key%3D1&key=[hidden]&api_key=[hidden]&monkey=3 HTTP/1.1" 200'
    )


def test_it_hides_the_parameters_it_is_told_to():
    record = log_record("GET /x?token=abc&key=def")

    RedactCredentials(("token",)).filter(record)

    assert record.getMessage() == "GET /x?token=[hidden]&key=def"


def test_it_installs_each_redaction_once():
    target = logging.getLogger("urllib3.connectionpool")
    before = len(target.filters)

    outgoing.install_log_redaction(("sig", "token"))
    outgoing.install_log_redaction(("sig", "token"))

    assert len(target.filters) == before + 1
    target.removeFilter(target.filters[-1])


def test_it_hides_the_credential_in_urllib3_debug_logs(caplog):
    caplog.set_level(logging.DEBUG)

    with running_fake_tmdb() as server:
        params = {"query": "Sphere", "api_key": SECRET, "key": SECRET}
        Upstream("Loopback").get(f"{server.url}/search/movie", policy=POLICY, params=params)

    assert "/3/search/movie?" in caplog.text  # urllib3 logged the request line...
    assert "api_key=[hidden]&key=[hidden]" in caplog.text
    assert SECRET not in caplog.text  # ...without the key


# --- Answers kept in the cache -------------------------------------------------------------


def test_a_cache_key_names_every_part_of_the_call_in_any_order():
    key = outgoing.cache_key("books", api="https://a", path="/v", q={"q": "x", "n": 1})

    assert key == outgoing.cache_key("books", q={"n": 1, "q": "x"}, path="/v", api="https://a")
    assert key.startswith("books:") and "x" not in key.removeprefix("books:")
    assert key != outgoing.cache_key("books", api="https://b", path="/v", q={"q": "x", "n": 1})
    assert key != outgoing.cache_key("books", api="https://a", path="/v", q={"q": "X", "n": 1})


def test_it_keeps_an_answer_but_never_a_failure():
    calls = []

    def fetch() -> dict:
        calls.append(1)
        if len(calls) == 1:
            raise BooksUnavailable(reason="down")
        return {"n": len(calls)}

    with pytest.raises(BooksUnavailable):
        outgoing.cached("books:k", fetch, 60)
    first = outgoing.cached("books:k", fetch, 60)
    again = outgoing.cached("books:k", fetch, 60)

    assert first == again == {"n": 2}
    assert len(calls) == 2
