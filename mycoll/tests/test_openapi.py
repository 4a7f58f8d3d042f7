"""The OpenAPI description (/api/schema/) is valid, warning-free, and true.

Every operation it describes has a scenario below that sends real requests with realistic
data (TMDb mocked with `responses`, the database real) and checks every answer against the
description (mycoll/tests/conformance.py): the status is documented, the body matches the
schema for that status. Each scenario must produce every status its operation documents but
the generic ones (413, 415, 429, and the database's 503), which are produced for every
operation by the parametrized tests at the end; a malformed request's 400 is too. An operation
without a scenario, or a scenario without an operation, fails `test_every_operation_...`.
"""

import functools
import json
import re
from typing import Any

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

# Each app's scenarios, registered as they are imported.
from accounts.tests import scenarios as accounts_scenarios  # noqa: F401
from books.tests import scenarios as book_scenarios  # noqa: F401
from books.tests.factories import make_book, make_book_copy
from collection.tests import scenarios as collection_scenarios  # noqa: F401
from collection.tests import scenarios_places  # noqa: F401
from collection.tests.factories import make_loan, make_location
from conftest import client_for
from livetest import throwaway_secret_key
from movies.tests import scenarios as movies_scenarios  # noqa: F401
from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import (
    SCENARIOS,
    ConformanceClient,
    OpenAPIDocument,
    scenario,
)
from mycoll.tests.test_settings import run_python
from stats.tests import scenarios as stats_scenarios  # noqa: F401
from transfer.tests import scenarios as transfer_scenarios
from tv.tests import scenarios as tv_scenarios  # noqa: F401 (registers them)
from tv.tests.factories import make_season, make_season_copy, make_show

pytestmark = pytest.mark.django_db

GENERIC_STATUSES = {"413", "415", "429"}


