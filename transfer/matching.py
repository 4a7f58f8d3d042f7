"""Finding the title a row names among the owner's, or making it: by its outside ids first,
then by its exact title and year (and author, for books). Nothing is ever guessed: a title
that letterboxd names is looked up on TMDb by title and exact year, and only a single exact
match is taken."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

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


def _author_matches(title: models.Model, author: str) -> bool:
    names = getattr(title, "authors", None)
    if not author or not isinstance(names, list):
        return True
    return any(author.casefold() in str(name).casefold() for name in names)


class TitleIndex:
    """The owner's titles that a batch's rows may name, read in one query per kind (by their
    outside ids and their lowercased titles), then matched as find_title would."""

    def __init__(self, owner_id: int, refs: list[TitleRef]) -> None:
        self.by_id: dict[tuple, models.Model] = {}
        self.by_name: dict[tuple, list[models.Model]] = {}
        for kind in {ref.kind for ref in refs if ref.kind in TITLE_KINDS}:
            self._read(owner_id, kind, [ref for ref in refs if ref.kind == kind])

    def _read(self, owner_id: int, kind: str, refs: list[TitleRef]) -> None:
        fields = set(title_fields(kind))
        names = [n for n in OUTSIDE_IDS if n in fields]
        wanted = Q(title_lower__in={ref.title.casefold() for ref in refs if ref.title})
        for name in names:
            values = {ref.ids[name] for ref in refs if ref.ids.get(name)}
            if values:
                wanted |= Q(**{f"{name}__in": values})
        titles = (
            title_model(kind).objects.filter(owner_id=owner_id).annotate(title_lower=Lower("title"))
        )
        for title in titles.filter(wanted).order_by("id"):
            self.add(kind, title)

    def add(self, kind: str, title: models.Model) -> None:
        for name in OUTSIDE_IDS:
            value = getattr(title, name, None)
            if value not in (None, ""):
                self.by_id.setdefault((kind, name, str(value)), title)
        self.by_name.setdefault((kind, title.title.casefold()), []).append(title)

    def find(self, ref: TitleRef) -> models.Model | None:
        for name in OUTSIDE_IDS:
            if ref.ids.get(name) and (ref.kind, name, str(ref.ids[name])) in self.by_id:
                return self.by_id[(ref.kind, name, str(ref.ids[name]))]
        year_field = TITLE_KINDS[ref.kind].year_field
        for title in self.by_name.get((ref.kind, ref.title.casefold()), []):
            if ref.year is not None and getattr(title, year_field) != ref.year:
                continue
            if _author_matches(title, ref.author):
                return title
        return None


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
