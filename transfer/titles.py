"""What transfer knows of each kind of title, derived from collection.models.TITLE_KINDS: its
model, its own fields, its outside ids, and its section in the export document."""

from django.db import models

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


def installed_kinds() -> list[str]:
    """The kinds of title this installation has, in the export's order."""
    return [kind for kind in SECTIONS if kind in TITLE_KINDS]
