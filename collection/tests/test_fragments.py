"""Lists assembled from each title's fragment (PostgreSQL): the same bytes as a list rendered
whole, never a stale title after any write whatever made it, never another user's title, and
only what changed rendered again. On SQLite lists are rendered whole: the same tests hold."""

from datetime import date

import orjson
import pytest
from django.db import connection, connections, transaction

from collection import fragments
from collection.copies import COLUMNS, copy_from_row, with_columns
from collection.fragments import STORE, FragmentStore, Rendered
from collection.models import Copy, Loan
from collection.rendering import json_array
from collection.services import collection_write
from collection.tests.factories import make_loan, make_location
from collection.tests.scenarios import RICH
from movies import selectors
from movies.models import Movie, MovieCopy
from movies.tests.factories import admin_change_form, make_collection, make_copy, make_movie

# Transactional: as in production, reads run outside any transaction (fragments need that).
pytestmark = pytest.mark.django_db(transaction=True)

MOVIES, COPIES = "/api/v1/movies/", "/api/v1/copies/"
AWKWARD = 'Ünïcödé "quoted" \\ back\\slash \t tab \n newline \x01 \x1f \u2028 😀'
ESCAPED = orjson.dumps(AWKWARD)[1:-1]


def rendered_whole(user) -> dict[str, bytes]:
    """Each list as the plain path renders it, every row read afresh."""
    movies = Movie.objects.filter(owner=user).order_by("title", "id")
    copies = with_columns(Copy.objects.filter(owner=user)).order_by("title", "id")
    return {
        MOVIES: selectors.movie_list_json(movies, MovieCopy.objects.filter(owner=user)),
        COPIES: json_array(map(copy_from_row, copies.values_list(*COLUMNS))),
    }


def listed(client) -> dict[str, bytes]:
    answers = {path: client.get(path) for path in (MOVIES, COPIES)}
    assert {a.status_code for a in answers.values()} == {200}
    return {path: answer.content for path, answer in answers.items()}


@pytest.fixture
def collection(user):
    sphere = make_movie(user, title=AWKWARD, overview=AWKWARD, tmdb_id=10153)
    make_copy(sphere, **RICH, vod_link="https://example.com/watch", platform=AWKWARD)
    make_copy(sphere, form="Blu-ray", extra={"nested": "no", "n": 1.5})
    make_loan(make_copy(make_movie(user, title="Alien", release_year=1979)), borrower=AWKWARD)
    make_movie(user, title="No copies", runtime_minutes=None, mpaa_rating="")
    make_collection(user, movies=30, copies=2)
    return sphere


def test_it_lists_the_same_bytes_from_fragments_as_rendered_whole(owner_client, user, collection):
    cold = listed(owner_client)
    owner_client.patch(f"/api/v1/movies/{collection.pk}", {"release_year": 1999}, format="json")
    warm = listed(owner_client)

    expected = rendered_whole(user)
    assert warm == expected
    assert cold[MOVIES] != warm[MOVIES] and cold[COPIES] != warm[COPIES]
    assert ESCAPED in warm[MOVIES] and b'"year":1999' in warm[COPIES]


def test_it_shows_a_movie_with_the_bytes_of_its_place_in_the_list(owner_client, collection):
    listed(owner_client)
    list_item = next(
        item for item in owner_client.get(MOVIES).json() if item["id"] == collection.pk
    )
    detail = owner_client.get(f"/api/v1/movies/{collection.pk}")

    assert detail.json() == list_item
    assert detail.content in owner_client.get(MOVIES).content


def _writes(user, sphere: Movie, client, superuser_client) -> dict:
    copy = sphere.copies.order_by("id").first()

    def in_protocol(change):
        def write():
            with collection_write(owner_id=user.pk):
                change()

        return write

    return {
        "api: movie patched": lambda: client.patch(
            f"/api/v1/movies/{sphere.pk}", {"title": "Patched"}, format="json"
        ),
        "api: copy added": lambda: client.post(
            "/api/v1/movies/copies/",
            {"movie": sphere.pk, "platform": "Attic", "form": "VHS"},
            format="json",
        ),
        "api: rich copy patched": lambda: client.patch(
            f"/api/v1/copies/{copy.pk}", {"notes": "Scratched", "price": "3.50"}, format="json"
        ),
        "api: copy deleted": lambda: client.delete(f"/api/v1/movies/copies/{copy.pk}"),
        "api: movie deleted": lambda: client.delete(f"/api/v1/movies/{sphere.pk}"),
        "api: copy lent": lambda: client.post(
            "/api/v1/loans/", {"copy": copy.pk, "borrower": "Grace"}, format="json"
        ),
        "admin: movie and copy edited": lambda: superuser_client.post(
            f"/admin/movies/movie/{sphere.pk}/change/",
            admin_change_form(sphere, copy, title="Edited", copy_form="Laserdisc"),
        ),
        "queryset update of a title": in_protocol(
            lambda: Movie.objects.filter(pk=sphere.pk).update(release_year=1901)
        ),
        "queryset update of a copy": in_protocol(
            lambda: Copy.objects.filter(pk=copy.pk).update(edition="Raw")
        ),
        "raw SQL": in_protocol(
            lambda: connection.cursor().execute(
                "UPDATE collection_copy SET platform = 'SQL' WHERE id = %s", [copy.pk]
            )
        ),
        "copy moved to a location": in_protocol(
            lambda: Copy.objects.filter(pk=copy.pk).update(location=make_location(user, "Box"))
        ),
    }


