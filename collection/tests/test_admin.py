"""Copies in the admin: their own page, inline on each movie, and every write versioned."""

import pytest

from collection.models import Copy
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
