"""The admin's middleware (sessions, CSRF, its user, messages) runs for the admin and every
other page, and stays off the API's paths."""

import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

API_PATHS = ["/api/v1/movies/", "/accounts/me/", "/healthz", "/api/schema/"]


@pytest.mark.parametrize("path", API_PATHS)
def test_it_answers_the_api_without_a_session(owner_client, path):
    response = owner_client.get(path)

    assert response.status_code == 200
    assert not hasattr(response.wsgi_request, "session")
    assert not hasattr(response.wsgi_request, "_messages")
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")


def test_it_gives_the_admin_its_session_and_user(superuser_client):
    response = superuser_client.get("/admin/")

    assert response.status_code == 200
    assert response.wsgi_request.session.session_key
    assert response.wsgi_request.user.is_superuser


def test_it_still_checks_csrf_on_the_admin(db):
    make_user("admin", is_staff=True, is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    login = {"username": "admin", "password": PASSWORD, "next": "/admin/"}

    refused = client.post("/admin/login/", login)
    form = client.get("/admin/login/")
    accepted = client.post(
        "/admin/login/", {**login, "csrfmiddlewaretoken": form.context["csrf_token"]}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_it_shows_the_admins_messages(superuser_client, user):
    response = superuser_client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": "renamed",
            "email": "",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert any("renamed" in str(message) for message in response.context["messages"])
