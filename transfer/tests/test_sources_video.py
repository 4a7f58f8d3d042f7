"""Trakt's and Letterboxd's exports, from sample files with their real headers and oddities."""

import json

import pytest

from collection.models import Copy
from movies.models import Movie
from movies.tests.factories import make_copy, make_movie
from tmdb.tests.helpers import API_URL
from transfer.tests.helpers import csv_text, zipped
from tv.models import Season, Show

pytestmark = pytest.mark.django_db

TRAKT_MOVIES = [
    {
        "collected_at": "2021-03-04T10:11:12.000Z",
        "updated_at": "2021-03-04T10:11:12.000Z",
        "movie": {
            "title": "Blade Runner 2049",
            "year": 2017,
            "ids": {
                "trakt": 222,
                "slug": "blade-runner-2049-2017",
                "imdb": "tt1856101",
                "tmdb": 335984,
            },
        },
        "metadata": {
            "media_type": "bluray",
            "resolution": "uhd_4k",
            "hdr": "dolby_vision",
            "audio": "dolby_atmos",
            "audio_channels": "7.1",
            "3d": False,
        },
    },
    {
        "collected_at": "2019-12-24T20:00:00.000Z",
        "movie": {"title": "Avatar", "year": 2009, "ids": {"trakt": 12, "tmdb": 19995}},
        "metadata": {
            "media_type": "bluray",
            "resolution": "hd_1080p",
            "3d": True,
            "audio": "new_codec",
        },
    },
    {"collected_at": "2020-01-01T00:00:00.000Z", "episode": {"title": "not a movie"}},
]
EPISODE = {"collected_at": "2018-05-01T00:00:00.000Z", "metadata": {"media_type": "dvd"}}
TRAKT_SHOWS = [
    {
        "last_collected_at": "2018-06-01T00:00:00.000Z",
        "show": {
            "title": "The Wire",
            "year": 2002,
            "ids": {
                "trakt": 1,
                "slug": "the-wire",
                "tvdb": 79126,
                "imdb": "tt0306414",
                "tmdb": 1438,
            },
        },
        "seasons": [
            {
                "number": 1,
                "episodes": [
                    {"number": 1, **EPISODE},
                    {
                        "number": 2,
                        "collected_at": "2018-04-01T00:00:00.000Z",
                        "metadata": {"media_type": "dvd"},
                    },
                    {
                        "number": 3,
                        "collected_at": "2018-06-01T00:00:00.000Z",
                        "metadata": {"media_type": "bluray"},
                    },
                ],
            },
            {"number": 2, "episodes": [{"number": 1, **EPISODE}]},
        ],
    }
]


def trakt_zip(movies=TRAKT_MOVIES, shows=TRAKT_SHOWS) -> bytes:
    return zipped(
        {
            "trakt-export/collection-movies.json": json.dumps(movies).encode(),
            "trakt-export/collection-shows.json": json.dumps(shows).encode(),
            "trakt-export/watched-movies.json": b"[]",
        }
    )


def test_trakt_makes_titles_and_copies_from_its_metadata(run_imports, user):
    report = run_imports("trakt", trakt_zip(), dry_run=False)

    assert report["status"] == "done"
    assert [r["status"] for r in report["rows"]] == ["created", "created", "skipped", "created"]
    blade = Copy.objects.get(movie__tmdb_id=335984)
    assert (blade.medium, blade.resolution, blade.hdr, blade.audio, blade.audio_channels) == (
        "uhd_bluray",
        "uhd_4k",
        "dolby_vision",
        "dolby_atmos",
        "7.1",
    )
    assert str(blade.acquired_on) == "2021-03-04" and blade.is_3d is False
    avatar = Copy.objects.get(movie__tmdb_id=19995)
    assert avatar.is_3d is True and avatar.audio == "" and avatar.resolution == "hd_1080p"
    wire = Show.objects.get(owner=user)
    assert (wire.tmdb_id, wire.tvdb_id, wire.imdb_id) == (1438, 79126, "tt0306414")
    first = Copy.objects.get(show=wire, season__season_number=1)
    assert first.medium == "dvd" and str(first.acquired_on) == "2018-04-01"
    assert Season.objects.filter(show=wire).count() == 2


