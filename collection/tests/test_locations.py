"""locations/: a tree of places, its counts, moves and deletes."""

import pytest
from django.db import IntegrityError, transaction

from collection.models import Copy, Location
from collection.tests.factories import make_location
from movies.tests.factories import make_copy, make_movie

pytestmark = pytest.mark.django_db

PATH = "/api/v1/locations/"


def post(client, **body):
    return client.post(PATH, body, format="json")


def tree(client) -> dict[str, tuple[int, int]]:
    """Each node's name with its (copy_count, total_copy_count), walked depth first."""
    found: dict[str, tuple[int, int]] = {}

    def walk(nodes):
        for node in nodes:
            found[node["name"]] = (node["copy_count"], node["total_copy_count"])
            walk(node["children"])

    response = client.get(PATH, {"tree": 1})
    assert response.status_code == 200
    walk(response.json())
    return found


@pytest.fixture
def house(user):
    living = make_location(user, "Living room", kind="room")
    study = make_location(user, "Study", kind="room")
    shelf = make_location(user, "Shelf 2", parent=living, kind="shelf")
    box = make_location(user, "Box A", parent=shelf, kind="box")
    movie = make_movie(user)
    for location in (living, shelf, box, box):
        make_copy(movie, location=location)
    return {"living": living, "study": study, "shelf": shelf, "box": box}


def test_it_builds_a_tree_and_puts_copies_in_it(owner_client, user):
    room = post(owner_client, name="Living room", kind="room").json()
    shelf = post(owner_client, name="Shelf 2", parent=room["id"], kind="shelf").json()
    box = post(owner_client, name="Box A", parent=shelf["id"]).json()
    copy = make_copy(make_movie(user))

    placed = owner_client.patch(f"/api/v1/copies/{copy.pk}", {"location": box["id"]}, format="json")

    assert box == {"id": box["id"], "name": "Box A", "parent": shelf["id"], "kind": "other",
                   "notes": ""}  # fmt: skip
    assert placed.json()["location"] == box["id"]
    assert tree(owner_client) == {"Living room": (0, 1), "Shelf 2": (0, 1), "Box A": (1, 1)}
    flat = owner_client.get(PATH).json()
    assert [node["name"] for node in flat] == ["Box A", "Living room", "Shelf 2"]


def test_moving_a_shelf_to_another_room_moves_its_counts(owner_client, house):
    before = tree(owner_client)

    moved = owner_client.patch(
        f"{PATH}{house['shelf'].pk}", {"parent": house["study"].pk}, format="json"
    )

    assert moved.status_code == 200
    assert before["Living room"] == (1, 4) and before["Study"] == (0, 0)
    after = tree(owner_client)
    assert after["Living room"] == (1, 1) and after["Study"] == (0, 3)
    assert after["Shelf 2"] == (1, 3) and after["Box A"] == (2, 2)


@pytest.mark.parametrize("target", ["shelf", "box"])
def test_a_location_cannot_go_under_itself_or_its_own(owner_client, house, target):
    response = owner_client.patch(
        f"{PATH}{house['shelf'].pk}", {"parent": house[target].pk}, format="json"
    )

    assert response.status_code == 400 and list(response.json()) == ["parent"]
    assert Location.objects.get(pk=house["shelf"].pk).parent_id == house["living"].pk


def test_the_tree_is_at_most_six_levels_deep(owner_client, user, house):
    parent = house["box"]  # level 3
    for level in (4, 5, 6):
        parent = make_location(user, f"Level {level}", parent=parent)

    too_deep = post(owner_client, name="Level 7", parent=parent.pk)
    moved_too_deep = owner_client.patch(
        f"{PATH}{house['study'].pk}", {"parent": parent.pk}, format="json"
    )
    desk = make_location(user, "Desk", parent=house["study"])
    subtree_too_deep = owner_client.patch(
        f"{PATH}{house['shelf'].pk}", {"parent": desk.pk}, format="json"
    )  # the shelf holds five levels: under a level 2, its last would be level 7
    subtree_fits = owner_client.patch(
        f"{PATH}{house['shelf'].pk}", {"parent": house["study"].pk}, format="json"
    )

    assert too_deep.status_code == moved_too_deep.status_code == 400
    assert subtree_too_deep.status_code == 400
    assert list(too_deep.json()) == list(subtree_too_deep.json()) == ["parent"]
    assert subtree_fits.status_code == 200
    assert Location.objects.count() == 8


def test_names_are_unique_among_siblings_ignoring_case(owner_client, house):
    clash = post(owner_client, name="shelf 2", parent=house["living"].pk)
    root_clash = post(owner_client, name="STUDY")
    elsewhere = post(owner_client, name="Shelf 2", parent=house["study"].pk)
    renamed = owner_client.patch(
        f"{PATH}{house['study'].pk}", {"name": "living ROOM"}, format="json"
    )

    assert clash.status_code == root_clash.status_code == renamed.status_code == 400
    assert list(clash.json()) == list(root_clash.json()) == list(renamed.json()) == ["name"]
    assert elsewhere.status_code == 201


