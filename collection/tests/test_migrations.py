"""Existing copies move into the one copy table: each gets its medium from its form, keeps its
id, and nothing else of it changes, `updated_at` included."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("movies", "0001_initial"), ("collection", None)]
AFTER = [("collection", "0003_medium_from_form"), ("movies", "0002_copies_move_to_collection")]
FORMS = {"4K UHD": "uhd_bluray", "Blu Ray": "bluray", "dvd": "dvd", "Streaming": "digital",
         "VHS": "other"}  # fmt: skip
WHEN = datetime(2020, 5, 17, 8, 30, tzinfo=UTC)


def migrate(targets: list | None = None) -> object:
    """Migrate to `targets`; with none, to the latest migrations."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets or executor.loader.graph.leaf_nodes()).apps


@pytest.fixture(autouse=True)
def _latest_schema_afterwards():
    yield
    migrate()


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    # Later migrations (a new kind of title's) must be there again for the tests that follow.
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    migrate(executor.loader.graph.leaf_nodes())


def test_existing_copies_get_their_medium_and_keep_everything_else(django_user_model):
    old = migrate(BEFORE)
    owner = old.get_model("auth", "User").objects.create(username="ada")
    movie = old.get_model("movies", "Movie").objects.create(
        owner_id=owner.pk, title="Sphere", release_year=1998
    )
    old_copies = old.get_model("movies", "MovieCopy").objects
    for form in FORMS:
        old_copies.create(movie_id=movie.pk, owner_id=owner.pk, platform="Shelf", form=form)
    old_copies.update(updated_at=WHEN)
    before = list(old_copies.order_by("pk").values("pk", "platform", "form", "vod_link"))

    new = migrate(AFTER)

    copies = new.get_model("collection", "Copy").objects.order_by("pk")
    fields = ("pk", "platform", "form", "vod_link")
    assert list(copies.values(*fields)) == before
    assert {c.form: c.medium for c in copies} == FORMS
    assert {c.updated_at for c in copies} == {WHEN}
    assert all(c.movie_id == movie.pk and c.owner_id == owner.pk for c in copies)
