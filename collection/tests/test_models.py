"""The database itself refuses a copy that breaks a rule, whoever writes it."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from collection.models import Copy
from movies.tests.factories import make_movie

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"movie": None},
        {"medium": "laserdisk"},
        {"resolution": "8k"},
        {"hdr": "hdr11"},
        {"audio": "dolby"},
        {"audio_channels": "5.2"},
        {"condition": "mint"},
        {"price": Decimal("-0.01"), "currency": "EUR"},
        {"price": Decimal("5.00"), "currency": ""},
        {"disc_count": 0},
        {"disc_count": 501},
    ],
)
def test_the_database_refuses_a_copy_that_breaks_a_rule(user, fields):
    movie = make_movie(user)
    values = {"movie": movie, "owner": user, "medium": "dvd", **fields}

    with pytest.raises(IntegrityError), transaction.atomic():
        Copy.objects.bulk_create([Copy(**values)])

    assert not Copy.objects.exists()


def test_the_database_takes_a_copy_that_is_only_a_title(user):
    movie = make_movie(user)

    Copy.objects.bulk_create([Copy(movie=movie, owner=user)])

    assert Copy.objects.get().kind == "movie"


def test_a_copy_reads_well_in_the_admin(user):
    movie = make_movie(user)

    assert str(Copy(movie=movie, owner=user, form="DVD", platform="Shelf")) == "DVD on Shelf"
    assert str(Copy(movie=movie, owner=user, medium="bluray")) == "bluray"
    assert str(Copy(movie=movie, owner=user)) == "copy"
