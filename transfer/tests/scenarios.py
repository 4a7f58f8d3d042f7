"""The exports' and imports' operations, as the OpenAPI conformance tests run them."""

import json

from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import scenario


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
