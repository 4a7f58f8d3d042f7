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
import requests
import responses
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from accounts.serializers import token_pair
from accounts.tests.factories import PASSWORD
from collection.tests import scenarios as collection_scenarios  # noqa: F401 (registers them)
from conftest import client_for
from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import (
    SCENARIOS,
    ConformanceClient,
    OpenAPIDocument,
    Scenario,
    detail_scenario,
    scenario,
)
from mycoll.tests.helpers import throwaway_secret_key
from mycoll.tests.test_settings import run_python
from tmdb.tests.helpers import (
    SEARCH_URL,
    details_payload,
    details_url,
    search_item,
    search_payload,
)
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


def test_it_names_tags_and_security_of_every_operation(openapi):
    operation_ids = []
    for method, path in openapi.operations():
        operation = openapi.operation(method, path)
        operation_ids.append(operation["operationId"])
        assert operation["tags"][0] in {"accounts", "movies", "tv", "copies", "tmdb", "health"}
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

MOVIE = {
    "title": "Sphere",
    "release_year": 1998,
    "overview": "Scientists and a spacecraft on the ocean floor.",
    "mpaa_rating": "PG-13",
    "runtime_minutes": 134,
    "image_link": "https://image.tmdb.test/t/p/w500/sphere.jpg",
    "tmdb_page_link": "https://www.themoviedb.org/movie/10153",
    "tmdb_id": 10153,
}
COPY = {"platform": "Prime Video", "form": "VOD", "vod_link": "https://www.primevideo.com/x"}
NO_TOKEN: dict[str, str] = {}
BAD_TOKEN = {"HTTP_AUTHORIZATION": "Bearer not-a-token"}


@scenario("POST", "/accounts/create/")
def sign_up(api, api_client, **_):
    new = {"username": "ada", "email": "ada@example.com", "password": "a-long-passphrase"}
    api.call(api_client, "POST", "/accounts/create/", 201, body=new)
    api.call(api_client, "POST", "/accounts/create/", 400, body=new, slash=False)  # taken
    api.call(api_client, "POST", "/accounts/create/", 400, body={**new, "password": "12345678"})
    api.call(api_client, "POST", "/accounts/create/", 400, raw=b'{"username": "ada"')


@scenario("POST", "/accounts/token/")
def log_in(api, api_client, user, **_):
    credentials = {"username": user.username, "password": PASSWORD}
    api.call(api_client, "POST", "/accounts/token/", 200, body=credentials, slash=False)
    api.call(api_client, "POST", "/accounts/token/", 400, body={"username": user.username})
    api.call(api_client, "POST", "/accounts/token/", 401, body={**credentials, "password": "no"})


@scenario("POST", "/accounts/token/refresh/")
def refresh(api, api_client, user, **_):
    used = token_pair(user)["refresh"]
    api.call(api_client, "POST", "/accounts/token/refresh/", 200, body={"refresh": used})
    api.call(api_client, "POST", "/accounts/token/refresh/", 401, body={"refresh": used})
    api.call(api_client, "POST", "/accounts/token/refresh/", 401, body={"refresh": "x.y.z"})
    api.call(api_client, "POST", "/accounts/token/refresh/", 400, body={})


@scenario("POST", "/accounts/token/blacklist/")
def log_out(api, api_client, user, **_):
    refresh = token_pair(user)["refresh"]
    api.call(api_client, "POST", "/accounts/token/blacklist/", 200, body={"refresh": refresh})
    api.call(api_client, "POST", "/accounts/token/blacklist/", 401, body={"refresh": refresh})
    api.call(api_client, "POST", "/accounts/token/blacklist/", 400, body={"refresh": ""})


@scenario("GET", "/accounts/me/")
def me(api, owner_client, api_client, **_):
    api.call(owner_client, "GET", "/accounts/me/", 200)
    api.call(owner_client, "GET", "/accounts/me/", 200, slash=False)
    api.call(api_client, "GET", "/accounts/me/", 401)
    api.call(api_client, "GET", "/accounts/me/", 401, **BAD_TOKEN)


