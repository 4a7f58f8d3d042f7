"""Copies in the admin: their own page, inline on each movie, and every write versioned."""

from datetime import date

import pytest

from collection.models import Copy
from collection.tests.factories import make_loan, make_location
from movies.tests.factories import admin_change_form, make_copy, make_movie

pytestmark = pytest.mark.django_db


def test_it_lists_copies_with_filters_by_medium_and_condition(superuser_client, user):
    make_copy(make_movie(user, title="Sphere"), medium="dvd", condition="good")
    make_copy(make_movie(user, title="Alien"), medium="uhd_bluray", condition="new")

    by_medium = superuser_client.get("/admin/collection/copy/", {"medium": "dvd"})
    by_condition = superuser_client.get("/admin/collection/copy/", {"condition": "new"})

    assert by_medium.status_code == 200
    assert b"Sphere" in by_medium.content and b"Alien" not in by_medium.content
    assert b"Alien" in by_condition.content and b"Sphere" not in by_condition.content


def test_it_edits_every_detail_on_the_copys_page(superuser_client, user):
    copy = make_copy(make_movie(user))
    form = {
        "movie": str(copy.movie_id),
        "platform": "Shelf",
        "form": "4K",
        "medium": "uhd_bluray",
        "barcode": "4006-3813-33931",
        "price": "24.99",
        "currency": "eur",
        "extra": '{"signed": true}',
        "disc_count": "2",
    }

    response = superuser_client.post(f"/admin/collection/copy/{copy.pk}/change/", form)

    assert response.status_code == 302, response.content[:2000]
    copy.refresh_from_db()
    assert (copy.barcode, copy.currency, copy.extra) == ("4006381333931", "EUR", {"signed": True})


@pytest.mark.parametrize(
    ("field", "value"),
    [("barcode", "4006381333932"), ("currency", "XYZ"), ("extra", '{"a": {"b": 1}}'),
     ("price", "-1")],
)  # fmt: skip
def test_it_refuses_a_bad_detail_on_the_copys_page(superuser_client, user, field, value):
    copy = make_copy(make_movie(user))
    form = {"movie": str(copy.movie_id), "currency": "EUR", "extra": "{}", field: value}

    response = superuser_client.post(f"/admin/collection/copy/{copy.pk}/change/", form)

    assert response.status_code == 200  # the form again, with its errors
    assert b"errorlist" in response.content
    assert Copy.objects.get().currency == ""


def test_it_shows_the_details_inline_on_the_movie(superuser_client, user):
    movie = make_movie(user)
    make_copy(movie, edition="Steelbook")

    response = superuser_client.get(f"/admin/movies/movie/{movie.pk}/change/")

    assert b"Steelbook" in response.content
    assert b'name="copies-0-medium"' in response.content


def test_an_inline_edit_keeps_the_details(superuser_client, user):
    movie = make_movie(user)
    copy = make_copy(movie, medium="dvd", notes="kept")
    form = admin_change_form(movie, copy, copy_medium="bluray", copy_notes="kept")

    response = superuser_client.post(f"/admin/movies/movie/{movie.pk}/change/", form)

    assert response.status_code == 302
    copy.refresh_from_db()
    assert (copy.medium, copy.notes) == ("bluray", "kept")


def test_a_bulk_delete_in_the_admin_changes_the_owners_etag(superuser_client, owner_client, user):
    copies = [make_copy(make_movie(user, title=f"Movie {n}")) for n in range(2)]
    before = owner_client.get("/api/v1/copies/")

    response = superuser_client.post(
        "/admin/collection/copy/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in copies], "post": "yes"},
    )
    after = owner_client.get("/api/v1/copies/", HTTP_IF_NONE_MATCH=before["ETag"])

    assert response.status_code == 302
    assert not Copy.objects.exists()
    assert after.status_code == 200 and after.json() == []


def test_it_lists_locations_with_their_parent_and_counts(superuser_client, user):
    room = make_location(user, "Living room", kind="room")
    shelf = make_location(user, "Shelf 2", parent=room, kind="shelf")
    make_copy(make_movie(user), location=shelf)

    response = superuser_client.get("/admin/collection/location/", {"kind": "shelf"})

    assert response.status_code == 200
    row = response.content.decode().split("Shelf 2", 1)[1].split("</tr>", 1)[0]
    assert "Living room" in row and '<td class="field-copy_count">1</td>' in row


@pytest.mark.parametrize(("state", "shown"), [("open", {"Linus", "Ada"}), ("overdue", {"Linus"}),
                                              ("returned", {"Grace"})])  # fmt: skip
def test_it_filters_loans_open_and_overdue(superuser_client, user, state, shown):
    copies = [make_copy(make_movie(user, title=f"Movie {n}")) for n in range(3)]
    make_loan(copies[0], "Grace", lent_on=date(2026, 1, 1), returned_on=date(2026, 1, 2))
    make_loan(copies[1], "Linus", lent_on=date(2026, 1, 1), due_on=date(2026, 1, 5))
    make_loan(copies[2], "Ada", lent_on=date(2026, 1, 1), due_on=date(2999, 1, 1))

    response = superuser_client.get("/admin/collection/loan/", {"state": state})

    assert response.status_code == 200
    assert {
        name for name in ("Grace", "Linus", "Ada") if name in response.content.decode()
    } == shown