@pytest.mark.parametrize(
    "write",
    [
        "api: movie patched",
        "api: copy added",
        "api: rich copy patched",
        "api: copy deleted",
        "api: movie deleted",
        "api: copy lent",
        "admin: movie and copy edited",
        "queryset update of a title",
        "queryset update of a copy",
        "raw SQL",
        "copy moved to a location",
    ],
)
def test_it_never_lists_a_stale_title_after_a_write(
    owner_client, superuser_client, user, collection, write
):
    before = listed(owner_client)
    listed(owner_client)  # every fragment kept, the answers cached

    response = _writes(user, collection, owner_client, superuser_client)[write]()

    assert response is None or response.status_code < 400
    after = listed(owner_client)
    assert after == rendered_whole(user)
    assert after != before


def test_it_lists_a_returned_loan_at_once(owner_client, user, collection):
    copy = MovieCopy.objects.filter(owner=user, movie__title="Alien").get()
    listed(owner_client)
    loan = Loan.objects.get(copy=copy)

    returned = owner_client.post(f"/api/v1/loans/{loan.pk}/return")

    assert returned.status_code == 200
    assert listed(owner_client) == rendered_whole(user)
    assert b"Grace" not in listed(owner_client)[COPIES]


def test_it_never_lists_another_users_title(
    owner_client, other_client, user, other_user, collection
):
    theirs = make_movie(other_user, title="Theirs")
    make_copy(theirs)
    listed(owner_client), listed(other_client)

    with collection_write(owner_id=user.pk), collection_write(owner_id=other_user.pk):
        Movie.objects.filter(pk=collection.pk).update(owner=other_user)
        Copy.objects.filter(movie=collection).update(owner=other_user)

    mine, others = listed(owner_client), listed(other_client)
    assert mine == rendered_whole(user) and others == rendered_whole(other_user)
    assert ESCAPED not in mine[MOVIES] and ESCAPED in others[MOVIES]
    assert b"Theirs" not in mine[MOVIES] + mine[COPIES]


def test_it_renders_again_only_the_titles_that_changed(
    owner_client, user, collection, monkeypatch, django_assert_max_num_queries
):
    listed(owner_client)
    rendered = []
    real = selectors._rendered
    monkeypatch.setattr(selectors, "_rendered", lambda *a: rendered.append(a[0][0]) or real(*a))
    owner_client.patch(f"/api/v1/movies/{collection.pk}", {"title": "Changed"}, format="json")

    # The user with their version, the list's row versions, the changed movie, its copies.
    with django_assert_max_num_queries(4):
        response = owner_client.get(MOVIES)

    assert b"Changed" in response.content
    assert rendered == ([collection.pk] if fragments.fragments_enabled() else [])


@pytest.mark.parametrize("path", [MOVIES, COPIES])
def test_it_lists_in_four_round_trips_at_most_without_a_server_side_cursor(
    owner_client, user, collection, path, monkeypatch, django_assert_max_num_queries
):
    named = []
    backend = type(connections["default"])
    real = backend.create_cursor
    monkeypatch.setattr(
        backend, "create_cursor", lambda self, name=None: named.append(name) or real(self, name)
    )

    with django_assert_max_num_queries(4):
        cold = owner_client.get(path)
    owner_client.patch(f"/api/v1/movies/{collection.pk}", {"title": "Changed"}, format="json")
    with django_assert_max_num_queries(4):
        after_a_write = owner_client.get(path)

    assert cold.status_code == after_a_write.status_code == 200
    assert set(named) == {None}


def test_it_keeps_no_fragment_read_inside_a_transaction(user, collection):
    movies = Movie.objects.filter(owner=user).order_by("title", "id")

    with transaction.atomic():
        inside = selectors.movies_json(owner=user, movies=movies)

    assert inside == rendered_whole(user)[MOVIES]
    assert not STORE._entries


def test_the_store_keeps_the_newest_within_its_budget(settings):
    settings.COLLECTION_FRAGMENT_BYTES = 10 * (100 + fragments.ENTRY_OVERHEAD)
    store = FragmentStore()

    store.put("movie", [Rendered(n, n, b"x" * 100) for n in range(12)], now=1.0)

    kept = [n for n in range(12) if store.get("movie", n, n, born_after=0.0)]
    assert kept == list(range(5, 12))
    assert store.get("movie", 11, "another version", born_after=0.0) is None
    assert store.get("movie", 11, 11, born_after=2.0) is None


def test_a_copys_loan_due_date_is_in_its_fragment(owner_client, user, collection):
    copy = MovieCopy.objects.filter(owner=user, movie__title="Alien").get()
    listed(owner_client)

    with collection_write(owner_id=user.pk):
        Loan.objects.filter(copy=copy).update(due_on=date(2027, 1, 1))

    assert b'"due_on":"2027-01-01"' in listed(owner_client)[COPIES]


@pytest.mark.parametrize("count", [0, 1, 2])
def test_it_joins_fragments_into_the_array_orjson_writes(count):
    items = [{"id": n, "title": AWKWARD} for n in range(count)]

    joined = fragments.json_array_of([orjson.dumps(item) for item in items])

    assert joined == orjson.dumps(items)


def test_a_compiled_query_reads_as_its_queryset_for_any_values(user, other_user):
    mine = make_copy(
        make_movie(user), price="9.99", currency="EUR", extra={"a": 1}, acquired_on="2024-01-02"
    )
    theirs = make_copy(make_movie(other_user, title="Theirs"))
    compiled = fragments.CompiledQuery(
        lambda owner, pk: with_columns(Copy.objects.filter(owner=owner, pk=pk)).values_list(
            *COLUMNS
        )
    )

    for owner, copy in ((user, mine), (other_user, theirs), (user, theirs)):
        expected = with_columns(Copy.objects.filter(owner=owner, pk=copy.pk)).values_list(*COLUMNS)
        assert compiled.rows(owner.pk, copy.pk) == list(expected)
    assert compiled.rows(user.pk, mine.pk)[0][COLUMNS.index("extra")] == {"a": 1}
