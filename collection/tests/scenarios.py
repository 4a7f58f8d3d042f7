"""The copies' operations, as the OpenAPI conformance tests run them (mycoll/tests/test_openapi)."""

from typing import Any

from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import Scenario, detail_scenario, scenario

RICH = {
    "medium": "uhd_bluray",
    "resolution": "uhd_4k",
    "hdr": "dolby_vision",
    "audio": "dolby_atmos",
    "audio_channels": "7.1.4",
    "is_3d": False,
    "region": "B",
    "edition": "Steelbook",
    "disc_count": 2,
    "barcode": "4006381333931",
    "condition": "like_new",
    "acquired_on": "2024-03-09",
    "price": "24.99",
    "currency": "EUR",
    "store": "Fnac",
    "notes": "Bought on the day it came out.",
    "extra": {"shelf_row": 3, "signed": True, "sleeve": "slipcover"},
}


@scenario("GET", "/api/v1/copies/")
def copy_list(api, owner_client, api_client, user, **_):
    sphere = make_movie(user, title="Sphere")
    make_copy(sphere, form="DVD", medium="dvd", acquired_on="2020-01-01")
    make_copy(make_movie(user, title="Alien", release_year=1979), form="4K", medium="uhd_bluray")
    path = "/api/v1/copies/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [c["title"]["title"] for c in everything.json()] == ["Alien", "Sphere"]
    page = api.call(owner_client, "GET", path, 200, query={"limit": 1, "offset": 1})
    assert page.json()["count"] == 2
    filters = {"kind": "movie", "medium": "dvd", "acquired_after": "2020-01-01"}
    assert len(api.call(owner_client, "GET", path, 200, query=filters, slash=False).json()) == 1
    api.call(owner_client, "GET", path, 200, query={"ordering": "-acquired_on,price"})
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"medium": "laser"})
    api.call(owner_client, "GET", path, 400, query={"ordering": "owner"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/copies/")
def copy_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/copies/"
    movie = make_movie(user)
    created = api.call(owner_client, "POST", path, 201, body={"movie": movie.pk, **RICH})
    assert created.json()["price"] == "24.99" and created.json()["kind"] == "movie"
    api.call(owner_client, "POST", path, 201, body={"movie": movie.pk}, slash=False)
    others = make_movie(other_user)
    api.call(owner_client, "POST", path, 400, body={"movie": others.pk})
    api.call(owner_client, "POST", path, 400, body={"movie": movie.pk, "price": "5"})
    api.call(api_client, "POST", path, 401, body={"movie": movie.pk})


def copy_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        movie = make_movie(user)
        return make_copy(movie, medium="dvd").pk, {"movie": movie.pk}

    spoil = {"barcode": "4006381333932"}
    return detail_scenario("/api/v1/copies/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/copies/{id}/")(copy_detail("GET", 200))
scenario("PUT", "/api/v1/copies/{id}/")(copy_detail("PUT", 200, RICH))
scenario("PATCH", "/api/v1/copies/{id}/")(copy_detail("PATCH", 200, {"condition": "good"}))
scenario("DELETE", "/api/v1/copies/{id}/")(copy_detail("DELETE", 204))


@scenario("GET", "/api/v1/copies/lookup/")
def copy_lookup(api, owner_client, api_client, user, **_):
    path = "/api/v1/copies/lookup/"
    make_copy(make_movie(user), barcode="4006381333931")

    found = api.call(owner_client, "GET", path, 200, query={"barcode": "4006-3813-33931"})
    assert len(found.json()) == 1
    api.call(owner_client, "GET", path, 200, query={"barcode": "96385074"}, slash=False)
    api.call(owner_client, "GET", path, 400, query={"barcode": "4006381333932"})
    api.call(owner_client, "GET", path, 400)
    api.call(api_client, "GET", path, 401, query={"barcode": "4006381333931"})
