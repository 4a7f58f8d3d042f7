"""Finding the title a row names among the owner's, or making it: by its outside ids first,
then by its exact title and year (and author, for books). Nothing is ever guessed: a title
that letterboxd names is looked up on TMDb by title and exact year, and only a single exact
match is taken."""

from typing import Any

from django.db import models

from collection.models import TITLE_KINDS
from movies.tmdb_mapping import movie_fields, search_results
from tmdb import client as tmdb_client
from transfer.sources.base import TitleRef
from transfer.titles import OUTSIDE_IDS, title_fields, title_model


def ref_key(ref: TitleRef) -> tuple:
    """The same key for two rows that name the same title."""
    for name in OUTSIDE_IDS:
        if ref.ids.get(name):
            return (ref.kind, name, str(ref.ids[name]))
    return (ref.kind, ref.title.casefold(), ref.year, ref.author.casefold())


def find_title(owner_id: int, ref: TitleRef) -> models.Model | None:
    model, fields = title_model(ref.kind), set(title_fields(ref.kind))
    owned = model.objects.filter(owner_id=owner_id).order_by("id")
    for name in OUTSIDE_IDS:
        if ref.ids.get(name) and name in fields:
            found = owned.filter(**{name: ref.ids[name]}).first()
            if found is not None:
                return found
    by_name: dict[str, Any] = {"title__iexact": ref.title}
    if ref.year is not None:
        by_name[TITLE_KINDS[ref.kind].year_field] = ref.year
    if ref.author and "authors" in fields:
        by_name["authors__icontains"] = ref.author
    return owned.filter(**by_name).first() if ref.title else None


def new_title(owner_id: int, ref: TitleRef) -> models.Model:
    """An unsaved title, its fields checked (a Django ValidationError names a bad one)."""
    model, fields = title_model(ref.kind), set(title_fields(ref.kind))
    values = {
        "title": ref.title,
        TITLE_KINDS[ref.kind].year_field: ref.year,
        **{k: v for k, v in ref.ids.items() if k in fields and v not in (None, "")},
        **{k: v for k, v in ref.fields.items() if k in fields},
    }
    title = model(owner_id=owner_id, **values)
    title.clean_fields(exclude=["owner"])
    return title


def same_title(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def tmdb_match(ref: TitleRef) -> tuple[TitleRef | None, str]:
    """The movie TMDb has under exactly this title and year, filled from its details; or
    None and why not (nothing found, or several equally good)."""
    if ref.year is None:
        return None, "Without a year, a film is not looked up."
    results = search_results(tmdb_client.search_movies(query=ref.title, year=ref.year))
    exact = [
        r for r in results
        if r["release_year"] == str(ref.year)
        and (same_title(r["title"], ref.title) or same_title(r["original_title"], ref.title))
    ]  # fmt: skip
    if not exact:
        return None, f"TMDb has no film titled {ref.title!r} from {ref.year}."
    if len(exact) > 1:
        ids = ", ".join(str(r["id"]) for r in exact)
        return None, f"Several TMDb films are titled {ref.title!r} from {ref.year} ({ids})."
    details = movie_fields(tmdb_client.movie_details(tmdb_id=exact[0]["id"]))
    found = TitleRef(
        kind=ref.kind, title=details["title"], year=details["release_year"] or ref.year
    )
    found.ids = {"tmdb_id": exact[0]["id"]}
    found.fields = {k: v for k, v in details.items() if v is not None and k != "tmdb_id"}
    return found, ""
