"""Every TV write changes the lists' ETag; concurrent writes to one show never fail or
duplicate."""

from collections import Counter

import pytest

from conftest import client_for
from mycoll.tests.helpers import run_concurrently
from tv.models import Season, Show
from tv.tests.factories import make_season, make_season_copy, make_show
from tv.tests.scenarios import SHOW

LISTS = ["/api/v1/tv/", "/api/v1/tv/season/", "/api/v1/tv/season/copy/", "/api/v1/copies/"]


def writes(client, show: Show) -> list:
    season = show.seasons.get()
    copy = season.copies.get()
    return [
        lambda: client.post("/api/v1/tv/", {"title": "New"}, format="json"),
        lambda: client.patch(f"/api/v1/tv/{show.pk}", {"status": "Ended"}, format="json"),
        lambda: client.post(
            "/api/v1/tv/season/", {"show": show.pk, "season_number": 2}, format="json"
        ),
        lambda: client.patch(f"/api/v1/tv/season/{season.pk}", {"episode_count": 9}, format="json"),
        lambda: client.post(
            "/api/v1/tv/season/copy/",
            {"season": season.pk, "platform": "Shelf", "form": "DVD"},
            format="json",
        ),
        lambda: client.patch(f"/api/v1/tv/season/copy/{copy.pk}", {"form": "4K"}, format="json"),
        lambda: client.delete(f"/api/v1/tv/season/copy/{copy.pk}"),
        lambda: client.delete(f"/api/v1/tv/season/{season.pk}"),
        lambda: client.delete(f"/api/v1/tv/{show.pk}"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("write", range(9))
def test_every_write_changes_the_lists_etag_and_content(owner_client, user, path, write):
    show = make_show(user)
    make_season_copy(make_season(show, 1))
    before = owner_client.get(path)

    response = writes(owner_client, show)[write]()
    after = owner_client.get(path, HTTP_IF_NONE_MATCH=before["ETag"])

    assert response.status_code < 300, response.content
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_adds_of_one_tmdb_id_make_one_show(user):
    clients = [client_for(user) for _ in range(20)]
    complete = {**SHOW, "seasons": [{"season_number": 1}, {"season_number": 2}]}

    answers = run_concurrently(
        [lambda c=c: c.post("/api/v1/tv/", complete, format="json") for c in clients]
    )

    assert Counter(r.status_code for r in answers) == {201: 1, 400: 19}
    show = Show.objects.get()
    expected = f"This show is already in your collection (show id {show.pk})."
    assert all(r.json() == {"tmdb_id": [expected]} for r in answers if r.status_code == 400)
    assert Season.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_season_adds_and_a_show_delete_never_fail(user):
    show = make_show(user)
    clients = [client_for(user) for _ in range(10)]
    calls = [
        lambda c=c, n=n: (
            c.delete(f"/api/v1/tv/{show.pk}")
            if n == 5
            else c.post(
                "/api/v1/tv/season/", {"show": show.pk, "season_number": n % 3}, format="json"
            )
        )
        for n, c in enumerate(clients)
    ]

    answers = run_concurrently(calls)

    assert all(not isinstance(r, Exception) and r.status_code < 500 for r in answers), answers
    assert not Show.objects.exists() and not Season.objects.exists()
