"""Reads of an owner's tree of locations: one query for the tree, one for its copy counts."""

from collections import defaultdict
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count

from collection.models import Copy, Location

NODE_FIELDS = ("id", "name", "parent_id", "kind", "notes")


def location_parents(*, owner_id: int) -> dict[int, int | None]:
    """Every location of the owner, with its parent's id."""
    return dict(Location.objects.filter(owner_id=owner_id).values_list("id", "parent_id"))


def location_depth(parents: dict[int, int | None], location_id: int | None) -> int:
    """Its level in the tree, a root being 1; 0 for no location (above the roots)."""
    depth = 0
    while location_id is not None:
        depth += 1
        location_id = parents[location_id]
    return depth


def location_descendants(parents: dict[int, int | None], location_id: int) -> set[int]:
    """The location and every location under it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        children[parent].append(child)
    found, pending = set(), [location_id]
    while pending:
        node = pending.pop()
        found.add(node)
        pending.extend(children[node])
    return found


def location_height(parents: dict[int, int | None], location_id: int) -> int:
    """How many levels the location's subtree takes, itself included."""
    below = location_descendants(parents, location_id)
    return 1 + max(
        location_depth(parents, node) - location_depth(parents, location_id) for node in below
    )


def location_tree(*, owner: AbstractBaseUser) -> list[dict[str, Any]]:
    """The roots, each with its `children`, and every node with `copy_count` (its own copies)
    and `total_copy_count` (its own and those under it)."""
    rows = Location.objects.filter(owner=owner).order_by("name", "id").values_list(*NODE_FIELDS)
    counts = dict(
        Copy.objects.filter(owner=owner, location__isnull=False)
        .values("location_id")
        .annotate(n=Count("id"))
        .values_list("location_id", "n")
    )
    nodes = {row[0]: _node(row, counts.get(row[0], 0)) for row in rows}
    roots = []
    for node in nodes.values():
        parent = node["parent"]
        (nodes[parent]["children"] if parent is not None else roots).append(node)
    for root in roots:
        _add_totals(root)
    return roots


def _node(row: tuple, copy_count: int) -> dict[str, Any]:
    node = dict(zip(("id", "name", "parent", "kind", "notes"), row, strict=True))
    return {**node, "copy_count": copy_count, "total_copy_count": copy_count, "children": []}


def _add_totals(node: dict[str, Any]) -> int:
    node["total_copy_count"] = node["copy_count"] + sum(_add_totals(c) for c in node["children"])
    return node["total_copy_count"]
