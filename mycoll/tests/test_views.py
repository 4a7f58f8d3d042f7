import pytest
from django.http import HttpResponse
from django.urls import include, path

from livetest import throwaway_secret_key
from mycoll import urls as root_urls
from mycoll.tests.test_settings import run_python


def boom(request) -> HttpResponse:
    raise RuntimeError("an unexpected failure")


urlpatterns = [
    path("api/v1/boom/", boom),
    path("", include("mycoll.urls")),
]
handler404 = root_urls.handler404
handler500 = root_urls.handler500


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_it_reports_health_when_the_database_answers(api_client, path):
    response = api_client.get(path)

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_reports_503_when_the_database_is_unreachable():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client(HTTP_HOST='localhost').get('/healthz'); "
        "print(r.status_code, r.content.decode())"
    )
    result = run_python(
        code,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/mycoll",
        SECRET_KEY=throwaway_secret_key(),
    )

    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503", result.stderr
    assert '"unavailable"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/v1/nothing-here/", "/accounts/nothing-here", "/api/v2/movies/"]
)
def test_it_answers_an_unknown_api_path_with_a_json_404(owner_client, path):
    response = owner_client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_it_answers_a_wrong_method_with_a_json_405(owner_client):
    response = owner_client.delete("/accounts/me/")

    assert response.status_code == 405
    assert response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_a_non_json_body_with_a_json_415(api_client):
    response = api_client.post(
        "/accounts/token/",
        "username=a&password=b",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 415
    assert response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_an_oversized_body_with_a_json_413(api_client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000

    response = api_client.post("/accounts/create/", {"username": "x" * 2000}, format="json")

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than 1000 bytes."}


@pytest.mark.django_db
def test_it_answers_malformed_json_with_a_json_400(api_client):
    response = api_client.post("/accounts/token/", '{"username": ', content_type="application/json")

    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.django_db
def test_it_answers_an_unexpected_error_with_a_json_500_and_no_traceback(api_client, settings):
    settings.ROOT_URLCONF = __name__
    api_client.raise_request_exception = False

    response = api_client.get("/api/v1/boom/")

    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error."}
    assert b"RuntimeError" not in response.content


@pytest.mark.django_db
def test_it_keeps_html_error_pages_outside_the_api(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/accounts/me", "/accounts/me/", "/accounts/token", "/accounts/token/"]
)
def test_it_never_redirects_for_a_trailing_slash(owner_client, method, path):
    response = getattr(owner_client, method)(path, {}, format="json")

    assert response.status_code not in {301, 302, 307, 308, 404}
    assert response["Content-Type"] == "application/json"
