import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import ParseError
from rest_framework.filters import SearchFilter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from movies.filters import MovieCopyFilter, MovieFilter, StrictOrderingFilter
from movies.models import Movie, MovieCopy
from movies.pagination import OptInLimitOffsetPagination
from movies.schema import CollectionSchema, MovieSchema
from movies.selectors import (
    COPY_FIELDS,
    MOVIE_FIELDS,
    collection_token,
    copy_list_json,
    copy_rows,
    movie_list_json,
    movie_rows,
)
from movies.serializers import MovieCopySerializer, MovieSerializer, TMDbLookupSerializer
from movies.services import (
    TMDB_FILLED_FIELDS,
    collection_touch,
    movie_data_from_tmdb,
    movie_save,
)
from mycoll.renderers import ORJSONRenderer
from tmdb.schema import TMDB_ERRORS, TMDB_NOT_FOUND

ID_PATTERN = r"[0-9]{1,18}"
JSON = "application/json"
render = ORJSONRenderer().render


def _id(thing: str) -> OpenApiParameter:
    return OpenApiParameter("id", int, OpenApiParameter.PATH, description=f"The {thing}'s id.")


def _text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description)


class CollectionWriteMixin:
    """Every write first takes its collection's version row (an UPDATE: a row lock held to the
    end of the request's transaction). Writes to one collection so run one at a time: a movie
    deleted by one request is a 404 to the next instead of being saved back, a copy is never
    added to a movie deleted meanwhile, and two writes cannot deadlock on their rows."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS:
            collection_touch(owner_id=request.user.pk)


class CollectionReadMixin:
    """Lists and details answer from the owner's collection version: `304` when the client's
    copy is current, else the rendered JSON, kept in the cache with the version it was read
    at. Any write changes the version, so no stale answer is ever served; the key and the ETag
    name the user, so no user is ever served another's."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().dispatch(request, *args, **kwargs)
        # DRF keeps the response on the view, and the view sits in a reference cycle with its
        # request: without this, a large list's body lives on until the cycle collector runs.
        self.response = None
        return response

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.versioned_answer(request, lambda: self.list_json(request))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.versioned_answer(
            request, lambda: render(self.get_serializer(self.get_object()).data)
        )

    def list_json(self, request: Request) -> bytes:
        raise NotImplementedError

    def versioned_answer(self, request: Request, build: Callable[[], bytes]) -> HttpResponse:
        token = collection_token(owner=request.user)
        target = f"{request.user.pk}:{request.path}?{request.META.get('QUERY_STRING', '')}"
        etag = f'"{hashlib.blake2b(f"{token}:{target}".encode(), digest_size=12).hexdigest()}"'
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(self._body(target, token, build), content_type=JSON)
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        return response

    @staticmethod
    def _body(target: str, token: str, build: Callable[[], bytes]) -> bytes:
        # One entry per user and address, replaced when the version moves on: an old
        # version's body is never kept beside the new one.
        key = f"collection:{hashlib.blake2b(target.encode(), digest_size=16).hexdigest()}"
        cached = cache.get(key)
        if cached is not None and cached[0] == token:
            return cached[1]
        body = build()
        cache.set(key, (token, body), settings.COLLECTION_CACHE_SECONDS)
        return body


