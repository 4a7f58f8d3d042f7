"""/stats/: a page of charts for a signed-in person, who signs in at /login/."""

import re

import pytest
from django.test import Client

from accounts.tests.factories import PASSWORD
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(user) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": PASSWORD,
                                       "next": "/stats/"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/stats/"
    return client


def test_a_person_not_signed_in_is_sent_to_the_login_page(client):
    response = client.get("/stats/")

    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/stats/"
    assert b"Sign in" in client.get("/login/?next=/stats/").content


def test_a_wrong_password_stays_on_the_login_page(client, user):
    response = client.post("/login/", {"username": user.username, "password": "wrong"})

    assert response.status_code == 200 and b"do not match" in response.content


def test_it_draws_the_owners_charts_with_their_numbers(signed_in, user, other_user):
    make_copy(make_movie(user, release_year=1998), medium="uhd_bluray")
    make_copy(make_movie(user, title="Alien", release_year=1979), medium="dvd", price="5.00",
              currency="EUR", acquired_on="2023-04-01")  # fmt: skip
    make_copy(make_movie(other_user, title="Theirs", release_year=2010), medium="vhs")

    html = signed_in.get("/stats/").content.decode()

    assert html.count("<svg") == 4
    assert ">uhd_bluray<" in html and ">dvd<" in html and ">vhs<" not in html
    assert ">1970<" in html and ">1990<" in html and ">2010<" not in html
    assert ">5.00 EUR<" in html and "1 of 2 copies (50%)" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_an_empty_collection_says_so(signed_in):
    html = signed_in.get("/stats/").content.decode()

    assert "Copies by medium: nothing yet." in html and "0 of 0 copies (0%)" in html


def test_signing_out_ends_the_session(signed_in):
    assert signed_in.post("/logout/").status_code == 302
    assert signed_in.get("/stats/").status_code == 302
