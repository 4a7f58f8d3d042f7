"""Reads of the movies, shaped for the list endpoints without a model instance per row."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404

from collection.copies import legacy_columns, legacy_copy_shape
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
from collection.rendering import CHUNK, json_array
from movies.models import MOVIE_FIELDS, Movie, MovieCopy

COPY_COLUMNS = legacy_columns("movie")
copy_shape = legacy_copy_shape("movie")


def movie_id_for_tmdb_id(
    *, owner: AbstractBaseUser, tmdb_id: int, exclude_id: int | None = None
) -> int | None:
    movies = Movie.objects.filter(owner=owner, tmdb_id=tmdb_id).exclude(pk=exclude_id)
    return movies.values_list("pk", flat=True).first()


def _movie(row: tuple, copies: Iterable[tuple]) -> dict[str, Any]:
    *fields, created_at, updated_at = row
    return {
        **dict(zip(MOVIE_FIELDS[:-2], fields, strict=True)),
        "copies": [copy_shape(copy) for copy in copies],
        "created_at": created_at,
        "updated_at": updated_at,
    }


def _copies_by_movie(copies: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for row in copies:
        grouped[row[1]].append(row)
    return grouped


def copy_rows(copies: Iterable[tuple]) -> list[dict[str, Any]]:
    """Copies as the legacy endpoints show them, from `values_list(*COPY_COLUMNS)` rows."""
    return [copy_shape(row) for row in copies]


def movie_rows(movies: Iterable[tuple], copies: QuerySet[MovieCopy]) -> list[dict[str, Any]]:
    """Movies as the API shows them, from `values_list(*MOVIE_FIELDS)` rows, each with its
    copies: two queries for any number."""
    grouped = _copies_by_movie(copies.order_by("id").values_list(*COPY_COLUMNS))
    return [_movie(row, grouped.get(row[0], ())) for row in movies]


def movie_list_json(movies: QuerySet[Movie], copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `movie_rows`, built a chunk at a time: a worker never holds a Python
    object for every movie of a large collection at once, only the tuples of their copies."""
    rows = copies.order_by("id").values_list(*COPY_COLUMNS).iterator(chunk_size=CHUNK)
    grouped = _copies_by_movie(rows)
    rows = (
        _movie(row, grouped.pop(row[0], ()))
        for row in movies.values_list(*MOVIE_FIELDS).iterator(chunk_size=CHUNK)
    )
    return json_array(rows)


def copy_list_json(copies: QuerySet[MovieCopy]) -> bytes:
    """The JSON array of `copy_rows`, built a chunk at a time."""
    return json_array(copy_shape(row) for row in copies.values_list(*COPY_COLUMNS).iterator(CHUNK))


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
        grouped = _copies_by_movie(
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
    movie = _movie(tuple(fields), [copy[:-1] for copy in copies])
    key = (version, *(part for copy in copies for part in (copy[0], copy[-1])))
    return Rendered(row[0], key, fragment_json(movie))


def _ordering(movies: QuerySet[Movie]) -> tuple:
    query = movies.query
    return tuple(query.order_by) or (tuple(Movie._meta.ordering) if query.default_ordering else ())
