from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from collection.schema import CollectionSchema, detail_operations
from collection.title_views import TitleCopyViewSet, TitleViewSet
from movies.filters import MovieCopyFilter, MovieFilter
from movies.models import MOVIE_FIELDS, Movie, MovieCopy
from movies.schema import MovieSchema
from movies.selectors import MOVIES, movie_json, movie_rows, movies_json
from movies.serializers import MovieCopySerializer, MovieSerializer, TMDbLookupSerializer
from movies.services import (
    TMDB_FILLED_FIELDS,
    movie_collection_after_save,
    movie_data_from_tmdb,
    movie_save,
)
from movies.tmdb_collections import movie_collections
from movies.tmdb_serializers import CollectionsQuerySerializer, TMDbCollectionSerializer
from tmdb.providers import (
    TMDB_ACTION,
    ProvidersQuerySerializer,
    ProvidersSerializer,
    title_providers,
)
from tmdb.schema import TMDB_ERRORS, TMDB_NOT_FOUND

MOVIE_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The movie's id.")


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
class MovieViewSet(TitleViewSet):
    schema = MovieSchema()
    serializer_class = MovieSerializer
    title_model = Movie
    copy_model = MovieCopy
    listing = MOVIES
    title_save = staticmethod(movie_save)
    filterset_class = MovieFilter
    ordering_fields = ["title", "release_year", "runtime_minutes", "created_at"]

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
        super().perform_create(serializer)
        movie_collection_after_save(movie=serializer.instance)

    def perform_update(self, serializer: BaseSerializer) -> None:
        super().perform_update(serializer)
        if "tmdb_id" in serializer.validated_data:
            movie_collection_after_save(movie=serializer.instance)

    @extend_schema(
        summary="Where to watch a movie",
        description="Where it streams, rents, sells and is free in one region, from TMDb's "
        "watch providers (JustWatch's data); cached a day. A movie without a TMDb id is a "
        "`404` saying so.",
        parameters=[MOVIE_ID, ProvidersQuerySerializer],
        responses={200: ProvidersSerializer, 404: TMDB_NOT_FOUND, **TMDB_ERRORS},
    )
    @action(detail=True, methods=["get"], **TMDB_ACTION)
    def providers(self, request: Request, pk: str) -> Response:
        movie = self.get_object()
        region = request.query_params.get("region")
        answer = title_providers(kind="movie", tmdb_id=movie.tmdb_id, region=region, what="movie")
        return Response(answer)

    @extend_schema(
        summary="TMDb collections and their missing films",
        description="The TMDb collections the requester has a film of, each with every film "
        "of it and whether (and as which movie) the requester has it; `?incomplete=1` keeps "
        "those missing a film. A collection's films are cached a day.",
        parameters=[CollectionsQuerySerializer],
        responses={200: TMDbCollectionSerializer(many=True), **TMDB_ERRORS},
    )
    @action(detail=False, methods=["get"], **TMDB_ACTION)
    def collections(self, request: Request) -> Response:
        query = CollectionsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        incomplete = query.validated_data["incomplete"] == 1
        return Response(movie_collections(owner=request.user, incomplete=incomplete))


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
class MovieCopyViewSet(TitleCopyViewSet):
    schema = CollectionSchema()
    serializer_class = MovieCopySerializer
    copy_model = MovieCopy
    listing = MOVIES
    filterset_class = MovieCopyFilter