@functools.cache
def generated() -> OpenAPIDocument:
    """The description, as /api/schema/?format=json serves it."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenAPIDocument(json.loads(json.dumps(schema, default=str)))


def each(operations: list[tuple[str, str]]) -> pytest.MarkDecorator:
    """Parametrize a test with (method, path) over these operations."""
    ids = [f"{method} {path}" for method, path in operations]
    return pytest.mark.parametrize(("method", "path"), operations, ids=ids)


@pytest.fixture(scope="module")
def openapi() -> OpenAPIDocument:
    return generated()


@pytest.fixture
def api(openapi) -> ConformanceClient:
    return ConformanceClient(openapi)


@pytest.fixture(autouse=True)
def _tmdb(tmdb_settings) -> None:
    """TMDb configured on a made-up host, mocked by the `tmdb` fixture where it is called."""


# --- The description itself ----------------------------------------------------------------


def test_the_schema_is_valid_and_warning_free(tmp_path, capsys):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    captured = capsys.readouterr()
    assert "Warning" not in captured.err and "Error" not in captured.err, captured.err
    assert yaml.safe_load(target.read_text())["openapi"].startswith("3.")


def test_it_describes_each_route_once_under_a_clean_path(openapi):
    paths = list(openapi.document["paths"])

    assert all(re.fullmatch(r"(/[a-z0-9_]+|/\{id\})+/", path) for path in paths), paths
    assert "/api/v1/movies/{id}/" in paths and "/api/v1/movies/search/details/" in paths
    assert not [p for p in paths if p.startswith(("/admin", "/api/schema", "/api/docs"))]


def test_it_types_ids_and_requires_the_search_query(openapi):
    for method, path in openapi.operations():
        for parameter in openapi.operation(method, path).get("parameters", []):
            if parameter["in"] == "path":
                assert parameter["schema"]["type"] == "integer", (method, path)
    search = openapi.operation("GET", "/api/v1/movies/search/")["parameters"]
    assert {p["name"]: p.get("required", False) for p in search}["query"] is True


def test_it_names_tags_and_security_of_every_operation(openapi, settings):
    declared_tags = {tag["name"] for tag in settings.SPECTACULAR_SETTINGS["TAGS"]}
    operation_ids = []
    for method, path in openapi.operations():
        operation = openapi.operation(method, path)
        operation_ids.append(operation["operationId"])
        assert operation["tags"][0] in declared_tags, operation["tags"]
        authenticated = {"jwtAuth": []} in operation.get("security", [])
        assert authenticated == ("401" in operation["responses"] and "token" not in path)
    assert len(operation_ids) == len(set(operation_ids))
    scheme = openapi.document["components"]["securitySchemes"]["jwtAuth"]
    assert scheme == {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}


def test_it_serves_the_schema_as_yaml_and_as_json_to_anyone(api_client, openapi):
    as_yaml = api_client.get("/api/schema/")
    as_json = api_client.get("/api/schema", {"format": "json"})
    negotiated = api_client.get("/api/schema/", HTTP_ACCEPT="application/json")
    with_a_bad_token = api_client.get("/api/schema/", HTTP_AUTHORIZATION="Bearer expired")

    assert as_yaml.status_code == 200
    assert as_yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert as_json["Content-Type"] == "application/vnd.oai.openapi+json"
    assert negotiated["Content-Type"] == "application/json"
    assert with_a_bad_token.status_code == 200
    assert yaml.safe_load(as_yaml.content) == json.loads(as_json.content) == openapi.document
    assert json.loads(negotiated.content) == openapi.document


@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc", "/api/redoc/"])
def test_the_documentation_pages_load_only_this_servers_files(api_client, page):
    response = api_client.get(page)

    assert response.status_code == 200
    html = response.content.decode()
    assets = [a for a in re.findall(r'(?:src|href)="([^"]+)"', html) if a != "data:,"]
    assert assets, html
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert not re.search(r"https?://", html.split("<body")[0]), html
    assert "img-src 'self' data:" in response["Content-Security-Policy"]


# --- One scenario per operation ------------------------------------------------------------


@scenario("GET", "/healthz/")
def healthz(api, api_client, **_):
    api.call(api_client, "GET", "/healthz/", 200)
    api.call(api_client, "GET", "/healthz/", 200, slash=False)


def test_every_operation_has_a_scenario_and_every_scenario_an_operation(openapi):
    assert set(SCENARIOS) == set(openapi.operations())


def required_statuses(openapi: OpenAPIDocument, method: str, path: str) -> set[str]:
    """What a scenario must show: every documented status but the generic ones; the 503 only
    where it is TMDb's; a 400 only where the operation takes input."""
    operation = openapi.operation(method, path)
    documented = set(operation["responses"])
    required = documented - GENERIC_STATUSES
    if "502" not in documented:
        required.discard("503")
    takes_input = "requestBody" in operation or any(
        p["in"] == "query" for p in operation.get("parameters", [])
    )
    if not takes_input:
        required.discard("400")
    return required


@each(sorted(SCENARIOS))
def test_each_operation_answers_as_described(
    method, path, openapi, api, request, tmdb, settings, user
):
    fixtures = ("api_client", "owner_client", "other_client", "other_user")
    SCENARIOS[(method, path)](
        api=api,
        tmdb=tmdb,
        settings=settings,
        user=user,
        **{name: request.getfixturevalue(name) for name in fixtures},
    )

    missing = required_statuses(openapi, method, path) - api.seen[(method, path)]
    assert not missing, f"{method} {path}: the scenario never produced {sorted(missing)}"


# --- The errors every operation can answer -------------------------------------------------


def operations_documenting(status: str) -> list[tuple[str, str]]:
    document = generated()
    return [op for op in document.operations() if status in document.operation(*op)["responses"]]


