"""The client and the proxy over real HTTP, against the fake TMDb on loopback."""

import logging
import socket
import subprocess
import sys
import time
from datetime import date

import pytest
import requests
from django.conf import settings as django_settings

from tmdb.client import movie_details, search_movies, search_tv, tv_details
from tmdb.errors import TMDbNotFound
from tmdb.tests import fake_shows
from tmdb.tests.fake_server import MOVIES
from tmdb.tests.helpers import API_KEY, READ_TOKEN

SEARCH = "/api/v1/movies/search"
DETAILS = "/api/v1/movies/search/details"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_it_searches_the_fake_tmdb(fake_tmdb):
    results = search_movies(query="amélie")["results"]

    assert [(m["id"], m["title"], m["original_title"]) for m in results] == [
        (194, "Amélie", "Le Fabuleux Destin d'Amélie Poulain")
    ]
    assert results[0]["poster_path"] == "/amelie.jpg"
    assert [m["title"] for m in search_movies(query="the", year=1999)["results"]] == ["The Matrix"]
    assert search_movies(query="Sphere", page=2)["results"] == []


def test_it_reads_details_from_the_fake_tmdb(fake_tmdb, settings):
    settings.TMDB_READ_ACCESS_TOKEN = READ_TOKEN

    sphere = movie_details(tmdb_id=10153)
    home_video = movie_details(tmdb_id=424242)

    assert (sphere["title"], sphere["release_date"]) == ("Sphere", "1998-02-13")
    assert sphere["release_dates"] == MOVIES[10153]["release_dates"]
    assert home_video == MOVIES[424242]
    with pytest.raises(TMDbNotFound):
        movie_details(tmdb_id=1)


def test_the_fake_tmdb_wants_a_credential(fake_tmdb):
    url = f"{fake_tmdb.url}/search/movie"

    anonymous = requests.get(url, params={"query": "Sphere"}, timeout=5)
    empty_key = requests.get(url, params={"query": "Sphere", "api_key": ""}, timeout=5)
    empty_bearer = requests.get(url, headers={"Authorization": "Bearer "}, timeout=5)
    bearer = requests.get(url, params={"query": "Sphere"}, headers={"Authorization": "Bearer x"})

    assert [r.status_code for r in (anonymous, empty_key, empty_bearer)] == [401, 401, 401]
    assert bearer.status_code == 200


@pytest.mark.django_db
def test_it_proxies_the_fake_tmdb(owner_client, fake_tmdb):
    search = owner_client.get(SEARCH, {"query": "Sphere"})
    details = owner_client.get(DETAILS, {"query": search.json()[0]["id"]})
    unknown = owner_client.get(DETAILS, {"query": "5"})

    assert search.status_code == 200
    assert details.json()["mpaa_rating"] == "PG-13"
    assert unknown.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mode", "status", "hits"),
    [
        ("slow", 504, 1),  # read timeouts are not retried
        ("fail", 502, 3),
        ("ratelimit", 503, 3),
        ("malformed", 502, 1),
    ],
)
def test_it_maps_each_misbehaviour_of_the_fake_tmdb(
    owner_client, fake_tmdb, settings, mode, status, hits
):
    settings.TMDB_READ_TIMEOUT = 0.2
    control = requests.post(
        f"{fake_tmdb.url.removesuffix('/3')}/__control__",
        json={"mode": mode, "delay": 1.0, "retry_after": 0},
        timeout=5,
    )
    started = time.monotonic()

    response = owner_client.get(SEARCH, {"query": "Sphere"})

    assert control.json()["mode"] == mode
    assert response.status_code == status
    assert fake_tmdb.hits == hits
    assert time.monotonic() - started < 1.0


def test_the_control_endpoint_refuses_an_unknown_mode(fake_tmdb):
    control_url = f"{fake_tmdb.url.removesuffix('/3')}/__control__"

    refused = requests.post(control_url, json={"mode": "on-fire"}, timeout=5)
    state = requests.get(control_url, timeout=5).json()

    assert refused.status_code == 400
    assert state["mode"] == "normal"


