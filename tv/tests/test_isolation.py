"""Owner, other user and outsider, on every TV endpoint and method."""

import pytest

from tmdb.tests.helpers import tv_details_payload, tv_details_url
from tv.tests.factories import make_season, make_season_copy, make_series_copy, make_show, stored

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tmdb_settings")]

SHOW = {"title": "Hijacked", "seasons": []}


@pytest.fixture
def theirs(other_user) -> dict:
    show = make_show(other_user, title="Theirs", tmdb_id=1396)
    season = make_season(show, 1)
    return {
        "show": show,
        "season": season,
        "copy": make_season_copy(season, platform="Their shelf"),
        "box": make_series_copy(show, platform="Their shelf"),
    }


@pytest.fixture
def own(user) -> dict:
    show = make_show(user, title="Mine")
    season = make_season(show, 1)
    return {"show": show, "season": season, "copy": make_season_copy(season)}


def detail_requests(show: int, season: int, copy: int, own: dict) -> list[tuple]:
    season_body = {"show": own["show"].pk, "season_number": 5}
    copy_body = {"season": own["season"].pk, "platform": "x", "form": "y"}
    return [
        ("get", f"/api/v1/tv/{show}", None),
        ("put", f"/api/v1/tv/{show}/", SHOW),
        ("patch", f"/api/v1/tv/{show}", {"title": "Hijacked"}),
        ("delete", f"/api/v1/tv/{show}", None),
        ("post", f"/api/v1/tv/{show}/refresh", None),
        ("get", f"/api/v1/tv/{show}/completeness/", None),
        ("get", f"/api/v1/tv/season/{season}", None),
        ("put", f"/api/v1/tv/season/{season}/", season_body),
        ("patch", f"/api/v1/tv/season/{season}", {"title": "Hijacked"}),
        ("delete", f"/api/v1/tv/season/{season}/", None),
        ("get", f"/api/v1/tv/season/copy/{copy}", None),
        ("put", f"/api/v1/tv/season/copy/{copy}/", copy_body),
        ("patch", f"/api/v1/tv/season/copy/{copy}", {"platform": "Hijacked"}),
        ("delete", f"/api/v1/tv/season/copy/{copy}/", None),
        ("get", f"/api/v1/copies/{copy}", None),
        ("patch", f"/api/v1/copies/{copy}", {"notes": "Hijacked"}),
        ("put", f"/api/v1/copies/{copy}/", {"show": own["show"].pk}),
        ("delete", f"/api/v1/copies/{copy}/", None),
    ]


@pytest.mark.parametrize("index", range(18))
def test_it_answers_another_users_ids_exactly_like_missing_ones(
    owner_client, own, theirs, tmdb, index
):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())
    before = stored()
    ids = (theirs["show"].pk, theirs["season"].pk, theirs["copy"].pk)
    method, path, body = detail_requests(*ids, own)[index]
    _, missing_path, missing_body = detail_requests(10**9, 10**9, 10**9, own)[index]

    their_answer = getattr(owner_client, method)(path, body, format="json")
    missing = getattr(owner_client, method)(missing_path, missing_body, format="json")

    assert their_answer.status_code == missing.status_code == 404
    assert their_answer.content == missing.content
    assert stored() == before
    assert len(tmdb.calls) == 0


def test_it_never_lists_another_users_shows_seasons_or_copies(owner_client, own, theirs):
    shows = owner_client.get("/api/v1/tv/").json()
    seasons = owner_client.get("/api/v1/tv/season").json()
    copies = owner_client.get("/api/v1/tv/season/copy").json()
    every_copy = owner_client.get("/api/v1/copies/", {"kind": "show"}).json()
    filtered = [
        owner_client.get("/api/v1/tv/", {"platform": "Their shelf"}).json(),
        owner_client.get("/api/v1/tv/", {"tmdb_id": 1396}).json(),
        owner_client.get("/api/v1/tv/season", {"show": theirs["show"].pk}).json(),
        owner_client.get("/api/v1/tv/season/copy", {"season": theirs["season"].pk}).json(),
        owner_client.get("/api/v1/tv/season/copy", {"show": theirs["show"].pk}).json(),
    ]

    assert [s["id"] for s in shows] == [own["show"].pk]
    assert [c["id"] for c in shows[0]["seasons"][0]["season_copies"]] == [own["copy"].pk]
    assert [s["id"] for s in seasons] == [own["season"].pk]
    assert [c["id"] for c in copies] == [c["id"] for c in every_copy] == [own["copy"].pk]
    assert filtered == [[]] * 5