@pytest.fixture
def targets(user) -> dict[str, int]:
    """Ids of existing objects of the owner's, for the operations with an {id}."""
    movie = make_movie(user)
    copy = make_copy(movie)
    loan = make_loan(copy).pk
    upload = transfer_scenarios.stored_import(user)
    book = make_book(user)
    show = make_show(user, tmdb_id=1396)
    season = make_season(show, 1)
    return {
        "/api/v1/movies/{id}/": movie.pk,
        "/api/v1/movies/copies/{id}/": copy.pk,
        "/api/v1/copies/{id}/": copy.pk,
        "/api/v1/copies/{id}/loans/": copy.pk,
        "/api/v1/locations/{id}/": make_location(user, "Attic").pk,
        "/api/v1/loans/{id}/": loan,
        "/api/v1/loans/{id}/return/": loan,
        "/api/v1/imports/{id}/": upload,
        "/api/v1/imports/{id}/cancel/": upload,
        "/api/v1/books/{id}/": book.pk,
        "/api/v1/books/copies/{id}/": make_book_copy(book).pk,
        "/api/v1/tv/{id}/": show.pk,
        "/api/v1/tv/{id}/refresh/": show.pk,
        "/api/v1/tv/{id}/providers/": show.pk,
        "/api/v1/movies/{id}/providers/": movie.pk,
        "/api/v1/tv/{id}/completeness/": show.pk,
        "/api/v1/tv/season/{id}/": season.pk,
        "/api/v1/tv/season/copy/{id}/": make_season_copy(season).pk,
    }


def client_and_params(path: str, user, targets: dict[str, int]) -> tuple[Any, dict[str, int]]:
    params = {"id": targets[path]} if "{id}" in path else {}
    return client_for(user), params


@each(operations_documenting("400"))
def test_a_malformed_request_answers_400(method, path, api, user, targets):
    client, params = client_and_params(path, user, targets)

    response = api.call(client, method, path, 400, params=params, CONTENT_LENGTH="many")

    assert response.json() == {"detail": "The Content-Length header is not a number."}


@each(operations_documenting("413"))
def test_an_oversized_body_answers_413(method, path, api, user, targets, settings):
    settings.MAX_REQUEST_BODY_BYTES = 64
    client, params = client_and_params(path, user, targets)

    api.call(client, method, path, 413, params=params, body={"title": "x" * 100})


@each(operations_documenting("415"))
def test_a_body_that_is_not_json_answers_415(method, path, api, user, targets):
    client, params = client_and_params(path, user, targets)

    api.call(client, method, path, 415, params=params, raw=b"title=x", content_type="text/plain")


@each(operations_documenting("429"))
def test_a_throttled_request_answers_429(method, path, api, user, targets, settings):
    settings.THROTTLE_RATES = dict.fromkeys(settings.THROTTLE_RATES, "0/min")
    client, params = client_and_params(path, user, targets)

    response = api.call(client, method, path, 429, params=params)

    assert int(response["Retry-After"]) > 0


OUTAGE = """
import json, django
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken
client = Client(HTTP_HOST="localhost")
bearer = "Bearer " + str(AccessToken.for_user(get_user_model()(pk=1)))
answers = [
    client.get("/healthz/"),
    client.get("/api/v1/movies/", HTTP_AUTHORIZATION=bearer),
    client.post("/accounts/token/", {"username": "ada", "password": "x"}, "application/json"),
]
print(json.dumps([[r.status_code, dict(r.items()), r.content.decode()] for r in answers]))
"""


def test_a_database_outage_answers_the_documented_503(api):
    # A real outage: a separate process whose database is a closed port.
    result = run_python(
        OUTAGE,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/mycoll",
        SECRET_KEY=throwaway_secret_key(),
    )

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    operations = [("GET", "/healthz/"), ("GET", "/api/v1/movies/"), ("POST", "/accounts/token/")]
    for (method, path), (status, headers, body) in zip(operations, answers, strict=True):
        assert status == 503, body
        api.check(method, path, status, headers, body.encode())
