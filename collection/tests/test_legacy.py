"""The legacy copy endpoints keep their shape, and their copies get a medium from the form."""

import pytest

from collection.models import Copy
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

LEGACY_KEYS = ["id", "movie", "platform", "form", "vod_link", "created_at", "updated_at"]


def test_a_legacy_copy_gets_its_medium_from_its_form(owner_client, user):
    movie = make_movie(user)

    created = owner_client.post(
        "/api/v1/movies/copies/",
        {"movie": movie.pk, "platform": "Shelf", "form": "Blu Ray"},
        format="json",
    )
    copy_id = created.json()["id"]
    owner_client.patch(f"/api/v1/movies/copies/{copy_id}", {"form": "4K"}, format="json")
    after_form = Copy.objects.get(pk=copy_id).medium
    owner_client.patch(f"/api/v1/copies/{copy_id}", {"medium": "hddvd"}, format="json")
    owner_client.patch(f"/api/v1/movies/copies/{copy_id}", {"platform": "Attic"}, format="json")

    assert created.status_code == 201 and list(created.json()) == LEGACY_KEYS
    assert after_form == "uhd_bluray"
    assert Copy.objects.get(pk=copy_id).medium == "hddvd"  # a write without a form keeps it


def test_the_legacy_shapes_hide_the_rich_fields(owner_client, user):
    movie = make_movie(user)
    copy = make_copy(movie, medium="uhd_bluray", price="9.99", currency="EUR", notes="x")

    listed = owner_client.get("/api/v1/movies/").json()[0]["copies"][0]
    alone = owner_client.get(f"/api/v1/movies/copies/{copy.pk}").json()
    every = owner_client.get("/api/v1/movies/copies/").json()[0]

    assert list(listed) == list(alone) == list(every) == LEGACY_KEYS
    assert listed == alone == every


@pytest.mark.parametrize("missing", ["platform", "form"])
def test_the_legacy_endpoints_still_require_platform_and_form(owner_client, user, missing):
    movie = make_movie(user)
    body = {"movie": movie.pk, "platform": "Shelf", "form": "DVD"}

    omitted = owner_client.post(
        "/api/v1/movies/copies/", {k: v for k, v in body.items() if k != missing}, format="json"
    )
    blank = owner_client.post("/api/v1/movies/copies/", {**body, missing: ""}, format="json")

    assert omitted.status_code == blank.status_code == 400
    assert list(omitted.json()) == list(blank.json()) == [missing]
    assert not Copy.objects.exists()
