"""The statistics' operation, as the OpenAPI conformance tests run it."""

from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import scenario


@scenario("GET", "/api/v1/stats/")
def statistics(api, owner_client, api_client, user, **_):
    make_copy(make_movie(user), medium="dvd", price="9.99", currency="EUR")
    stats = api.call(owner_client, "GET", "/api/v1/stats/", 200).json()
    assert stats["spending"] == [{"currency": "EUR", "year": None, "total": "9.99"}]
    api.call(owner_client, "GET", "/api/v1/stats/", 200, slash=False)
    api.call(api_client, "GET", "/api/v1/stats/", 401)
