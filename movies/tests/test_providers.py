"""movies/<id>/providers and tv/<id>/providers: where a title streams, from TMDb (mocked)."""

import pytest
import responses

from movies.tests.factories import make_movie
from tmdb.tests.helpers import API_URL
from tv.tests.factories import make_show

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]

NETFLIX = {"provider_id": 8, "provider_name": "Netflix", "logo_path": "/n.jpg",
           "display_priority": 1}  # fmt: skip
OFFERS = {
    "id": 603,
    "results": {
        "US": {"link": "https://www.themoviedb.org/movie/603/watch?locale=US",
               "flatrate": [NETFLIX], "rent": [], "buy": [NETFLIX], "ads": [NETFLIX]},
        "DE": {"link": "https://www.themoviedb.org/movie/603/watch?locale=DE", "free": [NETFLIX]},
    },
}  # fmt: skip
SHOWN = {"provider_id": 8, "name": "Netflix", "logo": "https://image.tmdb.test/t/p/w500/n.jpg",
         "display_priority": 1}  # fmt: skip


def providers_url(kind: str, tmdb_id: int) -> str:
    return f"{API_URL}/{kind}/{tmdb_id}/watch/providers"


@pytest.fixture
def matrix(user):
    return make_movie(user, title="The Matrix", release_year=1999, tmdb_id=603)


def test_it_answers_the_offers_of_the_default_region(owner_client, matrix, tmdb):
    tmdb.get(providers_url("movie", 603), json=OFFERS)

    answer = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers")

    assert answer.status_code == 200
    assert answer.json() == {
        "region": "US",
        "link": "https://www.themoviedb.org/movie/603/watch?locale=US",
        "flatrate": [SHOWN],
        "rent": [],
        "buy": [SHOWN],
        "free": [],
        "attribution": "JustWatch",
    }


def test_it_answers_another_region_in_any_case_from_the_cache(owner_client, matrix, tmdb):
    tmdb.get(providers_url("movie", 603), json=OFFERS)

    germany = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers/", {"region": "de"})
    france = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers", {"region": "FR"})

    assert germany.json()["region"] == "DE" and germany.json()["free"] == [SHOWN]
    assert france.json() == {"region": "FR", "link": "", "flatrate": [], "rent": [], "buy": [],
                             "free": [], "attribution": "JustWatch"}  # fmt: skip
    assert len(tmdb.calls) == 1  # cached for every region


@pytest.mark.parametrize("region", ["XX", "usa", "", "u$"])
def test_a_bad_region_is_a_400_without_asking_tmdb(owner_client, matrix, tmdb, region):
    answer = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers", {"region": region})

    assert answer.status_code == 400 and list(answer.json()) == ["region"]
    assert not tmdb.calls


def test_a_movie_without_a_tmdb_id_is_a_404_saying_so(owner_client, user, tmdb):
    movie = make_movie(user, tmdb_id=None)

    answer = owner_client.get(f"/api/v1/movies/{movie.pk}/providers")

    assert answer.status_code == 404 and "no TMDb id" in answer.json()["detail"]
    assert not tmdb.calls


def test_another_users_movie_answers_like_a_missing_one(other_client, matrix, tmdb):
    theirs = other_client.get(f"/api/v1/movies/{matrix.pk}/providers")
    missing = other_client.get(f"/api/v1/movies/{10**9}/providers")

    assert theirs.status_code == missing.status_code == 404
    assert theirs.content == missing.content and not tmdb.calls


def test_tmdb_not_knowing_it_is_a_404_and_its_faults_map_as_for_search(owner_client, matrix, tmdb):
    tmdb.get(providers_url("movie", 603), status=404, json={"status_code": 34})
    unknown = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers")
    tmdb.replace(responses.GET, providers_url("movie", 603), status=500)
    failing = owner_client.get(f"/api/v1/movies/{matrix.pk}/providers")

    assert unknown.status_code == 404 and unknown.json()["code"] == "tmdb_not_found"
    assert failing.status_code == 502 and failing.json()["code"] == "tmdb_unavailable"


def test_a_show_has_its_offers_too(owner_client, user, tmdb):
    show = make_show(user, tmdb_id=1396)
    tmdb.get(
        providers_url("tv", 1396), json={"id": 1396, "results": {"GB": {"flatrate": [NETFLIX]}}}
    )

    answer = owner_client.get(f"/api/v1/tv/{show.pk}/providers", {"region": "gb"})
    no_id = owner_client.get(f"/api/v1/tv/{make_show(user, title='X', tmdb_id=None).pk}/providers")

    assert answer.status_code == 200 and answer.json()["flatrate"] == [SHOWN]
    assert no_id.status_code == 404 and "show has no TMDb id" in no_id.json()["detail"]
