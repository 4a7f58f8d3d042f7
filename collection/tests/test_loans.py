"""loans/: lending copies, with due dates, returns and one open loan per copy."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from collection.models import Copy, Loan
from collection.tests.factories import make_loan
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

PATH = "/api/v1/loans/"
TODAY = timezone.localdate()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


@pytest.fixture
def copy(user) -> Copy:
    return make_copy(make_movie(user))


def lend(client, lent, **fields):
    return client.post(PATH, {"copy": lent.pk, "borrower": "Grace", **fields}, format="json")


def test_it_lends_a_copy_from_today_by_default(owner_client, copy):
    response = lend(owner_client, copy, borrower_contact="grace@example.com")

    assert response.status_code == 201
    assert response.json() == {
        "id": Loan.objects.get().pk, "copy": copy.pk, "borrower": "Grace",
        "borrower_contact": "grace@example.com", "lent_on": TODAY.isoformat(), "due_on": None,
        "returned_on": None, "notes": "",
    }  # fmt: skip


def test_an_overdue_loan_shows_and_returns(owner_client, copy):
    loan = lend(owner_client, copy, lent_on=days(-10), due_on=days(-1)).json()

    overdue = owner_client.get(PATH, {"overdue": 1}).json()
    listed_copy = owner_client.get(f"/api/v1/copies/{copy.pk}").json()
    late_copies = owner_client.get("/api/v1/copies/", {"overdue": 1}).json()
    returned = owner_client.post(f"{PATH}{loan['id']}/return", format="json")
    again = owner_client.post(f"{PATH}{loan['id']}/return/", format="json")

    assert [item["id"] for item in overdue] == [loan["id"]]
    assert listed_copy["loan"] == {"id": loan["id"], "borrower": "Grace", "due_on": days(-1)}
    assert [item["id"] for item in late_copies] == [copy.pk]
    assert returned.status_code == 200 and returned.json()["returned_on"] == TODAY.isoformat()
    assert again.status_code == 409
    assert owner_client.get(PATH, {"overdue": 1}).json() == []
    assert owner_client.get(f"/api/v1/copies/{copy.pk}").json()["loan"] is None


def test_one_open_loan_per_copy(owner_client, copy):
    first = lend(owner_client, copy)
    second = lend(owner_client, copy, borrower="Linus")
    owner_client.post(f"{PATH}{first.json()['id']}/return", format="json")
    after_return = lend(owner_client, copy, borrower="Linus")

    assert first.status_code == 201 and second.status_code == 409
    assert str(first.json()["id"]) in second.json()["detail"]
    assert after_return.status_code == 201
    assert Loan.objects.count() == 2


def test_the_database_refuses_a_second_open_loan(user, copy):
    make_loan(copy)

    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(owner=user, copy=copy, borrower="Linus", lent_on=TODAY)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"lent_on": days(1)}, "lent_on"),
        ({"lent_on": days(-5), "due_on": days(-6)}, "due_on"),
        ({"lent_on": days(-5), "returned_on": days(-6)}, "returned_on"),
        ({"returned_on": days(1)}, "returned_on"),
        ({"borrower": ""}, "borrower"),
        ({"borrower": "x" * 201}, "borrower"),
        ({"borrower_contact": "x" * 201}, "borrower_contact"),
        ({"due_on": "soon"}, "due_on"),
        ({"copy": 10**9}, "copy"),
    ],
)
def test_a_bad_loan_is_a_400_naming_the_field(owner_client, copy, fields, field):
    response = lend(owner_client, copy, **fields)

    assert response.status_code == 400 and list(response.json()) == [field]
    assert not Loan.objects.exists()


def test_a_return_date_before_the_loan_is_a_400(owner_client, copy):
    loan = make_loan(copy, lent_on=TODAY - timedelta(days=3))

    early = owner_client.post(f"{PATH}{loan.pk}/return", {"returned_on": days(-4)}, format="json")
    future = owner_client.post(f"{PATH}{loan.pk}/return", {"returned_on": days(1)}, format="json")

    assert early.status_code == future.status_code == 400
    assert list(early.json()) == list(future.json()) == ["returned_on"]
    assert Loan.objects.get().returned_on is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [({"open": 1}, ["open", "late"]), ({"open": 0}, ["back"]), ({"overdue": 1}, ["late"]),
     ({"overdue": 0}, ["open", "back"]), ({"borrower": "LIN"}, ["late"]),
     ({"borrower": "race"}, ["open", "back"])],
)  # fmt: skip
def test_it_filters_loans(owner_client, user, query, expected):
    loans = {
        "back": make_loan(make_copy(make_movie(user)), "Grace", lent_on=TODAY - timedelta(9),
                          returned_on=TODAY - timedelta(8)),
        "late": make_loan(make_copy(make_movie(user)), "Linus", lent_on=TODAY - timedelta(7),
                          due_on=TODAY - timedelta(1)),
        "open": make_loan(make_copy(make_movie(user)), "Grace", lent_on=TODAY - timedelta(5),
                          due_on=TODAY + timedelta(5)),
    }  # fmt: skip

    response = owner_client.get(PATH, query)

    assert [loan["id"] for loan in response.json()] == [loans[name].pk for name in expected]


@pytest.mark.parametrize(("name", "value"), [("open", "yes"), ("overdue", "2"), ("copy", "x")])
def test_a_bad_loan_filter_is_a_400_naming_it(owner_client, name, value):
    response = owner_client.get(PATH, {name: value})

    assert response.status_code == 400 and list(response.json()) == [name]


def test_copies_filter_by_loan(owner_client, user, copy):
    kept = make_copy(make_movie(user, title="Kept"))
    make_loan(copy)

    on_loan = owner_client.get("/api/v1/copies/", {"on_loan": 1}).json()
    at_home = owner_client.get("/api/v1/copies/", {"on_loan": 0}).json()

    assert [c["id"] for c in on_loan] == [copy.pk]
    assert [c["id"] for c in at_home] == [kept.pk]


def test_a_copys_history_is_newest_first_and_goes_with_it(owner_client, copy):
    old = make_loan(copy, "Grace", lent_on=TODAY - timedelta(9), returned_on=TODAY - timedelta(8))
    new = make_loan(copy, "Linus", lent_on=TODAY - timedelta(2))

    history = owner_client.get(f"/api/v1/copies/{copy.pk}/loans").json()
    deleted = owner_client.delete(f"/api/v1/copies/{copy.pk}")

    assert [loan["id"] for loan in history] == [new.pk, old.pk]
    assert deleted.status_code == 204 and not Loan.objects.exists()


def test_another_users_copy_is_refused_like_a_missing_one(owner_client, other_user):
    theirs = make_copy(make_movie(other_user))

    their_copy = owner_client.post(PATH, {"copy": theirs.pk, "borrower": "G"}, format="json")
    missing = owner_client.post(PATH, {"copy": 10**9, "borrower": "G"}, format="json")

    assert their_copy.status_code == missing.status_code == 400
    assert their_copy.json()["copy"][0] == missing.json()["copy"][0].replace(
        str(10**9), str(theirs.pk)
    )
    assert not Loan.objects.exists()