@extend_schema_view(
    list=extend_schema(
        summary="The collection",
        description="The requester's movies, each with its copies, sorted by title.",
        parameters=[
            OpenApiParameter("search", str, description="Movies whose title contains this."),
            OpenApiParameter("release_year", int, description="Movies of this year."),
            _text_filter("form", "Movies with a copy of this form (`DVD`; any case)."),
            _text_filter("platform", "Movies with a copy on this platform (any case)."),
            OpenApiParameter(
                "ordering",
                str,
                description="Sort by `title`, `release_year`, `runtime_minutes` or "
                "`created_at`, `-` first to reverse; several, comma-separated. Another "
                "value is a `400`.",
            ),
        ],
    ),
    create=extend_schema(
        summary="Add a movie",
        description='Add a movie in full, or from its TMDb id alone (`{"tmdb_id": 10153}`): '
        "the fields left out are then filled from TMDb. A TMDb id already in the collection "
        "is a `400` naming the movie.",
        responses={201: MovieSerializer, 404: TMDB_NOT_FOUND, **TMDB_ERRORS},
    ),
    retrieve=extend_schema(summary="One movie", parameters=[_id("movie")]),
    update=extend_schema(summary="Replace a movie", parameters=[_id("movie")]),
    partial_update=extend_schema(summary="Change a movie", parameters=[_id("movie")]),
    destroy=extend_schema(
        summary="Remove a movie",
        description="Removes the movie and its copies.",
        parameters=[_id("movie")],
    ),
)
class MovieViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    schema = MovieSchema()
    serializer_class = MovieSerializer
    pagination_class = OptInLimitOffsetPagination
    filter_backends = [DjangoFilterBackend, SearchFilter, StrictOrderingFilter]
    filterset_class = MovieFilter
    search_fields = ["title"]
    ordering_fields = ["title", "release_year", "runtime_minutes", "created_at"]
    ordering = ["title", "id"]
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[Movie]:
        movies = Movie.objects.filter(owner=self.request.user)
        if self.action == "list":
            return movies
        return movies.prefetch_related(Prefetch("copies", MovieCopy.objects.order_by("id")))

    def list_json(self, request: Request) -> bytes:
        movies = self.filter_queryset(self.get_queryset())
        copies = MovieCopy.objects.filter(owner=request.user)
        page = self.paginate_queryset(movies.values_list(*MOVIE_FIELDS))
        if page is None:
            return movie_list_json(movies, copies.filter(movie__in=movies.order_by().values("pk")))
        rows = movie_rows(page, copies.filter(movie_id__in=[row[0] for row in page]))
        return render(self.paginator.get_paginated_response(rows).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data
        if not isinstance(data, dict):
            raise ParseError("The body must be a JSON object.")
        if data.get("tmdb_id") not in (None, "") and not set(TMDB_FILLED_FIELDS) <= set(data):
            lookup = TMDbLookupSerializer(data=data, context=self.get_serializer_context())
            lookup.is_valid(raise_exception=True)
            data = movie_data_from_tmdb(data=data, tmdb_id=lookup.validated_data["tmdb_id"])
        serializer = self.get_serializer(data=data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    def perform_create(self, serializer: BaseSerializer) -> None:
        movie_save(serializer=serializer, owner=self.request.user)

    def perform_update(self, serializer: BaseSerializer) -> None:
        movie_save(serializer=serializer, owner=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Every copy",
        description="The requester's copies, sorted by their movie's title.",
        parameters=[
            OpenApiParameter("movie", int, description="Copies of this movie (its id)."),
            _text_filter("form", "Copies of this form (any case)."),
            _text_filter("platform", "Copies on this platform (any case)."),
        ],
    ),
    create=extend_schema(
        summary="Add a copy",
        description="`movie` must be one of the requester's movies.",
    ),
    retrieve=extend_schema(summary="One copy", parameters=[_id("copy")]),
    update=extend_schema(summary="Replace a copy", parameters=[_id("copy")]),
    partial_update=extend_schema(summary="Change a copy", parameters=[_id("copy")]),
    destroy=extend_schema(summary="Remove a copy", parameters=[_id("copy")]),
)
@extend_schema(tags=["copies"])
class MovieCopyViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    schema = CollectionSchema()
    serializer_class = MovieCopySerializer
    pagination_class = OptInLimitOffsetPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = MovieCopyFilter
    lookup_value_regex = ID_PATTERN

    def get_queryset(self) -> QuerySet[MovieCopy]:
        return MovieCopy.objects.filter(owner=self.request.user).order_by("movie__title", "id")

    def list_json(self, request: Request) -> bytes:
        copies = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(copies.values_list(*COPY_FIELDS))
        if page is None:
            return copy_list_json(copies)
        return render(self.paginator.get_paginated_response(copy_rows(page)).data)

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.save(owner=self.request.user)
