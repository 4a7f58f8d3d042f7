"""TMDb collections ("The Matrix Collection"): which one each movie belongs to, and which films
of the collections the owner has a film of are missing. A collection's parts are public data,
cached for a day and shared by every user (tmdb.client); what a user owns is read per request.
"""

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from collection.services import collection_write
from movies.models import Movie
from tmdb import client as tmdb_client
from tmdb.errors import TMDbError, TMDbNotFound
from tmdb.payloads import positive_int, text, year

logger = logging.getLogger(__name__)
BATCH = 100


def collection_id_of(payload: dict) -> int | None:
    """The id of the collection a TMDb movie belongs to, from its details."""
    belongs = payload.get("belongs_to_collection")
    return positive_int(belongs.get("id")) if isinstance(belongs, dict) else None


def movie_collection_follow(*, movie: Movie) -> bool:
    """Record the movie's collection when TMDb's details of it are at hand (cached by the
    details proxy or a one-call add); False when they are not, and a backfill must ask."""
    if movie.tmdb_id is None:
        Movie.objects.filter(pk=movie.pk).update(
            tmdb_collection_id=None, tmdb_collection_checked=True
        )
        return True
    payload = tmdb_client.cached_movie_details(tmdb_id=movie.tmdb_id)
    fields = {"tmdb_collection_id": collection_id_of(payload) if payload else None,
              "tmdb_collection_checked": payload is not None}  # fmt: skip
    Movie.objects.filter(pk=movie.pk).update(**fields)
    return payload is not None


def movie_collections_backfill(*, movie_ids: list[int] | None = None) -> int:
    """Ask TMDb for the collection of every movie with a TMDb id whose collection is not
    known yet (of `movie_ids` alone, when given), in batches, each owner's under its write
    protocol. A TMDb failure leaves the movie for the next run. Answers how many it filled."""
    pending = Movie.objects.filter(tmdb_id__isnull=False, tmdb_collection_checked=False)
    if movie_ids is not None:
        pending = pending.filter(pk__in=movie_ids)
    filled, after = 0, 0
    while batch := list(
        pending.filter(pk__gt=after).order_by("pk").values_list("pk", "owner_id", "tmdb_id")[:BATCH]
    ):
        after = batch[-1][0]
        filled += _backfill_batch(batch)
    return filled


def _backfill_batch(batch: list[tuple[int, int, int]]) -> int:
    found: dict[int, tuple[int, int | None]] = {}
    for pk, owner_id, tmdb_id in batch:
        try:
            found[pk] = (owner_id, collection_id_of(tmdb_client.movie_details(tmdb_id=tmdb_id)))
        except TMDbNotFound:
            found[pk] = (owner_id, None)
        except TMDbError as error:
            logger.warning("TMDb collection of movie %d not known yet: %s", pk, error.reason)
    for owner_id in sorted({owner for owner, _ in found.values()}):
        with collection_write(owner_id=owner_id):
            for pk, (owner, collection_id) in found.items():
                if owner == owner_id:
                    Movie.objects.filter(pk=pk).update(
                        tmdb_collection_id=collection_id, tmdb_collection_checked=True
                    )
    return len(found)


def movie_collections(*, owner: AbstractBaseUser, incomplete: bool = False) -> list[dict[str, Any]]:
    """The TMDb collections the owner has at least one film of, by name, each with every part
    and whether (and as which movie) the owner has it. TMDb failures are raised."""
    owned = dict(
        Movie.objects.filter(owner=owner, tmdb_id__isnull=False).values_list("tmdb_id", "pk")
    )
    ids = Movie.objects.filter(owner=owner, tmdb_collection_id__isnull=False)
    collections = [
        _collection(tmdb_client.collection_details(collection_id=collection_id), owned)
        for collection_id in sorted(set(ids.values_list("tmdb_collection_id", flat=True)))
    ]
    if incomplete:
        collections = [c for c in collections if c["owned_count"] < c["total"]]
    return sorted(collections, key=lambda c: (c["name"].casefold(), c["tmdb_id"]))


def _collection(payload: dict, owned: dict[int, int]) -> dict[str, Any]:
    parts = sorted(payload["parts"], key=lambda p: (text(p.get("release_date")) or "9999", p["id"]))
    rows = [
        {
            "tmdb_id": part["id"],
            "title": text(part.get("title")),
            "release_year": int(year(part.get("release_date")) or 0) or None,
            "owned": part["id"] in owned,
            "movie": owned.get(part["id"]),
        }
        for part in parts
    ]
    return {
        "tmdb_id": payload["id"],
        "name": text(payload.get("name")),
        "owned_count": sum(row["owned"] for row in rows),
        "total": len(rows),
        "parts": rows,
    }


def collections_missing_films(owner: AbstractBaseUser) -> int:
    """How many of the owner's TMDb collections miss a film; collections TMDb cannot answer
    for just now are not counted."""
    owned = set(
        Movie.objects.filter(owner=owner, tmdb_id__isnull=False).values_list("tmdb_id", flat=True)
    )
    missing = 0
    ids = Movie.objects.filter(Q(owner=owner), Q(tmdb_collection_id__isnull=False))
    for collection_id in set(ids.values_list("tmdb_collection_id", flat=True)):
        try:
            parts = tmdb_client.collection_details(collection_id=collection_id)["parts"]
        except TMDbError:
            continue
        missing += any(part["id"] not in owned for part in parts)
    return missing
