"""tv/<id>/refresh: TMDb read again; new seasons appear and TMDb's facts update, while the
owner's own titles, overviews and images, and every copy, stay."""

from datetime import date

import pytest

from collection.models import Copy
from tmdb.tests.helpers import tv_details_payload, tv_details_url, tv_season
from tv.models import Show
from tv.tests.factories import make_season_copy, make_series_copy, make_show, stored

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]


@pytest.fixture
def show(owner_client, tmdb) -> Show:
    tmdb.get(tv_details_url(1396), json=tv_details_payload())
    added = owner_client.post("/api/v1/tv/", {"tmdb_id": 1396}, format="json")
    assert added.status_code == 201
    tmdb.calls.reset()
    return Show.objects.get(pk=added.json()["id"])


def refresh(client, show: Show):
    return client.post(f"/api/v1/tv/{show.pk}/refresh")


def test_new_seasons_appear_and_tmdbs_facts_update(owner_client, tmdb, show):
    seasons = [
        tv_season(0, 3, None),
        tv_season(1, 7, "2008-01-20"),
        tv_season(2, 14, "2009-03-09"),
        tv_season(3, 13, "2010-03-21", name="Season Three", overview="Walt's empire."),
    ]
    later = tv_details_payload(
        seasons=seasons, number_of_seasons=3, number_of_episodes=34, last_air_date="2010-06-13",
        status="Returning Series", in_production=True,
        content_ratings={"results": [{"iso_3166_1": "US", "rating": "TV-14"}]},
    )  # fmt: skip
    tmdb.replace("GET", tv_details_url(1396), json=later)

    response = refresh(owner_client, show)

    assert response.status_code == 200
    body = response.json()
    assert body == owner_client.get(f"/api/v1/tv/{show.pk}").json()
    assert (body["number_of_seasons"], body["number_of_episodes"]) == (3, 34)
    assert (body["last_air_year"], body["status"], body["in_production"]) == (
        2010, "Returning Series", True,
    )  # fmt: skip
    assert body["tv_rating"] == "TV-14"
    assert [(s["season_number"], s["episode_count"], s["air_date"]) for s in body["seasons"]] == [
        (0, 3, None), (1, 7, "2008-01-20"), (2, 14, "2009-03-09"), (3, 13, "2010-03-21"),
    ]  # fmt: skip
    three = body["seasons"][3]
    assert (three["title"], three["overview"], three["year_first_aired"]) == (
        "Season Three", "Walt's empire.", 2010,
    )  # fmt: skip
    assert len(tmdb.calls) == 1


def test_the_owners_edits_and_every_copy_stay(owner_client, tmdb, show):
    owner_client.patch(
        f"/api/v1/tv/{show.pk}",
        {"title": "BB", "overview": "Mine.", "image_link": "https://example.com/bb.jpg"},
        format="json",
    )
    one = show.seasons.get(season_number=1)
    owner_client.patch(
        f"/api/v1/tv/season/{one.pk}", {"title": "Pilot season", "overview": "Mine too."},
        format="json",
    )  # fmt: skip
    copy = make_season_copy(one)
    box = make_series_copy(show)
    copies_before = list(Copy.objects.order_by("pk").values_list())
    changed = tv_details_payload(
        name="Breaking Bad!", overview="TMDb's.",
        seasons=[tv_season(0, 2, None), tv_season(1, 8, "2008-01-21", name="S1", overview="T")],
    )  # fmt: skip
    tmdb.replace("GET", tv_details_url(1396), json=changed)

    body = refresh(owner_client, show).json()

    assert (body["title"], body["overview"]) == ("BB", "Mine.")
    assert body["image_link"] == "https://example.com/bb.jpg"
    season = body["seasons"][1]
    assert (season["title"], season["overview"]) == ("Pilot season", "Mine too.")
    assert (season["episode_count"], season["air_date"]) == (8, "2008-01-21")
    assert [c["id"] for c in season["season_copies"]] == [copy.pk]
    assert [c["id"] for c in body["series_copies"]] == [box.pk]
    assert list(Copy.objects.order_by("pk").values_list()) == copies_before
    # Season 2, which TMDb no longer lists, stays.
    assert [s["season_number"] for s in body["seasons"]] == [0, 1, 2]


def test_an_unchanged_season_is_not_rewritten(owner_client, tmdb, show):
    before = dict(show.seasons.values_list("season_number", "updated_at"))
    seasons = tv_details_payload()["seasons"]
    seasons[2] = {**seasons[2], "episode_count": 12}
    tmdb.replace("GET", tv_details_url(1396), json=tv_details_payload(seasons=seasons))

    refresh(owner_client, show)

    after = dict(show.seasons.values_list("season_number", "updated_at"))
    assert after[0] == before[0] and after[1] == before[1]
    assert after[2] > before[2]


def test_it_reads_tmdb_again_even_when_the_answer_is_cached(owner_client, tmdb, show):
    owner_client.get("/api/v1/tv/search/details", {"query": 1396})  # cached now
    assert len(tmdb.calls) == 0
    gained = tv_details_payload(seasons=[*tv_details_payload()["seasons"], tv_season(3)])
    tmdb.replace("GET", tv_details_url(1396), json=gained)

    body = refresh(owner_client, show).json()
    details = owner_client.get("/api/v1/tv/search/details", {"query": 1396}).json()

    assert [s["season_number"] for s in body["seasons"]] == [0, 1, 2, 3]
    assert len(details["seasons"]) == 4  # the fresh answer is the cached one now
    assert len(tmdb.calls) == 1


def test_a_show_without_a_tmdb_id_is_a_400_without_a_call(owner_client, user, tmdb):
    by_hand = make_show(user, title="Home Videos")

    response = refresh(owner_client, by_hand)

    assert response.status_code == 400
    assert response.json() == {"tmdb_id": ["This show has no TMDb id to refresh it from."]}
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize(
    ("upstream", "status"),
    [
        ({"status": 404, "json": {"status_code": 34}}, 404),
        ({"status": 500}, 502),
        ({"body": "<html>"}, 502),
        ({"json": tv_details_payload(seasons=[{"name": "no number"}])}, 502),
        ({"json": tv_details_payload(number_of_episodes=10**6)}, 502),
        ({"json": tv_details_payload(seasons=[tv_season(4, episodes=10**6)])}, 502),
        ({"json": tv_details_payload(seasons=[tv_season(1, air_date="1899-01-01")])}, 502),
    ],
)
def test_a_tmdb_fault_or_an_unusable_answer_changes_nothing(
    owner_client, tmdb, show, upstream, status
):
    before = stored()
    tmdb.replace("GET", tv_details_url(1396), **upstream)

    response = refresh(owner_client, show)

    assert response.status_code == status
    assert stored() == before


def test_a_refresh_makes_a_new_season_count_as_missing(owner_client, tmdb, show):
    make_season_copy(show.seasons.get(season_number=1))
    make_season_copy(show.seasons.get(season_number=2))
    path = f"/api/v1/tv/{show.pk}/completeness"
    assert owner_client.get(path).json()["complete"] is True
    today = date.today().isoformat()
    gained = tv_details_payload(seasons=[*tv_details_payload()["seasons"], tv_season(3, 8, today)])
    tmdb.replace("GET", tv_details_url(1396), json=gained)

    refresh(owner_client, show)

    assert owner_client.get(path).json() == {
        "aired": [1, 2, 3], "owned": [1, 2], "missing": [3], "complete": False,
    }  # fmt: skip
