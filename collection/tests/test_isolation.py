"""Locations and loans: the owner, another user and an outsider, on every path and method."""

import pytest

from collection.models import Copy, Loan, Location
from collection.tests.factories import make_loan, make_location
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

MISSING = 10**9


def snapshot() -> list[tuple]:
    return [
        *Location.objects.order_by("pk").values_list(),
        *Loan.objects.order_by("pk").values_list(),
        *Copy.objects.order_by("pk").values_list(),
    ]


@pytest.fixture
def theirs(other_user) -> dict[str, int]:
    location = make_location(other_user, "Their room")
    copy = make_copy(make_movie(other_user), location=location)
    return {"location": location.pk, "loan": make_loan(copy).pk, "copy": copy.pk}


def requests(ids: dict[str, int], own_copy: int) -> list[tuple]:
    loan = {"copy": own_copy, "borrower": "Hijacker"}
    return [
        ("get", f"/api/v1/locations/{ids['location']}", None),
        ("put", f"/api/v1/locations/{ids['location']}/", {"name": "Hijacked"}),
        ("patch", f"/api/v1/locations/{ids['location']}", {"notes": "Hijacked"}),
        ("delete", f"/api/v1/locations/{ids['location']}", None),
        ("get", f"/api/v1/loans/{ids['loan']}", None),
        ("put", f"/api/v1/loans/{ids['loan']}", loan),
        ("patch", f"/api/v1/loans/{ids['loan']}/", {"borrower": "Hijacker"}),
        ("delete", f"/api/v1/loans/{ids['loan']}", None),
        ("post", f"/api/v1/loans/{ids['loan']}/return", {}),
        ("get", f"/api/v1/copies/{ids['copy']}/loans", None),
    ]


@pytest.mark.parametrize("index", range(10))
def test_it_answers_another_users_ids_exactly_like_missing_ones(owner_client, user, theirs, index):
    own_copy = make_copy(make_movie(user)).pk
    before = snapshot()
    method, path, body = requests(theirs, own_copy)[index]
    _, missing_path, _ = requests(dict.fromkeys(theirs, MISSING), own_copy)[index]

    their_answer = getattr(owner_client, method)(path, body, format="json")
    missing_answer = getattr(owner_client, method)(missing_path, body, format="json")

    assert their_answer.status_code == missing_answer.status_code == 404
    assert their_answer.content == missing_answer.content
    assert snapshot() == before


def test_it_never_lists_another_users_locations_or_loans(owner_client, user, theirs):
    mine = make_location(user, "My room")

    assert [loc["id"] for loc in owner_client.get("/api/v1/locations/").json()] == [mine.pk]
    assert [n["id"] for n in owner_client.get("/api/v1/locations/?tree=1").json()] == [mine.pk]
    assert owner_client.get("/api/v1/loans/").json() == []
    assert owner_client.get("/api/v1/loans/", {"copy": theirs["copy"]}).json() == []


def test_a_location_cannot_go_under_another_users(owner_client, user, theirs):
    mine = make_location(user, "My room")
    before = snapshot()

    moved = owner_client.patch(
        f"/api/v1/locations/{mine.pk}", {"parent": theirs["location"]}, format="json"
    )
    missing = owner_client.patch(f"/api/v1/locations/{mine.pk}", {"parent": MISSING}, format="json")

    assert moved.status_code == missing.status_code == 400
    assert moved.json()["parent"][0] == missing.json()["parent"][0].replace(
        str(MISSING), str(theirs["location"])
    )
    assert snapshot() == before


def test_the_owner_can_do_what_the_others_cannot(other_client, theirs):
    assert other_client.get(f"/api/v1/locations/{theirs['location']}").status_code == 200
    assert other_client.get(f"/api/v1/loans/{theirs['loan']}").status_code == 200
    assert other_client.post(f"/api/v1/loans/{theirs['loan']}/return").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/locations/"),
        ("post", "/api/v1/locations"),
        ("get", "/api/v1/locations/{location}"),
        ("put", "/api/v1/locations/{location}"),
        ("patch", "/api/v1/locations/{location}"),
        ("delete", "/api/v1/locations/{location}"),
        ("get", "/api/v1/loans"),
        ("post", "/api/v1/loans/"),
        ("get", "/api/v1/loans/{loan}"),
        ("put", "/api/v1/loans/{loan}"),
        ("patch", "/api/v1/loans/{loan}"),
        ("delete", "/api/v1/loans/{loan}"),
        ("post", "/api/v1/loans/{loan}/return"),
        ("get", "/api/v1/copies/{copy}/loans"),
    ],
)
def test_it_answers_the_outsider_with_401_everywhere(api_client, theirs, method, path):
    before = snapshot()

    response = getattr(api_client, method)(path.format(**theirs), {"name": "x"}, format="json")

    assert response.status_code == 401
    assert snapshot() == before
