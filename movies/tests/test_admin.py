import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD, make_user
from movies.models import Movie
from movies.tests.factories import admin_change_form, make_copy, make_movie

pytestmark = pytest.mark.django_db


def logged_in(username: str, **flags: bool) -> Client:
    make_user(username, is_staff=True, **flags)
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_it_finds_movies_by_title_or_owner(superuser_client, user, other_user):
    make_movie(user, title="Sphere")
    make_movie(other_user, title="The Matrix")

    by_title = superuser_client.get("/admin/movies/movie/", {"q": "spher"})
    by_owner = superuser_client.get("/admin/movies/movie/", {"q": "other"})

    assert by_title.status_code == 200
    assert b"Sphere" in by_title.content and b"The Matrix" not in by_title.content
    assert b"The Matrix" in by_owner.content and b"Sphere" not in by_owner.content


def test_it_filters_movies_by_year_and_format(superuser_client, user):
    make_copy(make_movie(user, title="Sphere", release_year=1998), form="DVD")
    make_copy(make_movie(user, title="The Matrix", release_year=1999), form="VOD")

    by_year = superuser_client.get("/admin/movies/movie/", {"release_year": "1999"})
    by_form = superuser_client.get("/admin/movies/movie/", {"copies__form": "DVD"})

    assert b"The Matrix" in by_year.content and b"Sphere" not in by_year.content
    assert b"Sphere" in by_form.content and b"The Matrix" not in by_form.content


def test_it_shows_the_copies_inline(superuser_client, user):
    movie = make_movie(user)
    make_copy(movie, platform="Prime Video", form="VOD")

    response = superuser_client.get(f"/admin/movies/movie/{movie.pk}/change/")

    assert response.status_code == 200
    assert b"Prime Video" in response.content
    assert b'name="owner"' in response.content


def test_a_superuser_moves_a_movie_and_its_copies_to_another_owner(
    superuser_client, user, other_user
):
    movie = make_movie(user)
    copy = make_copy(movie)
    form = admin_change_form(movie, copy, owner=other_user.pk)

    response = superuser_client.post(f"/admin/movies/movie/{movie.pk}/change/", form)

    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.owner == other_user
    assert copy.movie.owner == other_user


def test_staff_who_are_not_superusers_see_and_edit_only_their_own(user):
    from django.contrib.auth.models import Permission

    client = logged_in("staffer")
    staffer = Movie._meta.get_field("owner").related_model.objects.get(username="staffer")
    staffer.user_permissions.set(Permission.objects.filter(content_type__app_label="movies"))
    mine = make_movie(staffer, title="Staffer's own")
    theirs = make_movie(user, title="Someone else's")

    listing = client.get("/admin/movies/movie/")
    own_page = client.get(f"/admin/movies/movie/{mine.pk}/change/")
    other_page = client.get(f"/admin/movies/movie/{theirs.pk}/change/")

    assert b"Staffer&#x27;s own" in listing.content
    assert b"Someone else" not in listing.content
    assert own_page.status_code == 200
    assert b'name="owner"' not in own_page.content
    assert other_page.status_code == 302  # the admin's answer for an object it cannot see
