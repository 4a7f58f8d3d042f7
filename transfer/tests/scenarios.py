"""The exports' and imports' operations, as the OpenAPI conformance tests run them."""

import json

from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import MISSING_ID, detail_scenario, scenario
from transfer.models import Import
from transfer.tests.helpers import upload


@scenario("GET", "/api/v1/export/")
def export(api, owner_client, api_client, user, **_):
    make_copy(make_movie(user, tmdb_id=10153), medium="dvd")
    path = "/api/v1/export/"

    document = json.loads(api.call(owner_client, "GET", path, 200).body)
    assert document["movies"][0]["copies"][0]["medium"] == "dvd"
    as_csv = api.call(owner_client, "GET", path, 200, query={"format": "csv"}, slash=False)
    assert as_csv.body.decode().startswith("kind,title,year")
    api.call(owner_client, "GET", path, 200, query={"format": "letterboxd"})
    api.call(owner_client, "GET", path, 400, query={"format": "xml"})
    api.call(api_client, "GET", path, 401)


def multipart(**fields) -> tuple[bytes, str]:
    return encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT


SPHERE = b"kind,title,year\nmovie,Sphere,1998\n"


@scenario("POST", "/api/v1/imports/")
def import_create(api, owner_client, api_client, settings, **_):
    path = "/api/v1/imports/"
    raw, content_type = multipart(source="csv", file=upload(SPHERE, "mine.csv"))
    made = api.call(owner_client, "POST", path, 202, raw=raw, content_type=content_type).json()
    assert made["status"] == "queued" and made["counts"]["total"] == 1
    raw, content_type = multipart(source="trakt", file=upload(SPHERE), dry_run="false")
    api.call(owner_client, "POST", path, 400, raw=raw, content_type=content_type, slash=False)
    settings.IMPORT_MAX_FILE_BYTES = 10
    raw, content_type = multipart(source="csv", file=upload(SPHERE))
    api.call(owner_client, "POST", path, 413, raw=raw, content_type=content_type)
    api.call(owner_client, "POST", path, 415, body={"source": "csv"})
    api.call(api_client, "POST", path, 401, raw=raw, content_type=content_type)


@scenario("GET", "/api/v1/imports/")
def import_list(api, owner_client, api_client, user, **_):
    path = "/api/v1/imports/"
    stored_import(user)
    assert len(api.call(owner_client, "GET", path, 200).json()) == 1
    api.call(owner_client, "GET", path, 200, slash=False)
    api.call(api_client, "GET", path, 401)


def stored_import(user) -> int:
    """A queued import of the user's, made without a request."""
    return Import.objects.create(owner=user, source="csv", data=SPHERE, total=1).pk


def _own_import(user) -> tuple[int, dict]:
    return stored_import(user), {}


scenario("GET", "/api/v1/imports/{id}/")(
    detail_scenario("/api/v1/imports/{id}/", "GET", 200, _own_import)
)


@scenario("POST", "/api/v1/imports/{id}/cancel/")
def import_cancel(api, owner_client, other_client, api_client, user, **_):
    path = "/api/v1/imports/{id}/cancel/"
    target = stored_import(user)
    api.call(other_client, "POST", path, 404, params={"id": target})
    api.call(owner_client, "POST", path, 404, params={"id": MISSING_ID})
    api.call(api_client, "POST", path, 401, params={"id": target})
    cancelled = api.call(owner_client, "POST", path, 200, params={"id": target})
    assert cancelled.json()["status"] == "cancelled"
    api.call(owner_client, "POST", path, 409, params={"id": target}, slash=False)