@scenario("POST", "/accounts/password/")
def password_change(api, owner_client, api_client, **_):
    new = {"old_password": PASSWORD, "new_password": "another-long-passphrase"}
    api.call(owner_client, "POST", "/accounts/password/", 200, body=new)
    api.call(owner_client, "POST", "/accounts/password/", 400, body=new)  # old one is wrong now
    weak = {"old_password": new["new_password"], "new_password": "short"}
    api.call(owner_client, "POST", "/accounts/password/", 400, body=weak, slash=False)
    api.call(api_client, "POST", "/accounts/password/", 401, body=new)


@scenario("GET", "/api/v1/movies/")
def movie_list(api, owner_client, api_client, user, **_):
    make_copy(make_movie(user, title="Sphere", release_year=1998), form="DVD")
    make_movie(user, title="The Matrix", release_year=1999, tmdb_id=603, runtime_minutes=None)
    path = "/api/v1/movies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [m["title"] for m in everything.json()] == ["Sphere", "The Matrix"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1}, slash=False)
    assert page.json()["count"] == 2 and page.json()["next"]
    api.call(owner_client, "GET", path, 200, query={"offset": 1, "ordering": "-release_year"})
    filters = {"search": "sph", "release_year": 1998, "form": "dvd", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters).json()) == 1
    etag = everything["ETag"]
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=etag)
    api.call(owner_client, "GET", path, 400, query={"ordering": "owner"})
    api.call(owner_client, "GET", path, 400, query={"limit": 0})
    api.call(owner_client, "GET", path, 400, query={"release_year": "late"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/movies/")
def movie_create(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/"
    api.call(owner_client, "POST", path, 201, body=MOVIE)
    minimal = api.call(owner_client, "POST", path, 201, body={"title": "Up", "release_year": 2009})
    assert minimal.json()["tmdb_id"] is None and minimal.json()["copies"] == []
    tmdb.get(details_url(603), json=details_payload(id=603, title="The Matrix", runtime=None))
    added = api.call(owner_client, "POST", path, 201, body={"tmdb_id": 603}, slash=False)
    assert added.json()["title"] == "The Matrix"
    api.call(owner_client, "POST", path, 400, body={"tmdb_id": 603})  # already there
    api.call(owner_client, "POST", path, 400, body={**MOVIE, "tmdb_id": 1, "release_year": 3000})
    api.call(owner_client, "POST", path, 400, body=[MOVIE])
    tmdb.get(details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "POST", path, 404, body={"tmdb_id": 404})
    tmdb.get(details_url(502), status=401, json={"status_code": 7})
    api.call(owner_client, "POST", path, 502, body={"tmdb_id": 502})
    tmdb.get(details_url(504), body=requests.ReadTimeout())
    api.call(owner_client, "POST", path, 504, body={"tmdb_id": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "POST", path, 503, body={"tmdb_id": 503})
    api.call(api_client, "POST", path, 401, body=MOVIE)


def movie_detail(method: str, expect: int, body: Any = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        movie = make_movie(user, tmdb_id=10153)
        make_copy(movie, **COPY)
        return movie.pk, {}

    spoil = {"release_year": "1998.5"}
    return detail_scenario("/api/v1/movies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/movies/{id}/")(movie_detail("GET", 200))
scenario("PUT", "/api/v1/movies/{id}/")(movie_detail("PUT", 200, {**MOVIE, "title": "Sfera"}))
scenario("PATCH", "/api/v1/movies/{id}/")(movie_detail("PATCH", 200, {"runtime_minutes": None}))
scenario("DELETE", "/api/v1/movies/{id}/")(movie_detail("DELETE", 204))


@scenario("GET", "/api/v1/movies/copies/")
def copy_list(api, owner_client, api_client, user, **_):
    sphere = make_movie(user, title="Sphere")
    make_copy(sphere, form="DVD")
    make_copy(make_movie(user, title="Alien", release_year=1979), **COPY)
    path = "/api/v1/movies/copies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [c["form"] for c in everything.json()] == ["VOD", "DVD"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["previous"] is not None
    filters = {"movie": sphere.pk, "form": "dvd", "platform": "shelf"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"movie": "sphere"})
    api.call(owner_client, "GET", path, 400, query={"offset": "-1"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/movies/copies/")
def copy_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/movies/copies/"
    movie = make_movie(user)
    api.call(owner_client, "POST", path, 201, body={"movie": movie.pk, **COPY})
    shelf = {"movie": movie.pk, "platform": "Shelf", "form": "4K"}
    api.call(owner_client, "POST", path, 201, body=shelf, slash=False)
    others = make_movie(other_user)
    api.call(owner_client, "POST", path, 400, body={"movie": others.pk, **COPY})
    api.call(owner_client, "POST", path, 400, body={**shelf, "vod_link": "not a link"})
    api.call(api_client, "POST", path, 401, body=shelf)


def copy_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        movie = make_movie(user)
        return make_copy(movie, **COPY).pk, {"movie": movie.pk}

    spoil = {"form": ""}
    return detail_scenario("/api/v1/movies/copies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/movies/copies/{id}/")(copy_detail("GET", 200))
scenario("PUT", "/api/v1/movies/copies/{id}/")(copy_detail("PUT", 200, {**COPY, "form": "HD"}))
scenario("PATCH", "/api/v1/movies/copies/{id}/")(copy_detail("PATCH", 200, {"vod_link": ""}))
scenario("DELETE", "/api/v1/movies/copies/{id}/")(copy_detail("DELETE", 204))


@scenario("GET", "/api/v1/movies/search/")
def search(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/search/"
    unknown = search_item(id=603, title="The Matrix", release_date="", poster_path=None)
    tmdb.get(SEARCH_URL, json=search_payload(search_item(), unknown))
    results = api.call(owner_client, "GET", path, 200, query={"query": "Sphere"}).json()
    assert [r["release_year"] for r in results] == ["1998", ""]
    query = {"query": "Sphere", "page": 2, "year": 1998}
    api.call(owner_client, "GET", path, 200, query=query, slash=False)
    api.call(owner_client, "GET", path, 400)
    api.call(owner_client, "GET", path, 400, query={"query": "Sphere", "page": 0})
    api.call(api_client, "GET", path, 401, query={"query": "Sphere"})
    tmdb.replace(responses.GET, SEARCH_URL, status=401, json={"status_code": 7})
    api.call(owner_client, "GET", path, 502, query={"query": "rejected"})
    tmdb.replace(responses.GET, SEARCH_URL, status=429, headers={"Retry-After": "0"})
    limited = api.call(owner_client, "GET", path, 503, query={"query": "limited"})
    assert limited.json()["code"] == "tmdb_rate_limited" and limited["Retry-After"] == "1"
    tmdb.replace(responses.GET, SEARCH_URL, body=requests.ReadTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": "slow"})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": "unconfigured"})


@scenario("GET", "/api/v1/movies/search/details/")
def details(api, owner_client, api_client, tmdb, settings, **_):
    path = "/api/v1/movies/search/details/"
    tmdb.get(details_url(10153), json=details_payload())
    tmdb.get(details_url(603), json=details_payload(id=603, release_date="", poster_path=""))
    sphere = api.call(owner_client, "GET", path, 200, query={"query": 10153}).json()
    unknown = api.call(owner_client, "GET", path, 200, query={"query": 603}, slash=False).json()
    assert sphere["mpaa_rating"] == "PG-13" and unknown["release_year"] is None
    # What the details answer is a valid one-call add, as they say.
    api.call(owner_client, "POST", "/api/v1/movies/", 201, body=sphere)
    api.call(owner_client, "GET", path, 400, query={"query": "Sphere"})
    api.call(api_client, "GET", path, 401, query={"query": 10153})
    tmdb.get(details_url(404), status=404, json={"status_code": 34})
    api.call(owner_client, "GET", path, 404, query={"query": 404})
    tmdb.get(details_url(502), status=500)
    api.call(owner_client, "GET", path, 502, query={"query": 502})
    tmdb.get(details_url(504), body=requests.ConnectTimeout())
    api.call(owner_client, "GET", path, 504, query={"query": 504})
    settings.TMDB_API_KEY = ""
    api.call(owner_client, "GET", path, 503, query={"query": 503})


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
    copy = make_copy(movie).pk
    show = make_show(user, tmdb_id=1396)
    season = make_season(show, 1)
    return {
        "/api/v1/movies/{id}/": movie.pk,
        "/api/v1/movies/copies/{id}/": copy,
        "/api/v1/copies/{id}/": copy,
        "/api/v1/tv/{id}/": show.pk,
        "/api/v1/tv/{id}/refresh/": show.pk,
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
