from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.tests.factories import PASSWORD
from conftest import client_for

User = get_user_model()
SIGN_UP = {"username": "newcomer", "email": "newcomer@example.com", "password": PASSWORD}

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.parametrize("path", ["/accounts/create/", "/accounts/create"])
def test_it_signs_up_and_returns_a_token_pair(api_client, path):
    response = api_client.post(path, SIGN_UP, format="json")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "username", "email", "access", "refresh"}
    assert body["username"] == "newcomer"
    assert body["email"] == "newcomer@example.com"
    assert User.objects.get(pk=body["id"]).check_password(PASSWORD)
    me = api_client.get("/accounts/me/", **bearer(body["access"]))
    assert me.json() == {"id": body["id"], "username": "newcomer", "email": "newcomer@example.com"}


@pytest.mark.parametrize("missing", ["username", "email", "password"])
def test_it_rejects_a_sign_up_with_a_missing_field(api_client, missing):
    payload = {k: v for k, v in SIGN_UP.items() if k != missing}

    response = api_client.post("/accounts/create/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [missing]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("password", "short1!"),
        ("password", "password123"),
        ("password", "12345678901"),
        ("username", "has spaces!"),
        ("username", "x" * 151),
    ],
)
def test_it_rejects_a_bad_sign_up_field(api_client, field, value):
    response = api_client.post("/accounts/create/", {**SIGN_UP, field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


def test_it_rejects_a_password_like_the_username(api_client):
    payload = {**SIGN_UP, "username": "wonderfulday", "password": "wonderfulday"}

    response = api_client.post("/accounts/create/", payload, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_it_rejects_a_duplicate_username(api_client, user):
    response = api_client.post(
        "/accounts/create/", {**SIGN_UP, "username": user.username}, format="json"
    )

    assert response.status_code == 400
    assert "username" in response.json()
    assert User.objects.count() == 1


def test_it_rejects_a_duplicate_email_whatever_its_case(api_client, user):
    response = api_client.post(
        "/accounts/create/", {**SIGN_UP, "email": user.email.upper()}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"email": ["A user with that email already exists."]}


@pytest.mark.parametrize("path", ["/accounts/token/", "/accounts/token"])
def test_it_issues_a_token_pair_for_good_credentials(api_client, user, path):
    response = api_client.post(path, {"username": "owner", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    token = AccessToken(response.json()["access"])
    assert str(token["user_id"]) == str(user.pk)


def test_it_refuses_bad_credentials_with_401(api_client, user):
    response = api_client.post(
        "/accounts/token/", {"username": "owner", "password": "wrong-password"}, format="json"
    )

    assert response.status_code == 401
    assert "access" not in response.json()
    assert response.json()["detail"]


def test_it_refreshes_with_rotation_and_blacklists_the_used_token(api_client, user):
    refresh = str(RefreshToken.for_user(user))

    first = api_client.post("/accounts/token/refresh/", {"refresh": refresh}, format="json")
    again = api_client.post("/accounts/token/refresh", {"refresh": refresh}, format="json")

    assert first.status_code == 200
    assert set(first.json()) == {"access", "refresh"}
    assert first.json()["refresh"] != refresh
    assert again.status_code == 401
    rotated = api_client.post(
        "/accounts/token/refresh/", {"refresh": first.json()["refresh"]}, format="json"
    )
    assert rotated.status_code == 200


def test_it_refuses_to_refresh_for_a_deleted_user(api_client, user):
    refresh = str(RefreshToken.for_user(user))
    user.delete()

    response = api_client.post("/accounts/token/refresh/", {"refresh": refresh}, format="json")

    assert response.status_code == 401


def test_it_refuses_to_refresh_with_an_access_token(api_client, user):
    access = str(AccessToken.for_user(user))

    response = api_client.post("/accounts/token/refresh/", {"refresh": access}, format="json")

    assert response.status_code == 401


def test_it_logs_out_by_blacklisting_the_refresh_token(api_client, user):
    refresh = str(RefreshToken.for_user(user))

    logout = api_client.post("/accounts/token/blacklist/", {"refresh": refresh}, format="json")
    refreshed = api_client.post("/accounts/token/refresh/", {"refresh": refresh}, format="json")

    assert logout.status_code == 200
    assert refreshed.status_code == 401


def test_it_shows_the_signed_in_user(owner_client, user):
    response = owner_client.get("/accounts/me")

    assert response.status_code == 200
    assert response.json() == {"id": user.pk, "username": "owner", "email": "owner@example.com"}


def test_it_changes_the_password_and_revokes_earlier_refresh_tokens(api_client, user):
    old_refresh = str(RefreshToken.for_user(user))
    client = client_for(user)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password": "a-brand-new-passphrase"},
        format="json",
    )

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
    stale = api_client.post("/accounts/token/refresh/", {"refresh": old_refresh}, format="json")
    assert stale.status_code == 401
    fresh = api_client.post(
        "/accounts/token/refresh/", {"refresh": response.json()["refresh"]}, format="json"
    )
    assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (
            {"old_password": "not-my-password", "new_password": "a-brand-new-passphrase"},
            "old_password",
        ),
        ({"old_password": PASSWORD, "new_password": "short"}, "new_password"),
        ({"old_password": PASSWORD}, "new_password"),
    ],
)
def test_it_rejects_a_bad_password_change(user, payload, field):
    response = client_for(user).post("/accounts/password/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("path", ["/accounts/me/", "/api/v1/movies/", "/accounts/password/"])
def test_it_answers_anonymous_requests_with_401_and_a_bearer_challenge(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_it_refuses_an_expired_access_token(api_client, user):
    token = AccessToken.for_user(user)
    token.set_exp(lifetime=-timedelta(seconds=1))

    response = api_client.get("/accounts/me/", **bearer(str(token)))

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"


def test_it_refuses_a_tampered_access_token(api_client, user, other_user):
    token = str(AccessToken.for_user(user))
    header, _payload, signature = token.split(".")
    other_payload = str(AccessToken.for_user(other_user)).split(".")[1]

    response = api_client.get("/accounts/me/", **bearer(f"{header}.{other_payload}.{signature}"))

    assert response.status_code == 401


def test_it_refuses_an_unsigned_alg_none_token(api_client, user):
    payload = AccessToken.for_user(user).payload
    unsigned = jwt.encode(payload, key=None, algorithm="none")

    response = api_client.get("/accounts/me/", **bearer(unsigned))

    assert response.status_code == 401


def test_it_refuses_a_token_signed_with_another_key(api_client, user):
    payload = AccessToken.for_user(user).payload
    forged = jwt.encode(payload, key="not-" + settings.SECRET_KEY, algorithm="HS256")

    response = api_client.get("/accounts/me/", **bearer(forged))

    assert response.status_code == 401


def test_it_refuses_a_refresh_token_used_as_an_access_token(api_client, user):
    response = api_client.get("/accounts/me/", **bearer(str(RefreshToken.for_user(user))))

    assert response.status_code == 401


@pytest.mark.parametrize("garbage", ["", "a.b.c", "not-a-token", "é" * 10])
def test_it_refuses_garbage_tokens_with_401(api_client, garbage):
    response = api_client.get("/accounts/me/", HTTP_AUTHORIZATION=f"Bearer {garbage}")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_access_and_refresh_lifetimes_default_to_30_minutes_and_a_day(user):
    refresh = RefreshToken.for_user(user)

    assert refresh["exp"] - refresh["iat"] == 24 * 60 * 60
    assert refresh.access_token["exp"] - refresh.access_token["iat"] == 30 * 60
