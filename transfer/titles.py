"""What transfer knows of each kind of title, derived from collection.models.TITLE_KINDS: its
model, its own fields, its outside ids, and its section in the export document."""

from django.db import models
from django.db.models import UniqueConstraint

from collection.copies import DETAIL_FIELDS
from collection.models import TITLE_KINDS, Copy

# The outside ids a title may carry, in the order the CSV shows them.
OUTSIDE_IDS = ("tmdb_id", "imdb_id", "tvdb_id", "isbn_13")
# The export document's title sections, each present (empty when the kind is not installed).
SECTIONS = {"movie": "movies", "show": "shows", "book": "books"}
# A copy's fields in the export: everything it records but its owner and its title.
COPY_FIELDS = ("id", *DETAIL_FIELDS, "location", "created_at", "updated_at")


def title_model(kind: str) -> type[models.Model]:
    return Copy._meta.get_field(TITLE_KINDS[kind].field).related_model


def title_fields(kind: str) -> list[str]:
    """The title's own fields (its id and timestamps included, its owner not)."""
    return [f.attname for f in title_model(kind)._meta.concrete_fields if f.name != "owner"]


def outside_ids(kind: str) -> list[str]:
    present = set(title_fields(kind))
    return [name for name in OUTSIDE_IDS if name in present]


def parts(kind: str) -> tuple[str, ...]:
    """The copy's fields that name a part of a title of this kind (a show's `season`)."""
    return TITLE_KINDS[kind].parts if kind in TITLE_KINDS else ()


def part_model(part: str) -> type[models.Model]:
    return Copy._meta.get_field(part).related_model


def part_number(kind: str, part: str) -> str:
    """The field that tells a part from its title's others (a season's `season_number`):
    the other field of its unique constraint with its title."""
    title = TITLE_KINDS[kind].field
    for constraint in part_model(part)._meta.constraints:
        if isinstance(constraint, UniqueConstraint) and title in constraint.fields:
            return next(f for f in constraint.fields if f != title)
    raise LookupError(f"{part} has no number among its {title}'s")


def part_fields(kind: str, part: str) -> list[str]:
    """A part's own fields: all but its owner and its title."""
    skip = {"owner", TITLE_KINDS[kind].field}
    return [f.attname for f in part_model(part)._meta.concrete_fields if f.name not in skip]


def copy_fields(kind: str) -> tuple[str, ...]:
    """A copy's fields in the export, with the parts its kind of title has."""
    return ("id", *DETAIL_FIELDS, *parts(kind), "location", "created_at", "updated_at")


def installed_kinds() -> list[str]:
    """The kinds of title this installation has, in the export's order."""
    return [kind for kind in SECTIONS if kind in TITLE_KINDS]
