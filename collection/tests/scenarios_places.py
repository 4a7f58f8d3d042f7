"""Locations' and loans' operations, as the OpenAPI conformance tests run them."""

from typing import Any

from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_copy, make_movie
from mycoll.tests.conformance import MISSING_ID, Scenario, detail_scenario, scenario


@scenario("GET", "/api/v1/locations/")
def location_list(api, owner_client, api_client, user, **_):
    room = make_location(user, "Living room", kind="room")
    shelf = make_location(user, "Shelf 2", parent=room, kind="shelf")
    make_copy(make_movie(user), location=shelf)
    path = "/api/v1/locations/"

    flat = api.call(owner_client, "GET", path, 200)
    assert [loc["name"] for loc in flat.json()] == ["Living room", "Shelf 2"]
    tree = api.call(owner_client, "GET", path, 200, query={"tree": 1}, slash=False).json()
    assert tree[0]["total_copy_count"] == 1 and tree[0]["children"][0]["copy_count"] == 1
    api.call(owner_client, "GET", path, 200, query={"limit": 1})
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=flat["ETag"])
    api.call(owner_client, "GET", path, 400, query={"tree": "yes"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/locations/")
def location_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/locations/"
    room = api.call(owner_client, "POST", path, 201, body={"name": "Attic", "kind": "room"})
    api.call(owner_client, "POST", path, 201, body={"name": "Box", "parent": room.json()["id"]})
    api.call(owner_client, "POST", path, 400, body={"name": "ATTIC"}, slash=False)
    theirs = make_location(other_user, "Their room")
    api.call(owner_client, "POST", path, 400, body={"name": "Box", "parent": theirs.pk})
    api.call(api_client, "POST", path, 401, body={"name": "Attic"})


def location_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        return make_location(user, "Shelf", kind="shelf").pk, {}

    return detail_scenario("/api/v1/locations/{id}/", method, expect, make, body, {"kind": "x"})


scenario("GET", "/api/v1/locations/{id}/")(location_detail("GET", 200))
scenario("PUT", "/api/v1/locations/{id}/")(location_detail("PUT", 200, {"name": "Shelf 1"}))
scenario("PATCH", "/api/v1/locations/{id}/")(location_detail("PATCH", 200, {"notes": "Top"}))


@scenario("DELETE", "/api/v1/locations/{id}/")
def location_delete(api, owner_client, other_client, api_client, user, **_):
    path = "/api/v1/locations/{id}/"
    box = make_location(user, "Box A", kind="box")
    other = make_location(user, "Box B", kind="box")
    make_copy(make_movie(user), location=box)
    api.call(owner_client, "DELETE", path, 404, params={"id": MISSING_ID})
    api.call(other_client, "DELETE", path, 404, params={"id": box.pk})
    api.call(api_client, "DELETE", path, 401, params={"id": box.pk})
    full = api.call(owner_client, "DELETE", path, 409, params={"id": box.pk})
    assert (full.json()["copies"], full.json()["children"]) == (1, 0)
    api.call(owner_client, "DELETE", path, 400, params={"id": box.pk}, query={"move_to": box.pk})
    api.call(owner_client, "DELETE", path, 204, params={"id": box.pk}, query={"move_to": other.pk})


@scenario("GET", "/api/v1/loans/")
def loan_list(api, owner_client, api_client, user, **_):
    copy = make_copy(make_movie(user))
    make_loan(copy, "Grace", due_on="2026-01-20", returned_on="2026-01-15")
    make_loan(copy, "Linus", lent_on="2026-02-01", due_on="2026-02-10")
    path = "/api/v1/loans/"

    everything = api.call(owner_client, "GET", path, 200)
    assert [loan["borrower"] for loan in everything.json()] == ["Linus", "Grace"]
    overdue = api.call(owner_client, "GET", path, 200, query={"overdue": 1, "open": 1}).json()
    assert [loan["borrower"] for loan in overdue] == ["Linus"]
    api.call(owner_client, "GET", path, 200, query={"borrower": "gra", "copy": copy.pk})
    api.call(owner_client, "GET", path, 200, query={"limit": 1}, slash=False)
    api.call(owner_client, "GET", path, 304, HTTP_IF_NONE_MATCH=everything["ETag"])
    api.call(owner_client, "GET", path, 400, query={"open": "yes"})
    api.call(api_client, "GET", path, 401)


@scenario("POST", "/api/v1/loans/")
def loan_create(api, owner_client, api_client, user, other_user, **_):
    path = "/api/v1/loans/"
    copy = make_copy(make_movie(user))
    body = {"copy": copy.pk, "borrower": "Grace", "due_on": "2099-01-01"}
    api.call(owner_client, "POST", path, 201, body=body)
    api.call(owner_client, "POST", path, 409, body=body, slash=False)
    theirs = make_copy(make_movie(other_user))
    api.call(owner_client, "POST", path, 400, body={**body, "copy": theirs.pk})
    api.call(api_client, "POST", path, 401, body=body)


def loan_detail(method: str, expect: int, body: dict[str, Any] | None = None) -> Scenario:
    def make(user) -> tuple[int, dict[str, Any]]:
        copy = make_copy(make_movie(user))
        return make_loan(copy).pk, {"copy": copy.pk, "borrower": "Grace"}

    spoil = {"due_on": "2000-01-01"}
    return detail_scenario("/api/v1/loans/{id}/", method, expect, make, body, spoil)


scenario("GET", "/api/v1/loans/{id}/")(loan_detail("GET", 200))
scenario("DELETE", "/api/v1/loans/{id}/")(loan_detail("DELETE", 204))


def loan_change(method: str, body: dict[str, Any]) -> Scenario:
    """The by-id scenario, then a returned loan reopened beside an open one: a 409."""

    def run(api, owner_client, user, **kwargs):
        loan_detail(method, 200, body)(api=api, owner_client=owner_client, user=user, **kwargs)
        returned = make_loan(make_copy(make_movie(user)), returned_on="2026-01-12")
        make_loan(returned.copy, "Linus", lent_on="2026-01-20")
        reopen = {"copy": returned.copy_id, "borrower": "Grace", "returned_on": None}
        target = {"id": returned.pk}
        api.call(owner_client, method, "/api/v1/loans/{id}/", 409, params=target, body=reopen)

    return run


scenario("PUT", "/api/v1/loans/{id}/")(loan_change("PUT", {"borrower": "Ada"}))
scenario("PATCH", "/api/v1/loans/{id}/")(loan_change("PATCH", {"notes": "Careful"}))


@scenario("POST", "/api/v1/loans/{id}/return/")
def loan_give_back(api, owner_client, other_client, api_client, user, **_):
    path = "/api/v1/loans/{id}/return/"
    loan = make_loan(make_copy(make_movie(user)))
    api.call(owner_client, "POST", path, 404, params={"id": MISSING_ID}, body={})
    api.call(other_client, "POST", path, 404, params={"id": loan.pk}, body={})
    api.call(api_client, "POST", path, 401, params={"id": loan.pk}, body={})
    api.call(
        owner_client, "POST", path, 400, params={"id": loan.pk}, body={"returned_on": "2000-01-01"}
    )
    back = api.call(
        owner_client, "POST", path, 200, params={"id": loan.pk}, body={"returned_on": "2026-01-11"}
    )
    assert back.json()["returned_on"] == "2026-01-11"
    api.call(owner_client, "POST", path, 409, params={"id": loan.pk}, body={}, slash=False)


@scenario("GET", "/api/v1/copies/{id}/loans/")
def copy_loans(api, owner_client, other_client, api_client, user, **_):
    path = "/api/v1/copies/{id}/loans/"
    copy = make_copy(make_movie(user))
    make_loan(copy, "Grace", returned_on="2026-01-12")
    make_loan(copy, "Linus", lent_on="2026-01-20")

    history = api.call(owner_client, "GET", path, 200, params={"id": copy.pk}).json()
    assert [loan["borrower"] for loan in history] == ["Linus", "Grace"]
    api.call(owner_client, "GET", path, 200, params={"id": copy.pk}, slash=False)
    api.call(owner_client, "GET", path, 404, params={"id": MISSING_ID})
    api.call(other_client, "GET", path, 404, params={"id": copy.pk})
    api.call(api_client, "GET", path, 401, params={"id": copy.pk})
