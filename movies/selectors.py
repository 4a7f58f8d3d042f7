"""Reads of the movies, shaped for the list endpoints without a model instance per row."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404

from collection.fragments import (
    CompiledQuery,
    FragmentSource,
    Rendered,
    RowVersion,
    fetch_all,
    fragment_json,
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


def movies_json(*, owner: AbstractBaseUser, movies: QuerySet[Movie] | None = None) -> bytes:
    """The JSON array of `movies` (the owner's, filtered and ordered; None: all of them, in
    the model's order), each with the owner's copies of it: assembled from fragments where
    rows have versions, else rendered whole."""
    whole = movies is None
    movies = _owned(owner) if whole else movies
    if fragments_enabled():
        versions = _whole_list_versions(owner) if whole else None
        return json_array_of(fragments(_movie_source(owner, movies, versions)))
    copies = MovieCopy.objects.filter(owner=owner)
    return movie_list_json(movies, copies.filter(movie__in=movies.order_by().values("pk")))


def movie_json(
    *, owner: AbstractBaseUser, movie_id: int | str, movies: QuerySet[Movie] | None = None
) -> bytes:
    """One of `movies` (None: the owner's) as the detail shows it (the same bytes as its
    place in the list); a 404 when it is not one of them."""
    whole = movies is None
    one = (_owned(owner) if whole else movies).filter(pk=movie_id)
    if fragments_enabled():
        versions = _one_movie_versions(owner, int(movie_id)) if whole else None
        found = fragments(_movie_source(owner, one, versions), whole_list=False)
    else:
        found = [fragment_json(row) for row in _plain_rows(owner, one)]
    if not found:
        raise Http404(f"No {Movie._meta.object_name} matches the given query.")
    return found[0]


def _owned(owner: AbstractBaseUser) -> QuerySet[Movie]:
    return Movie.objects.filter(owner=owner).order_by(*Movie._meta.ordering)


def _plain_rows(owner: AbstractBaseUser, movies: QuerySet[Movie]) -> list[dict[str, Any]]:
    return movie_rows(movies.values_list(*MOVIE_FIELDS), MovieCopy.objects.filter(owner=owner))


def _owned_copies(owner: Any, movies: QuerySet[Movie]) -> QuerySet[MovieCopy]:
    copies = MovieCopy.objects.filter(owner=owner, movie__in=movies.order_by().values("pk"))
    return copies.order_by("id")


def _version_keys(movies: list[tuple], copies: list[tuple]) -> list[tuple[int, tuple]]:
    """(movie id, (movie version, copy id, copy version, ...)) from rows of (id, version)
    and of (movie id, copy id, copy version), copies by id."""
    of_movie: dict[int, list[int]] = defaultdict(list)
    for movie_id, copy_id, version in copies:
        of_movie[movie_id] += (copy_id, version)
    empty: list[int] = []
    return [(id_, (version, *of_movie.get(id_, empty))) for id_, version in movies]


_WHOLE_LIST_MOVIES = CompiledQuery(lambda owner: _owned(owner).values_list("id", RowVersion()))
_WHOLE_LIST_COPIES = CompiledQuery(
    lambda owner: _owned_copies(owner, _owned(owner)).values_list("movie_id", "id", RowVersion())
)
_ONE_MOVIE = CompiledQuery(
    lambda owner, movie: (
        Movie.objects.filter(owner=owner, pk=movie)
        .annotate(own_copies=FilteredRelation("copies", condition=Q(copies__owner=owner)))
        .values_list("id", RowVersion(), "own_copies__id", RowVersion("own_copies__id"))
        .order_by("own_copies__id")
    )
)


def _whole_list_versions(owner: AbstractBaseUser) -> Callable[[], list[tuple[int, tuple]]]:
    return lambda: _version_keys(
        _WHOLE_LIST_MOVIES.rows(owner.pk), _WHOLE_LIST_COPIES.rows(owner.pk)
    )


def _one_movie_versions(owner: AbstractBaseUser, movie_id: int) -> Callable[[], list]:
    def versions() -> list[tuple[int, tuple]]:
        rows = _ONE_MOVIE.rows(owner.pk, movie_id)  # the movie, joined to each of its copies
        copies = [(movie, copy, version) for movie, _, copy, version in rows if copy is not None]
        return _version_keys([row[:2] for row in rows[:1]], copies)

    return versions


def _movie_source(
    owner: AbstractBaseUser,
    movies: QuerySet[Movie],
    versions: Callable[[], list[tuple[int, tuple]]] | None = None,
) -> FragmentSource:
    """A movie's fragment shows the movie's row and the owner's copies of it: its version is
    theirs, (movie, copy id, copy, copy id, copy, ...), copies by id. `versions` reads them
    (the queryset's, unless given)."""
    copies = _owned_copies(owner, movies)

    def versions_of_queryset() -> list[tuple[int, tuple]]:
        return _version_keys(
            fetch_all(movies.values_list("id", RowVersion())),
            fetch_all(copies.values_list("movie_id", "id", RowVersion())),
        )

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

    return FragmentSource("movie", owner.pk, versions or versions_of_queryset, render)


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
    return Rendered(row[0], key, fragment_json(movie))


def _ordering(movies: QuerySet[Movie]) -> tuple:
    query = movies.query
    return tuple(query.order_by) or (tuple(Movie._meta.ordering) if query.default_ordering else ())
