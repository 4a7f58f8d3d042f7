"""End to end over real HTTP, as a new user would: gunicorn serving MyColl on a fresh SQLite
file, the fake TMDb behind it. Search a show, add it in one call, see its seasons and
specials, record a Blu-ray of season 1 and a complete box set, read completeness, then refresh
after TMDb gains a season and see it appear."""

from collections.abc import Iterator
from datetime import date

import pytest
import requests

from livetest import Server, serving_a_fresh_database
from tmdb.tests.fake_server import FakeTMDb, running_fake_tmdb

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[tuple[Server, FakeTMDb]]:
    workdir = tmp_path_factory.mktemp("e2e-tv")
    with running_fake_tmdb() as fake_tmdb:
        with serving_a_fresh_database(workdir, **fake_tmdb.environment()) as server:
            yield server, fake_tmdb


def test_a_new_user_collects_a_show_season_by_season_and_as_a_box_set(stack):
    server, fake_tmdb = stack
    token = server.sign_up("binge-watcher")

    def call(method: str, path: str, expect: int, **kwargs) -> requests.Response:
        response = server.call(method, f"/api/v1/{path}", token, **kwargs)
        assert response.status_code == expect, f"{method} {path}: {response.text}"
        return response

    found = call("GET", "tv/search", 200, params={"query": "Breaking Bad"}).json()
    assert [(s["title"], s["release_year"]) for s in found] == [("Breaking Bad", "2008")]

    show = call("POST", "tv/", 201, json={"tmdb_id": found[0]["id"]}).json()
    assert (show["title"], show["tv_rating"], show["networks"]) == (
        "Breaking Bad",
        "TV-MA",
        ["AMC"],
    )
    assert [s["season_number"] for s in show["seasons"]] == [0, 1, 2, 3, 4, 5]
    specials = show["seasons"][0]
    assert (specials["title"], specials["air_date"]) == ("Specials", None)
    call("POST", "tv/", 400, json={"tmdb_id": found[0]["id"]})  # already there

    season_one = show["seasons"][1]["id"]
    blu_ray = {"season": season_one, "platform": "Shelf", "form": "Blu-ray", "vod_link": ""}
    copy = call("POST", "tv/season/copy/", 201, json=blu_ray).json()
    rich = call("GET", f"copies/{copy['id']}", 200).json()
    assert (rich["kind"], rich["show"], rich["season"], rich["medium"]) == (
        "show", show["id"], season_one, "bluray",
    )  # fmt: skip

    completeness = f"tv/{show['id']}/completeness"
    assert call("GET", completeness, 200).json() == {
        "aired": [1, 2, 3, 4, 5], "owned": [1], "missing": [2, 3, 4, 5], "complete": False,
    }  # fmt: skip

    box_set = {"show": show["id"], "medium": "bluray", "edition": "The Complete Series"}
    box = call("POST", "copies/", 201, json=box_set).json()
    assert (box["kind"], box["season"]) == ("show", None)
    listed = call("GET", "tv/", 200).json()
    assert [c["id"] for c in listed[0]["series_copies"]] == [box["id"]]
    assert [c["id"] for c in listed[0]["seasons"][1]["season_copies"]] == [copy["id"]]
    assert call("GET", completeness, 200).json()["complete"] is True

    control = f"{fake_tmdb.url.removesuffix('/3')}/__control__"
    assert requests.post(control, json={"gain_season": 1396}, timeout=5).status_code == 200
    refreshed = call("POST", f"tv/{show['id']}/refresh", 200).json()

    newest = refreshed["seasons"][-1]
    assert (newest["season_number"], newest["air_date"]) == (6, date.today().isoformat())
    assert refreshed["number_of_seasons"] == 6
    assert [c["id"] for c in refreshed["seasons"][1]["season_copies"]] == [copy["id"]]
    assert call("GET", f"tv/{show['id']}", 200).json() == refreshed
    assert call("GET", completeness, 200).json() == {
        "aired": [1, 2, 3, 4, 5, 6], "owned": [1, 2, 3, 4, 5, 6], "missing": [],
        "complete": True,
    }  # fmt: skip


def test_the_fake_shows_without_a_us_rating_or_with_an_unaired_season(stack):
    server, _ = stack
    token = server.sign_up("critic")

    fawlty = server.call("POST", "/api/v1/tv/", token, json={"tmdb_id": 2207})
    severance = server.call("POST", "/api/v1/tv/", token, json={"tmdb_id": 95396})
    unaired = server.call("GET", f"/api/v1/tv/{severance.json()['id']}/completeness", token)

    assert fawlty.status_code == severance.status_code == 201
    assert fawlty.json()["tv_rating"] == ""
    assert unaired.json() == {"aired": [1, 2], "owned": [], "missing": [1, 2], "complete": False}