@pytest.mark.parametrize("parent", [None, "living"])
def test_the_database_refuses_a_sibling_of_the_same_name(user, house, parent):
    parent = house[parent] if parent else None
    name = "SHELF 2" if parent else "study"

    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.create(owner=user, name=name, parent=parent)


@pytest.mark.parametrize(
    ("body", "field"),
    [({"name": ""}, "name"), ({"name": "x" * 101}, "name"), ({"name": "A", "kind": "cupboard"},
     "kind"), ({"name": "A", "parent": 10**9}, "parent")],
)  # fmt: skip
def test_a_bad_location_is_a_400_naming_the_field(owner_client, body, field):
    response = post(owner_client, **body)

    assert response.status_code == 400 and list(response.json()) == [field]
    assert not Location.objects.exists()


def test_a_full_location_is_a_409_saying_how_much_it_holds(owner_client, house):
    response = owner_client.delete(f"{PATH}{house['shelf'].pk}")

    assert response.status_code == 409
    assert response.json()["copies"] == 1 and response.json()["children"] == 1
    assert Location.objects.filter(pk=house["shelf"].pk).exists()


def test_deleting_with_move_to_moves_everything_in_one_go(owner_client, house):
    response = owner_client.delete(f"{PATH}{house['shelf'].pk}?move_to={house['study'].pk}")

    assert response.status_code == 204
    assert not Location.objects.filter(pk=house["shelf"].pk).exists()
    assert Location.objects.get(pk=house["box"].pk).parent_id == house["study"].pk
    assert tree(owner_client)["Study"] == (1, 3)
    assert Copy.objects.count() == 4


def test_an_empty_location_is_deleted(owner_client, house):
    assert owner_client.delete(f"{PATH}{house['study'].pk}").status_code == 204
    assert not Location.objects.filter(pk=house["study"].pk).exists()


@pytest.mark.parametrize("target", ["shelf", "box", "theirs", "missing"])
def test_a_bad_move_to_is_a_400_naming_it(owner_client, other_user, house, target):
    ids = {"theirs": make_location(other_user, "Theirs").pk, "missing": 10**9}
    move_to = ids.get(target) or house[target].pk

    response = owner_client.delete(f"{PATH}{house['shelf'].pk}?move_to={move_to}")

    assert response.status_code == 400 and list(response.json()) == ["move_to"]
    assert Location.objects.filter(pk=house["shelf"].pk).exists()


def test_a_move_to_that_would_clash_or_go_too_deep_is_a_409(owner_client, user, house):
    make_location(user, "BOX a", parent=house["study"])
    clash = owner_client.delete(f"{PATH}{house['shelf'].pk}?move_to={house['study'].pk}")
    deep = house["box"]
    for level in (4, 5, 6):
        deep = make_location(user, f"Level {level}", parent=deep)
    make_location(user, "Desk", parent=house["study"])
    too_deep = owner_client.delete(f"{PATH}{house['study'].pk}?move_to={deep.pk}")

    assert clash.status_code == too_deep.status_code == 409
    assert "Box A" in clash.json()["detail"] and "levels" in too_deep.json()["detail"]
    assert Location.objects.filter(pk__in=[house["shelf"].pk, house["study"].pk]).count() == 2


def test_copies_filter_by_location_and_what_is_under_it(owner_client, house):
    def names(query):
        response = owner_client.get("/api/v1/copies/", query)
        assert response.status_code == 200, response.content
        return sorted(c["location"] for c in response.json())

    assert names({"location": house["living"].pk}) == sorted(
        [house["living"].pk, house["shelf"].pk, house["box"].pk, house["box"].pk]
    )
    assert names({"location": house["shelf"].pk, "direct": 1}) == [house["shelf"].pk]
    assert names({"location": house["study"].pk}) == []


def test_another_users_location_is_refused_like_a_missing_one(owner_client, user, other_user):
    theirs = make_location(other_user, "Theirs")
    copy = make_copy(make_movie(user))

    placed = owner_client.patch(f"/api/v1/copies/{copy.pk}", {"location": theirs.pk}, format="json")
    missing = owner_client.patch(f"/api/v1/copies/{copy.pk}", {"location": 10**9}, format="json")
    filtered = owner_client.get("/api/v1/copies/", {"location": theirs.pk})
    filtered_missing = owner_client.get("/api/v1/copies/", {"location": 10**9})

    assert placed.status_code == missing.status_code == 400
    assert placed.json()["location"][0] == missing.json()["location"][0].replace(
        str(10**9), str(theirs.pk)
    )
    assert filtered.status_code == filtered_missing.status_code == 400
    assert Copy.objects.get().location_id is None