COPY = {"platform": "x", "form": "y"}


@pytest.mark.parametrize(
    ("method", "path", "field", "body"),
    [
        ("post", "/api/v1/tv/season/", "show", lambda i: {"show": i, "season_number": 9}),
        ("patch", "/api/v1/tv/season/{own_season}", "show", lambda i: {"show": i}),
        ("post", "/api/v1/tv/season/copy/", "season", lambda i: {"season": i, **COPY}),
        ("patch", "/api/v1/tv/season/copy/{own_copy}", "season", lambda i: {"season": i}),
        ("post", "/api/v1/copies/", "season", lambda i: {"season": i}),
        ("post", "/api/v1/copies/", "show", lambda i: {"show": i}),
        ("patch", "/api/v1/copies/{own_copy}", "season", lambda i: {"season": i}),
        ("put", "/api/v1/copies/{own_copy}", "show", lambda i: {"show": i}),
    ],
)
def test_it_refuses_to_attach_to_another_users_show_or_season_like_a_missing_one(
    owner_client, own, theirs, method, path, field, body
):
    url = path.format(own_season=own["season"].pk, own_copy=own["copy"].pk)
    before = stored()

    their_answer = getattr(owner_client, method)(url, body(theirs[field].pk), format="json")
    missing = getattr(owner_client, method)(url, body(10**9), format="json")

    assert their_answer.status_code == missing.status_code == 400
    assert list(their_answer.json()) == list(missing.json()) == [field]
    assert their_answer.json()[field][0] == missing.json()[field][0].replace(
        str(10**9), str(theirs[field].pk)
    )
    assert stored() == before


def test_the_same_tmdb_id_is_free_for_another_user(owner_client, theirs, tmdb):
    tmdb.get(tv_details_url(1396), json=tv_details_payload())

    response = owner_client.post("/api/v1/tv/", {"tmdb_id": 1396}, format="json")

    assert response.status_code == 201


def test_it_lets_the_owner_do_what_the_others_cannot(other_client, theirs):
    show, season, copy = theirs["show"], theirs["season"], theirs["copy"]
    assert other_client.get(f"/api/v1/tv/{show.pk}").status_code == 200
    assert other_client.get(f"/api/v1/tv/{show.pk}/completeness").status_code == 200
    assert other_client.get(f"/api/v1/tv/season/{season.pk}").status_code == 200
    assert other_client.get(f"/api/v1/tv/season/copy/{copy.pk}").status_code == 200
    assert other_client.delete(f"/api/v1/tv/{show.pk}").status_code == 204


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/tv/"),
        ("post", "/api/v1/tv/"),
        ("get", "/api/v1/tv/{show}"),
        ("put", "/api/v1/tv/{show}"),
        ("patch", "/api/v1/tv/{show}"),
        ("delete", "/api/v1/tv/{show}"),
        ("post", "/api/v1/tv/{show}/refresh"),
        ("get", "/api/v1/tv/{show}/completeness"),
        ("get", "/api/v1/tv/search"),
        ("get", "/api/v1/tv/search/details"),
        ("get", "/api/v1/tv/season"),
        ("post", "/api/v1/tv/season/"),
        ("get", "/api/v1/tv/season/{season}"),
        ("put", "/api/v1/tv/season/{season}"),
        ("patch", "/api/v1/tv/season/{season}"),
        ("delete", "/api/v1/tv/season/{season}"),
        ("get", "/api/v1/tv/season/copy"),
        ("post", "/api/v1/tv/season/copy/"),
        ("get", "/api/v1/tv/season/copy/{copy}"),
        ("put", "/api/v1/tv/season/copy/{copy}"),
        ("patch", "/api/v1/tv/season/copy/{copy}"),
        ("delete", "/api/v1/tv/season/copy/{copy}"),
    ],
)
def test_it_answers_the_outsider_with_401_everywhere(api_client, theirs, tmdb, method, path):
    before = stored()
    ids = {"show": theirs["show"].pk, "season": theirs["season"].pk, "copy": theirs["copy"].pk}

    response = getattr(api_client, method)(path.format(**ids), SHOW, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert stored() == before
    assert len(tmdb.calls) == 0
