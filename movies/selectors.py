"""Reads of the movies, shaped for the list endpoints without a model instance per row."""

from collections import defaultdict
from typing import Any

import orjson
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404

from collection.fragments import (
    FragmentSource,
    Rendered,
    RowVersion,
    fetch_all,
    fragments,
    fragments_enabled,
    json_array_of,
)
from collection.listing import TitleListing
from collection.rendering import CHUNK
from movies.models import MOVIE_FIELDS, Movie, MovieCopy

MOVIES = TitleListing("movie", MOVIE_FIELDS)
COPY_COLUMNS = MOVIES.copy_columns
copy_rows = MOVIES.copy_rows
movie_rows = MOVIES.title_rows
movie_list_json = MOVIES.title_list_json
copy_list_json = MOVIES.copy_list_json


def movie_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    movies = Movie.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return movies.values_list("pk", flat=True).first()


def movies_json(*, owner: AbstractBaseUser, movies: QuerySet[Movie]) -> bytes:
    """The JSON array of `movies` (the owner's, filtered and ordered), each with the owner's
    copies of it: assembled from fragments where rows have versions, else rendered whole."""
    if fragments_enabled():
        return json_array_of(fragments(_movie_source(owner, movies)))
    copies = MovieCopy.objects.filter(owner=owner)
    return movie_list_json(movies, copies.filter(movie__in=movies.order_by().values("pk")))


def movie_json(*, owner: AbstractBaseUser, movies: QuerySet[Movie], movie_id: int | str) -> bytes:
    """One of `movies` as the detail shows it (the same bytes as its place in the list); a 404
    when it is not one of them."""
    one = movies.filter(pk=movie_id)
    if fragments_enabled():
        found = fragments(_movie_source(owner, one), whole_list=False)
    else:
        found = [orjson.dumps(row, option=orjson.OPT_UTC_Z) for row in _plain_rows(owner, one)]
    if not found:
        raise Http404(f"No {Movie._meta.object_name} matches the given query.")
    return found[0]


def _plain_rows(owner: AbstractBaseUser, movies: QuerySet[Movie]) -> list[dict[str, Any]]:
    return movie_rows(movies.values_list(*MOVIE_FIELDS), MovieCopy.objects.filter(owner=owner))


def _movie_source(owner: AbstractBaseUser, movies: QuerySet[Movie]) -> FragmentSource:
    """A movie's fragment shows the movie's row and the owner's copies of it: its version is
    theirs, (movie, copy id, copy, copy id, copy, ...), copies by id."""
    copies = MovieCopy.objects.filter(owner=owner, movie__in=movies.order_by().values("pk"))
    copies = copies.order_by("id")

    def versions() -> list[tuple[int, tuple]]:
        of_movie: dict[int, list[int]] = defaultdict(list)
        for movie_id, copy_id, version in fetch_all(
            copies.values_list("movie_id", "id", RowVersion())
        ):
            of_movie[movie_id] += (copy_id, version)
        empty: list[int] = []
        rows = fetch_all(movies.values_list("id", RowVersion()))
        return [(id_, (version, *of_movie.get(id_, empty))) for id_, version in rows]

    def render(ids: list[int] | None) -> list[Rendered]:
        if ids is not None:
            return _render_few(owner, ids)
        grouped = MOVIES.copies_by_title(
            copies.values_list(*COPY_COLUMNS, RowVersion()).iterator(chunk_size=CHUNK)
        )
        return [
            _rendered(row, grouped.pop(row[0], ()))
            for row in movies.values_list(*MOVIE_FIELDS, RowVersion()).iterator(CHUNK)
        ]

    return FragmentSource("movie", owner.pk, versions, render)


# A few movies with their copies in one query: the movie's columns, then a copy's (or NULLs).
_JOINED_COPY = tuple(
    "id" if column == "movie_id" else f"own_copies__{column}" for column in COPY_COLUMNS
)


def _render_few(owner: AbstractBaseUser, ids: list[int]) -> list[Rendered]:
    own = FilteredRelation("copies", condition=Q(copies__owner=owner))
    rows = (
        Movie.objects.filter(owner=owner, pk__in=ids)
        .annotate(own_copies=own)
        .values_list(*MOVIE_FIELDS, RowVersion(), *_JOINED_COPY, RowVersion("own_copies__id"))
        .order_by("id", "own_copies__id")
    )
    width = len(MOVIE_FIELDS) + 1
    movies: dict[int, tuple] = {}
    copies: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        movies[row[0]] = row[:width]
        if row[width] is not None:
            copies[row[0]].append(row[width:])
    return [_rendered(movie, copies.get(id_, [])) for id_, movie in movies.items()]


def _rendered(row: tuple, copies: list[tuple]) -> Rendered:
    """A movie's fragment, from a row of MOVIE_FIELDS and each of its copies' COPY_COLUMNS,
    each row ending with its version."""
    *fields, version = row
    movie = MOVIES.title(tuple(fields), [copy[:-1] for copy in copies])
    key = (version, *(part for copy in copies for part in (copy[0], copy[-1])))
    return Rendered(row[0], key, orjson.dumps(movie, option=orjson.OPT_UTC_Z))


def _ordering(movies: QuerySet[Movie]) -> tuple:
    query = movies.query
    return tuple(query.order_by) or (tuple(Movie._meta.ordering) if query.default_ordering else ())