def test_trakt_again_changes_nothing_and_a_changed_item_updates_in_place(run_imports):
    run_imports("trakt", trakt_zip(), dry_run=False)
    again = run_imports("trakt", trakt_zip(), dry_run=False)
    assert again["counts"]["unchanged"] == 3 and again["counts"]["created"] == 0

    changed = json.loads(json.dumps(TRAKT_MOVIES))
    changed[1]["metadata"]["resolution"] = "uhd_4k"
    third = run_imports("trakt", trakt_zip(movies=changed), dry_run=False)

    assert [r["status"] for r in third["rows"]][:2] == ["unchanged", "updated"]
    assert Copy.objects.filter(movie__tmdb_id=19995).get().medium == "uhd_bluray"
    assert Copy.objects.count() == 4


def test_an_import_never_touches_copies_made_by_hand(run_imports, user):
    by_hand = make_copy(
        make_movie(user, title="Avatar", release_year=2009, tmdb_id=19995), notes="mine"
    )

    run_imports("trakt", trakt_zip(), dry_run=False)

    by_hand.refresh_from_db()
    assert by_hand.notes == "mine" and by_hand.form == "DVD" and by_hand.medium == ""
    assert Copy.objects.filter(movie=by_hand.movie).count() == 2  # Trakt's copy beside it
    assert Movie.objects.filter(tmdb_id=19995).count() == 1


LETTERBOXD = csv_text(
    ["Date", "Name", "Year", "Letterboxd URI"],
    ["2024-01-02", "Sphere", "1998", "https://boxd.it/1"],
    ["2024-01-03", "Crash", "1996", "https://boxd.it/2"],
    ["2024-01-04", "Nothing Like It", "2001", "https://boxd.it/3"],
    ["2024-01-05", "Sphere", "1998", "https://boxd.it/1"],
)

WATCHLIST = csv_text(
    ["Date", "Name", "Year", "Letterboxd URI"], ["2024-02-01", "Tenet", "2020", "https://boxd.it/9"]
)


def search_answer(*results) -> dict:
    return {"page": 1, "results": list(results), "total_pages": 1, "total_results": len(results)}


def film(id_: int, title: str, date: str) -> dict:
    return {"id": id_, "title": title, "original_title": title, "release_date": date}


@pytest.fixture
def tmdb_films(tmdb_settings, tmdb):
    def search(request):
        query = request.params["query"]
        answers = {
            "Sphere": [film(10153, "Sphere", "1998-02-13"), film(9, "Sphere", "2010-01-01")],
            "Crash": [film(884, "Crash", "1996-10-04"), film(885, "Crash", "1996-05-17")],
        }
        return 200, {}, json.dumps(search_answer(*answers.get(query, [])))

    tmdb.add_callback("GET", f"{API_URL}/search/movie", callback=search)
    details = {**film(10153, "Sphere", "1998-02-13"), "runtime": 134, "overview": "Deep."}
    tmdb.get(f"{API_URL}/movie/10153", json=details)
    return tmdb


def test_letterboxd_matches_by_title_and_exact_year_and_never_guesses(
    run_imports, tmdb_films, user
):
    report = run_imports(
        "letterboxd",
        zipped({"watched.csv": b"\xef\xbb\xbf" + LETTERBOXD, "watchlist.csv": WATCHLIST}),
        dry_run=False,
    )

    statuses = [(r["row"], r["status"]) for r in report["rows"]]
    assert statuses == [
        (1, "created"),
        (2, "unmatched"),
        (3, "unmatched"),
        (4, "skipped"),
        (5, "skipped"),
    ]
    assert (
        "Several TMDb films" in report["rows"][1]["message"]
        and "884" in report["rows"][1]["message"]
    )
    assert "has no film titled 'Nothing Like It' from 2001" in report["rows"][2]["message"]
    sphere = Movie.objects.get(owner=user)
    assert (sphere.tmdb_id, sphere.runtime_minutes, sphere.overview) == (10153, 134, "Deep.")
    assert not Copy.objects.exists()


def test_letterboxd_takes_one_of_its_csvs_too(run_imports, tmdb_films):
    report = run_imports("letterboxd", LETTERBOXD)
    again = run_imports("letterboxd", LETTERBOXD, dry_run=False)

    assert report["counts"]["created"] == again["counts"]["created"] == 1
    assert not report["rows"][0]["matched"]["id"] and again["rows"][0]["matched"]["id"]