@pytest.mark.django_db
def test_it_answers_502_when_nothing_listens(owner_client, settings):
    settings.TMDB_API_URL = f"http://127.0.0.1:{free_port()}/3"

    response = owner_client.get(SEARCH, {"query": "Sphere"})

    assert response.status_code == 502
    assert response.json()["code"] == "tmdb_unavailable"


def test_it_hides_the_key_in_urllib3_debug_logs(fake_tmdb, caplog):
    caplog.set_level(logging.DEBUG)

    search_movies(query="Sphere")

    assert "/3/search/movie?" in caplog.text  # urllib3 logged the request line...
    assert "api_key=[hidden]" in caplog.text
    assert API_KEY not in caplog.text  # ...without the key


def test_it_runs_as_a_command():
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tmdb.tests.fake_server", "--port", str(port)],
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = server.stdout.readline()
        answer = requests.get(
            f"http://127.0.0.1:{port}/3/search/movie",
            params={"query": "matrix", "api_key": "fake"},
            timeout=5,
        )
    finally:
        server.terminate()
        server.wait(timeout=5)

    assert f"http://127.0.0.1:{port}/3" in banner
    assert [movie["id"] for movie in answer.json()["results"]] == [603, 604, 605]


# --- TV --------------------------------------------------------------------------------------


def test_it_searches_and_details_the_fake_shows(fake_tmdb):
    found = search_tv(query="breaking")["results"]
    by_year = search_tv(query="s", year=2022)["results"]
    bad = tv_details(tmdb_id=1396)
    severance = tv_details(tmdb_id=95396)
    fawlty = tv_details(tmdb_id=2207)

    assert [(s["id"], s["name"]) for s in found] == [(1396, "Breaking Bad")]
    assert [s["name"] for s in by_year] == ["Severance"]
    assert bad["seasons"][0]["season_number"] == 0 and bad["seasons"][0]["air_date"] is None
    assert {r["iso_3166_1"] for r in bad["content_ratings"]["results"]} == {"DE", "US"}
    assert bad["external_ids"]["imdb_id"] == "tt0903747"
    announced = severance["seasons"][-1]["air_date"]
    assert date.fromisoformat(announced) > date.today()
    assert "US" not in {r["iso_3166_1"] for r in fawlty["content_ratings"]["results"]}
    with pytest.raises(TMDbNotFound):
        tv_details(tmdb_id=1)


def test_a_fake_show_gains_a_season_airing_today_and_resets(fake_tmdb):
    control_url = f"{fake_tmdb.url.removesuffix('/3')}/__control__"

    gained = requests.post(control_url, json={"gain_season": 1396}, timeout=5)
    after = tv_details(tmdb_id=1396, fresh=True)
    unknown = requests.post(control_url, json={"gain_season": 1}, timeout=5)
    reset = requests.post(control_url, json={"reset_shows": True}, timeout=5)

    assert gained.status_code == 200 and gained.json()["shows"]["1396"] == 7
    newest = after["seasons"][-1]
    assert (newest["season_number"], newest["air_date"]) == (6, date.today().isoformat())
    assert (after["number_of_seasons"], after["number_of_episodes"]) == (6, 70)
    assert unknown.status_code == 400
    assert reset.json()["shows"]["1396"] == 6
    assert len(fake_shows.SHOWS[1396]["seasons"]) == 6  # the canned shows never change


@pytest.mark.django_db
def test_it_proxies_the_fake_tmdbs_shows(owner_client, fake_tmdb):
    search = owner_client.get("/api/v1/tv/search", {"query": "Fawlty"})
    details = owner_client.get("/api/v1/tv/search/details", {"query": search.json()[0]["id"]})

    assert search.json()[0]["release_year"] == "1975"
    assert search.json()[0]["poster_path"] == ""
    assert details.json()["tv_rating"] == ""
    assert [s["season_number"] for s in details.json()["seasons"]] == [1, 2]
