"""Shows in the admin with their seasons inline; seasons with their copies inline."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from accounts.tests.factories import PASSWORD, make_user
from collection.models import CollectionVersion, Copy
from tv.models import Season, Show
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show

pytestmark = pytest.mark.django_db


@pytest.fixture
def show(user) -> Show:
    show = make_show(user, status="Ended")
    make_season(show, 0, air_date=None)
    make_season_copy(make_season(show, 1), platform="Attic shelf")
    make_series_copy(show, platform="Box on the floor")
    return show


def inline_form(show: Show, **fields: str) -> dict[str, str]:
    """The show's change form as a browser posts it, its seasons and series copy inline."""
    seasons = list(show.seasons.order_by("season_number"))
    box = show.copies.get(season__isnull=True)
    form = {
        "owner": str(show.owner_id),
        "title": show.title,
        "networks": "[]",
        "seasons-TOTAL_FORMS": str(len(seasons)),
        "seasons-INITIAL_FORMS": str(len(seasons)),
        "seasons-MIN_NUM_FORMS": "0",
        "seasons-MAX_NUM_FORMS": "1000",
        "copies-TOTAL_FORMS": "1",
        "copies-INITIAL_FORMS": "1",
        "copies-MIN_NUM_FORMS": "0",
        "copies-MAX_NUM_FORMS": "1000",
        "copies-0-id": str(box.pk),
        "copies-0-show": str(show.pk),
        "copies-0-platform": box.platform,
        "copies-0-form": box.form,
    }
    for i, season in enumerate(seasons):
        form.update({
            f"seasons-{i}-id": str(season.pk),
            f"seasons-{i}-show": str(show.pk),
            f"seasons-{i}-season_number": str(season.season_number),
            f"seasons-{i}-title": season.title,
            f"seasons-{i}-episode_count": str(season.episode_count or ""),
        })  # fmt: skip
    return {**form, **fields}


def test_it_lists_shows_with_their_season_count(superuser_client, show):
    response = superuser_client.get("/admin/tv/show/", {"q": "breaking"})

    assert response.status_code == 200
    assert b"Breaking Bad" in response.content


def test_it_shows_the_seasons_and_the_whole_series_copies_inline(superuser_client, show):
    response = superuser_client.get(f"/admin/tv/show/{show.pk}/change/")

    assert response.status_code == 200
    assert b"Specials" in response.content and b"Season 1" in response.content
    assert b"Box on the floor" in response.content
    assert b"Attic shelf" not in response.content  # a season's copy is on its season's page


def test_it_shows_a_seasons_copies_inline(superuser_client, show):
    season = show.seasons.get(season_number=1)

    response = superuser_client.get(f"/admin/tv/season/{season.pk}/change/")

    assert response.status_code == 200
    assert b"Attic shelf" in response.content


def test_it_adds_a_season_inline_under_the_shows_owner(superuser_client, user, show):
    form = inline_form(show)
    form.update({"seasons-TOTAL_FORMS": "3", "seasons-2-show": str(show.pk),
                 "seasons-2-season_number": "2", "seasons-2-title": "Season 2"})  # fmt: skip
    version = CollectionVersion.objects.get(owner=user).token

    response = superuser_client.post(f"/admin/tv/show/{show.pk}/change/", form)

    assert response.status_code == 302, response.content[:3000]
    added = Season.objects.get(show=show, season_number=2)
    assert added.owner == user
    assert CollectionVersion.objects.get(owner=user).token != version


def test_a_superuser_moves_a_show_with_its_seasons_and_copies(superuser_client, show, other_user):
    response = superuser_client.post(
        f"/admin/tv/show/{show.pk}/change/", inline_form(show, owner=str(other_user.pk))
    )

    assert response.status_code == 302, response.content[:3000]
    assert set(Season.objects.values_list("owner_id", flat=True)) == {other_user.pk}
    assert set(Copy.objects.values_list("owner_id", flat=True)) == {other_user.pk}


def test_a_season_moved_to_another_show_takes_its_copies(superuser_client, user, show):
    other = make_show(user, title="Better Call Saul")
    season = show.seasons.get(season_number=1)
    form = {
        "show": str(other.pk), "season_number": "1", "title": "Season 1",
        "copies-TOTAL_FORMS": "0", "copies-INITIAL_FORMS": "0",
        "copies-MIN_NUM_FORMS": "0", "copies-MAX_NUM_FORMS": "1000",
    }  # fmt: skip

    response = superuser_client.post(f"/admin/tv/season/{season.pk}/change/", form)

    assert response.status_code == 302, response.content[:3000]
    assert set(season.copies.values_list("show_id", flat=True)) == {other.pk}


def test_the_copy_page_fills_a_seasons_show_and_refuses_another(superuser_client, user, show):
    season = show.seasons.get(season_number=1)
    other = make_show(user, title="Alias")
    copy = season.copies.get()

    filled = superuser_client.post(
        f"/admin/collection/copy/{copy.pk}/change/",
        {"season": str(season.pk), "platform": "Shelf", "extra": "{}"},
    )
    refused = superuser_client.post(
        f"/admin/collection/copy/{copy.pk}/change/",
        {"show": str(other.pk), "season": str(season.pk), "extra": "{}"},
    )

    assert filled.status_code == 302
    copy.refresh_from_db()
    assert copy.show_id == show.pk and copy.platform == "Shelf"
    assert refused.status_code == 200
    assert b"This season belongs to another show." in refused.content


def test_staff_may_not_put_a_season_on_someone_elses_show(user, show):
    make_user("staffer", is_staff=True)
    staffer = Show._meta.get_field("owner").related_model.objects.get(username="staffer")
    staffer.user_permissions.set(Permission.objects.filter(content_type__app_label="tv"))
    client = Client()
    assert client.login(username="staffer", password=PASSWORD)
    form = {
        "show": str(show.pk), "season_number": "7", "title": "Season 7",
        "copies-TOTAL_FORMS": "0", "copies-INITIAL_FORMS": "0",
        "copies-MIN_NUM_FORMS": "0", "copies-MAX_NUM_FORMS": "1000",
    }  # fmt: skip

    listing = client.get("/admin/tv/show/")
    response = client.post("/admin/tv/season/add/", form)

    assert b"Breaking Bad" not in listing.content
    assert response.status_code == 200  # the form again, with its error
    assert not Season.objects.filter(season_number=7).exists()
