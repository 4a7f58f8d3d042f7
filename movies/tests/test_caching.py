"""The list's ETag and cached body change with every write, and never cross between users."""

import pytest

from accounts.tests.factories import make_user
from conftest import client_for
from movies.models import Movie
from movies.tests.factories import admin_change_form, make_copy, make_movie

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/movies/", "/api/v1/movies/copies/"]


def get_list(client, path: str = "/api/v1/movies/"):
    response = client.get(path)
    assert response.status_code == 200
    return response["ETag"], response.content


@pytest.fixture
def movie(user) -> Movie:
    movie = make_movie(user)
    make_copy(movie)
    return movie


def api_writes(client, movie: Movie) -> list:
    copy_id = movie.copies.first().pk
    return [
        lambda: client.post(
            "/api/v1/movies/", {"title": "New", "release_year": 2001}, format="json"
        ),
        lambda: client.put(
            f"/api/v1/movies/{movie.pk}", {"title": "Put", "release_year": 1998}, format="json"
        ),
        lambda: client.patch(f"/api/v1/movies/{movie.pk}", {"title": "Patched"}, format="json"),
        lambda: client.post(
            "/api/v1/movies/copies/",
            {"movie": movie.pk, "platform": "Prime Video", "form": "VOD"},
            format="json",
        ),
        lambda: client.put(
            f"/api/v1/movies/copies/{copy_id}",
            {"movie": movie.pk, "platform": "Attic", "form": "DVD"},
            format="json",
        ),
        lambda: client.patch(f"/api/v1/movies/copies/{copy_id}", {"form": "4K"}, format="json"),
        lambda: client.delete(f"/api/v1/movies/copies/{copy_id}"),
        lambda: client.delete(f"/api/v1/movies/{movie.pk}"),
    ]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("write", range(8))
def test_every_api_write_changes_the_lists_etag_and_content(owner_client, movie, path, write):
    etag, content = get_list(owner_client, path)

    response = api_writes(owner_client, movie)[write]()

    assert response.status_code < 300
    new_etag, new_content = get_list(owner_client, path)
    assert new_etag != etag
    copies_changed = write >= 3
    if path == LISTS[0] or copies_changed:
        assert new_content != content


def test_a_rejected_write_keeps_the_etag(owner_client, movie):
    etag, _ = get_list(owner_client)

    response = owner_client.patch(f"/api/v1/movies/{movie.pk}", {"release_year": 1}, format="json")

    assert response.status_code == 400
    assert get_list(owner_client)[0] == etag


def test_it_answers_304_while_the_collection_is_unchanged(owner_client, movie):
    etag, _ = get_list(owner_client)

    unchanged = owner_client.get("/api/v1/movies/", HTTP_IF_NONE_MATCH=etag)
    owner_client.patch(f"/api/v1/movies/{movie.pk}", {"title": "Changed"}, format="json")
    changed = owner_client.get("/api/v1/movies/", HTTP_IF_NONE_MATCH=etag)

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged["ETag"] == etag
    assert unchanged["Cache-Control"] == "private, no-cache"
    assert changed.status_code == 200
    assert changed.json()[0]["title"] == "Changed"


def test_the_etag_depends_on_the_query(owner_client, movie):
    full, _ = get_list(owner_client)
    page, _ = get_list(owner_client, "/api/v1/movies/?limit=1")

    response = owner_client.get("/api/v1/movies/?limit=1", HTTP_IF_NONE_MATCH=full)

    assert full != page
    assert response.status_code == 200


def test_no_user_ever_receives_anothers_list_or_304(owner_client, other_client, movie, other_user):
    make_movie(other_user, title="Theirs")
    etag, content = get_list(owner_client)

    theirs = other_client.get("/api/v1/movies/", HTTP_IF_NONE_MATCH=etag)

    assert theirs.status_code == 200
    assert theirs.content != content
    assert [m["title"] for m in theirs.json()] == ["Theirs"]
    assert get_list(owner_client)[1] == content


def test_two_new_users_with_empty_collections_get_their_own_etags(db):
    first, second = make_user("first"), make_user("second")
    first_etag, _ = get_list(client_for(first))
    response = client_for(second).get("/api/v1/movies/", HTTP_IF_NONE_MATCH=first_etag)
    make_movie(second, title="Mine")
    second_list = client_for(second).get("/api/v1/movies/").json()

    assert [m["title"] for m in second_list] == ["Mine"]
    assert response.status_code == 200
    assert get_list(client_for(first))[1] == b"[]"


def test_admin_edits_change_the_owners_etag(superuser_client, owner_client, movie):
    copy = movie.copies.get()
    etag, _ = get_list(owner_client)
    form = admin_change_form(movie, copy, title="Edited in admin", copy_form="Blu-ray")

    response = superuser_client.post(f"/admin/movies/movie/{movie.pk}/change/", form)

    assert response.status_code == 302
    new_etag, content = get_list(owner_client)
    assert new_etag != etag
    assert b"Edited in admin" in content
    assert b"Blu-ray" in content


def test_admin_deletes_change_the_owners_etag(superuser_client, owner_client, movie):
    etag, _ = get_list(owner_client)

    response = superuser_client.post(f"/admin/movies/movie/{movie.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    new_etag, content = get_list(owner_client)
    assert new_etag != etag
    assert content == b"[]"


def test_deleting_a_user_deletes_their_collection(user, movie):
    user.delete()

    assert not Movie.objects.exists()
