"""Adding a show in one call: POST tv/ with only a tmdb_id makes the show and all its
seasons from one TMDb call, or nothing at all."""

import pytest

from tmdb.tests.helpers import sent_params, tv_details_payload, tv_details_url, tv_season
from tv.models import Season, Show
from tv.tests.factories import make_show

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]


def add(client, body):
    return client.post("/api/v1/tv/", body, format="json")


def test_it_adds_a_show_and_all_its_seasons_from_its_tmdb_id_alone(owner_client, user, tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("title", "year_first_aired", "last_air_year", "status")} == {
        "title": "Breaking Bad", "year_first_aired": 2008, "last_air_year": 2009,
        "status": "Ended",
    }  # fmt: skip
    assert (body["tv_rating"], body["networks"], body["in_production"]) == ("TV-MA", ["AMC"], False)
    assert (body["imdb_id"], body["tvdb_id"], body["tmdb_id"]) == ("tt0903747", 81189, 1396)
    assert (body["number_of_seasons"], body["number_of_episodes"]) == (2, 20)
    assert body["image_link"] == "https://image.tmdb.test/t/p/w500/breaking-bad.jpg"
    assert body["tmdb_page_link"] == "https://www.themoviedb.org/tv/1396"
    seasons = body["seasons"]
    assert [(s["season_number"], s["title"], s["episode_count"]) for s in seasons] == [
        (0, "Specials", 2), (1, "Season 1", 7), (2, "Season 2", 13),
    ]  # fmt: skip
    assert [s["air_date"] for s in seasons] == [None, "2008-01-20", "2009-03-08"]
    assert seasons[2]["tmdb_page_link"] == "https://www.themoviedb.org/tv/1396/season/2"
    assert seasons[2]["image_link"] == "https://image.tmdb.test/t/p/w500/bb-s2.jpg"
    assert Season.objects.filter(owner=user).count() == 3
    assert len(tmdb.calls) == 1
    assert sent_params(tmdb.calls[0])["append_to_response"] == ["content_ratings,external_ids"]


def test_it_lists_the_seasons_in_number_order_whatever_tmdbs_order(owner_client, tmdb):
    shuffled = [tv_season(2), tv_season(0, air_date=None), tv_season(1)]
    tmdb.get(tv_details_url(1396), json=tv_details_payload(seasons=shuffled))

    response = add(owner_client, {"tmdb_id": 1396})

    assert [s["season_number"] for s in response.json()["seasons"]] == [0, 1, 2]


def test_the_callers_fields_win_over_tmdbs(owner_client, tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())

    response = add(owner_client, {"tmdb_id": "1396", "title": "Breaking Bad (Blu-ray set)"})

    assert response.status_code == 201
    assert response.json()["title"] == "Breaking Bad (Blu-ray set)"
    assert response.json()["overview"].startswith("A chemistry teacher")


def test_the_details_answer_posted_as_it_is_makes_the_show_without_asking_again(owner_client, tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())
    details = owner_client.get("/api/v1/tv/search/details", {"query": 1396}).json()

    response = add(owner_client, details)

    assert response.status_code == 201
    assert len(tmdb.calls) == 1
    body = response.json()
    assert {k: body[k] for k in details if k != "seasons"} == {
        k: v for k, v in details.items() if k != "seasons"
    }
    assert [{k: s[k] for k in details["seasons"][0]} for s in body["seasons"]] == details["seasons"]


def test_the_same_tmdb_id_twice_is_refused_before_tmdb_is_asked(owner_client, user, tmdb):
    existing = make_show(user, tmdb_id=1396)

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.status_code == 400
    assert response.json() == {
        "tmdb_id": [f"This show is already in your collection (show id {existing.pk})."]
    }
    assert len(tmdb.calls) == 0
    assert Show.objects.count() == 1


@pytest.mark.parametrize("tmdb_id", [0, -3, "abc", 1.5, True, 2**40])
def test_a_bad_tmdb_id_is_a_400_on_the_field(owner_client, tmdb, tmdb_id):
    response = add(owner_client, {"tmdb_id": tmdb_id})

    assert response.status_code == 400
    assert list(response.json()) == ["tmdb_id"]
    assert len(tmdb.calls) == 0


@pytest.mark.parametrize(
    ("upstream", "status", "code"),
    [
        ({"status": 404, "json": {"status_code": 34}}, 404, "tmdb_not_found"),
        ({"status": 500, "json": {}}, 502, "tmdb_unavailable"),
        ({"status": 401, "json": {"status_code": 7}}, 502, "tmdb_credentials_rejected"),
        ({"status": 429, "headers": {"Retry-After": "0"}}, 503, "tmdb_rate_limited"),
        ({"status": 200, "body": "<html>not json</html>"}, 502, "tmdb_unavailable"),
        ({"json": tv_details_payload(name="")}, 502, "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons=None)}, 502, "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons="1, 2")}, 502, "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons=[tv_season(1), "2"])}, 502, "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons=[tv_season(1), {"name": "?"}])}, 502,
         "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons=[tv_season(1), tv_season(1)])}, 502,
         "tmdb_unavailable"),
        ({"json": tv_details_payload(seasons=[tv_season(-1)])}, 502, "tmdb_unavailable"),
    ],
)  # fmt: skip
def test_a_tmdb_fault_or_a_malformed_answer_stores_nothing(
    owner_client, tmdb, upstream, status, code
):
    tmdb.get(tv_details_url(1396), **upstream)

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not Show.objects.exists() and not Season.objects.exists()


def test_a_tmdb_404_names_a_show(owner_client, tmdb):
    tmdb.get(tv_details_url(1396), status=404, json={"status_code": 34})

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.json()["detail"] == "TMDb has no show with that id."


def test_tmdbs_values_a_show_cannot_hold_are_a_400_naming_them(owner_client, tmdb):
    payload = tv_details_payload(seasons=[tv_season(1, episodes=10**6)])
    tmdb.get(tv_details_url(1396), json=payload)

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.status_code == 400
    assert response.json() == {
        "seasons": {"0": {"episode_count": ["Ensure this value is less than or equal to 100000."]}}
    }
    assert not Show.objects.exists()


def test_it_answers_503_naming_the_variables_when_tmdb_is_not_configured(
    owner_client, tmdb_settings
):
    tmdb_settings.TMDB_API_KEY = ""

    response = add(owner_client, {"tmdb_id": 1396})

    assert response.status_code == 503
    assert "TMDB_API_KEY" in response.json()["detail"]
    assert not Show.objects.exists()
