from typing import Any

from django.db.models import Prefetch, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import ParseError
from rest_framework.filters import SearchFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from collection.filters import StrictOrderingFilter
from collection.schema import CollectionSchema, detail_operations
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin
from movies.filters import MovieCopyFilter, MovieFilter
from movies.models import MOVIE_FIELDS, Movie, MovieCopy
from movies.schema import MovieSchema
from movies.selectors import (
    COPY_COLUMNS,
    copy_list_json,
    copy_rows,
    movie_json,
    movie_rows,
    movies_json,
)
from movies.serializers import MovieCopySerializer, MovieSerializer, TMDbLookupSerializer
from movies.services import TMDB_FILLED_FIELDS, movie_data_from_tmdb, movie_save
from tmdb.schema import TMDB_ERRORS, TMDB_NOT_FOUND


def _text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description)


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
    **detail_operations("movie", removes="Removes the movie and its copies."),
)
class MovieViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    schema = MovieSchema()
    serializer_class = MovieSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter, StrictOrderingFilter]
    filterset_class = MovieFilter
    search_fields = ["title"]
    ordering_fields = ["title", "release_year", "runtime_minutes", "created_at"]
    ordering = Movie._meta.ordering

    def get_queryset(self) -> QuerySet[Movie]:
        movies = Movie.objects.filter(owner=self.request.user)
        if self.action in ("list", "retrieve"):
            return movies
        return movies.prefetch_related(Prefetch("copies", MovieCopy.objects.order_by("id")))

    def list_json(self, request: Request) -> bytes:
        if not request.query_params:  # the whole list, in the model's order (the viewset's)
            return movies_json(owner=request.user)
        movies = self.filter_queryset(self.get_queryset())
        copies = MovieCopy.objects.filter(owner=request.user)
        page = self.paginated_json(
            request,
            movies.values_list(*MOVIE_FIELDS),
            lambda page: movie_rows(page, copies.filter(movie_id__in=[row[0] for row in page])),
        )
        return page if page is not None else movies_json(owner=request.user, movies=movies)

    def item_json(self, request: Request, pk: str) -> bytes:
        movies = self.filter_queryset(self.get_queryset()) if request.query_params else None
        return movie_json(owner=request.user, movie_id=pk, movies=movies)

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
    **detail_operations("copy"),
)
@extend_schema(tags=["copies"])
class MovieCopyViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    schema = CollectionSchema()
    serializer_class = MovieCopySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = MovieCopyFilter

    def get_queryset(self) -> QuerySet[MovieCopy]:
        return MovieCopy.objects.filter(owner=self.request.user).order_by("movie__title", "id")

    def list_json(self, request: Request) -> bytes:
        copies = self.filter_queryset(self.get_queryset())
        page = self.paginated_json(request, copies.values_list(*COPY_COLUMNS), copy_rows)
        return page if page is not None else copy_list_json(copies)

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.save(owner=self.request.user)
