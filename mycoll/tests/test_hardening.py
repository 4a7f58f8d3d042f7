"""Limits and defences: throttles, hostile JSON, headers, hosts and origins."""

import pytest

from accounts.tests.factories import PASSWORD
from movies.models import Movie
from movies.tests.factories import make_movie

pytestmark = pytest.mark.django_db


@pytest.fixture
def rates(settings):
    settings.THROTTLE_RATES = {
        "auth_ip": "3/min",
        "auth_username": "2/min",
        "user": "5/min",
        "tmdb": "2/min",
    }
    return settings.THROTTLE_RATES


def sign_up(client, username: str, **extra):
    payload = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    return client.post("/accounts/create/", payload, format="json", **extra)


def test_it_throttles_sign_ups_per_address(api_client, rates):
    answers = [sign_up(api_client, f"person{n}").status_code for n in range(4)]
    elsewhere = sign_up(api_client, "person9", REMOTE_ADDR="203.0.113.9")

    assert answers == [201, 201, 201, 429]
    assert elsewhere.status_code == 201


def test_a_throttled_answer_says_when_to_retry(api_client, rates):
    for n in range(3):
        sign_up(api_client, f"person{n}")

    response = sign_up(api_client, "person3")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()


def test_it_throttles_token_requests_per_username_from_any_address(api_client, user, rates):
    def attempt(address: str) -> int:
        body = {"username": "OWNER", "password": "wrong-password"}
        return api_client.post(
            "/accounts/token/", body, format="json", REMOTE_ADDR=address
        ).status_code

    answers = [attempt(f"198.51.100.{n}") for n in range(3)]

    assert answers == [401, 401, 429]


def test_it_ignores_x_forwarded_for_without_a_trusted_proxy(api_client, rates):
    answers = [
        sign_up(api_client, f"person{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]

    assert answers[-1] == 429


def test_it_reads_the_client_address_through_a_trusted_proxy(api_client, rates, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    answers = [
        sign_up(api_client, f"person{n}", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]

    assert answers == [201, 201, 201, 201]


def test_it_throttles_each_user_on_the_api(owner_client, other_client, rates):
    answers = [owner_client.get("/api/v1/movies/").status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]
    assert other_client.get("/api/v1/movies/").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        '{"title": "x", "release_year": NaN}',
        '{"title": "x", "release_year": Infinity}',
        '\ufeff{"title": "x", "release_year": 1999}',
        '{"title": "x", "release_year": 19',
        '{"title": "x", "release_year": 1999}}',
        '{"title": "x", "release_year": 1999, "overview": ' + "[" * 100 + "]" * 100 + "}",
        '{"title": "\\ud800", "release_year": 1999}',
    ],
)
def test_it_answers_hostile_json_with_a_400_and_stores_nothing(owner_client, body):
    response = owner_client.post("/api/v1/movies/", body.encode(), content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"]
    assert not Movie.objects.exists()


def test_it_answers_an_empty_body_with_the_missing_fields(owner_client):
    response = owner_client.post("/api/v1/movies/", b"", content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"title", "release_year"}


def test_it_accepts_json_as_deep_as_it_allows(owner_client):
    body = '{"title": "x", "release_year": 1999, "extra": ' + "[" * 20 + "]" * 20 + "}"

    response = owner_client.post("/api/v1/movies/", body, content_type="application/json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Sphere\x00"),
        ("overview", "\x00"),
        ("release_year", 10**20),
        ("release_year", -(2**70)),
        ("runtime_minutes", 2**31),
        ("runtime_minutes", 1e308),
        ("tmdb_id", 2**63),
        ("release_year", False),
        ("release_year", {"year": 1999}),
    ],
)
def test_it_answers_unstorable_values_with_a_400_naming_the_field(owner_client, user, field, value):
    movie = make_movie(user)
    payload = {"title": "Sphere", "release_year": 1998, field: value}

    created = owner_client.post("/api/v1/movies/", payload, format="json")
    patched = owner_client.patch(f"/api/v1/movies/{movie.pk}", {field: value}, format="json")

    assert created.status_code == patched.status_code == 400
    assert list(created.json()) == [field]
    assert Movie.objects.count() == 1


def test_it_answers_a_form_post_with_415(owner_client):
    response = owner_client.post(
        "/api/v1/movies/",
        "title=x&release_year=1999",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 415


def test_it_sends_security_headers(owner_client):
    response = owner_client.get("/api/v1/movies/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "Server" not in response
    assert "X-Powered-By" not in response


def test_it_keeps_authenticated_answers_out_of_shared_caches(owner_client):
    response = owner_client.get("/accounts/me/")

    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]


def test_it_sends_hsts_when_https_is_configured(api_client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000

    response = api_client.get("/healthz", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_it_answers_an_unknown_host_with_a_json_400(api_client):
    response = api_client.get("/api/v1/movies/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}


def test_it_allows_only_the_configured_origins(owner_client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://mycoll.app"]

    allowed = owner_client.get("/api/v1/movies/", HTTP_ORIGIN="https://mycoll.app")
    refused = owner_client.get("/api/v1/movies/", HTTP_ORIGIN="https://evil.example")
    preflight = owner_client.options(
        "/api/v1/movies/1",
        HTTP_ORIGIN="https://mycoll.app",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PUT",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )

    assert allowed["Access-Control-Allow-Origin"] == "https://mycoll.app"
    assert "Access-Control-Allow-Origin" not in refused
    assert preflight.status_code == 200
    assert "PUT" in preflight["Access-Control-Allow-Methods"]
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
