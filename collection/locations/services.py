"""Writes to an owner's tree of locations. Each runs after the collection's write protocol
(the API's CollectionWriteMixin), so the checks below see no concurrent change."""

from django.db.models.functions import Lower, Now
from rest_framework.exceptions import ValidationError

from collection.locations.selectors import (
    location_depth,
    location_descendants,
    location_height,
    location_parents,
)
from collection.models import MAX_LOCATION_DEPTH, Copy, Location
from mycoll.errors import Conflict

TOO_DEEP = f"Locations nest at most {MAX_LOCATION_DEPTH} levels deep."


def location_check_parent(*, owner_id: int, location_id: int | None, parent_id: int | None) -> None:
    """A 400 naming `parent` when the location would sit under itself or one of its own, or
    deeper than MAX_LOCATION_DEPTH levels."""
    if parent_id is None:
        return
    parents = location_parents(owner_id=owner_id)
    height = 1
    if location_id is not None:
        if parent_id in location_descendants(parents, location_id):
            raise ValidationError({"parent": ["A location cannot go under itself or under one "
                                              "of the locations it holds."]})  # fmt: skip
        height = location_height(parents, location_id)
    if location_depth(parents, parent_id) + height > MAX_LOCATION_DEPTH:
        raise ValidationError({"parent": [TOO_DEEP]})


def location_name_taken(
    *, owner_id: int, parent_id: int | None, name: str, exclude_id=None
) -> bool:
    siblings = Location.objects.filter(owner_id=owner_id, parent_id=parent_id).exclude(
        pk=exclude_id
    )
    return siblings.annotate(lower=Lower("name")).filter(lower=name.lower()).exists()


def location_delete(*, location: Location, move_to: Location | None) -> None:
    """Delete a location. One that holds copies or locations is a 409 saying how many,
    unless `move_to` names where they go: then they move there first."""
    copies = Copy.objects.filter(location=location).count()
    children = list(location.children.values_list("id", "name"))
    if move_to is not None and (copies or children):
        _move_contents(location=location, move_to=move_to, children=children)
    elif copies or children:
        raise Conflict(
            f"This location holds {_count(copies, 'copy', 'copies')} and "
            f"{_count(len(children), 'location', 'locations')}: move them, or name where they "
            "go with ?move_to=<location id>.",
            copies=copies,
            children=len(children),
        )
    location.delete()


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _move_contents(*, location: Location, move_to: Location, children: list[tuple]) -> None:
    parents = location_parents(owner_id=location.owner_id)
    if move_to.pk in location_descendants(parents, location.pk):
        raise ValidationError({"move_to": ["The contents cannot move into the location being "
                                           "deleted or one it holds."]})  # fmt: skip
    for child_id, name in children:
        depth = location_depth(parents, move_to.pk) + location_height(parents, child_id)
        if depth > MAX_LOCATION_DEPTH:
            raise Conflict(f"Moving {name!r} there: {TOO_DEEP}")
        if location_name_taken(owner_id=move_to.owner_id, parent_id=move_to.pk, name=name):
            raise Conflict(f"{move_to.name!r} already holds a location named {name!r}.")
    Copy.objects.filter(location=location).update(location=move_to, updated_at=Now())
    location.children.update(parent=move_to, updated_at=Now())
