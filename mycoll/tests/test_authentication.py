"""Bearer authentication: simplejwt's checks, the user and their collection version in one
statement, the user's fields as the ORM reads them."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from accounts.serializers import token_pair
from collection.selectors import collection_token
from collection.services import collection_write
from conftest import client_for
from mycoll.authentication import JWTAuthentication

pytestmark = pytest.mark.django_db


def bearer_request(user):
    token = token_pair(user)["access"]
    return APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_it_loads_the_user_as_the_orm_does_and_their_version_in_one_query(user):
    with collection_write(owner_id=user.pk):
        pass
    request = bearer_request(user)
    with CaptureQueriesContext(connection) as queries:
        loaded, _ = JWTAuthentication().authenticate(request)
        token = collection_token(owner=loaded)

    stored = get_user_model().objects.get(pk=user.pk)
    assert len(queries) == 1
    assert token == stored.collection_version.token.hex
    for field in get_user_model()._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(stored, field.attname), field.name
    assert loaded.date_joined.tzinfo is not None
    assert not loaded._state.adding


def test_a_user_who_never_wrote_has_version_zero(user):
    loaded, _ = JWTAuthentication().authenticate(bearer_request(user))

    assert collection_token(owner=loaded) == "0"


@pytest.mark.parametrize(
    ("change", "code"),
    [("deactivate", "user_inactive"), ("delete", "user_not_found")],
)
def test_it_refuses_a_token_whose_user_is_gone_or_inactive(user, change, code):
    client = client_for(user)
    if change == "delete":
        user.delete()
    else:
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    response = client.get("/api/v1/movies/")

    assert response.status_code == 401
    assert response.json()["code"] == code
