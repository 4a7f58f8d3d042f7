"""The shows (`tv/`), their seasons (`tv/season/`) and the seasons' copies
(`tv/season/copy/`)."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.filters import SearchFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from collection.schema import CollectionSchema, detail_operations
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin, render
from mycoll.schema import error
from mycoll.throttling import UserThrottle
from tmdb.providers import (
    TMDB_ACTION,
    ProvidersQuerySerializer,
    ProvidersSerializer,
    title_providers,
)
from tmdb.schema import TMDB_ERRORS, TMDB_SHOW_NOT_FOUND
from tmdb.throttling import TMDbThrottle
from tv.filters import NullsLastOrderingFilter, SeasonCopyFilter, SeasonFilter, ShowFilter
from tv.models import SEASON_FIELDS, SHOW_FIELDS, Season, SeasonCopy, Show
from tv.schema import ShowSchema
from tv.selectors import (
    SEASON_COPY_COLUMNS,
    season_copy_list_json,
    season_copy_rows,
    season_list_json,
    season_rows,
    show_completeness,
    show_detail,
    show_list_json,
    show_rows,
)
from tv.serializers import (
    CompletenessSerializer,
    SeasonCopySerializer,
    SeasonSerializer,
    ShowSerializer,
    TMDbLookupSerializer,
)
from tv.services import (
    TMDB_FILLED_FIELDS,
    season_save,
    show_create,
    show_create_from_tmdb,
    show_refresh,
)

SHOW_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The show's id.")
REFRESH_NOT_FOUND = error(
    "No such show among the requester's (another user's answers the same), or TMDb no longer "
    "has its TMDb id (`code`: `tmdb_not_found`)."
)


def _text_filter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, str, description=description)


def _ordering(*fields: str) -> OpenApiParameter:
    names = ", ".join(f"`{field}`" for field in fields)
    return OpenApiParameter(
        "ordering",
        str,
        description=f"Sort by {names}, `-` first to reverse; several, comma-separated. "
        "Another value is a `400`.",
    )


class RowsReadMixin:
    """Lists and details read from `values_list(*row_fields)` rows and shaped by tv.selectors
    (`shape_rows` for a page or one, `shape_list` for a whole list): a few queries at any
    size, never a model instance per row."""

    row_fields: tuple[str, ...]
    shape_rows: Callable[..., list[dict[str, Any]]]
    shape_list: Callable[..., bytes]

    def list_json(self, request: Request) -> bytes:
        found = self.filter_queryset(self.get_queryset())
        page = self.paginated_json(
            request,
            found.values_list(*self.row_fields),
            lambda page: self.shape_rows(page, owner=request.user),
        )
        return page if page is not None else self.shape_list(found, owner=request.user)

    def item_json(self, request: Request, pk: str) -> bytes:
        rows = self.get_queryset().filter(pk=pk).values_list(*self.row_fields)
        shaped = self.shape_rows(rows, owner=request.user)
        if not shaped:
            raise Http404
        return render(shaped[0])


@extend_schema_view(
    list=extend_schema(
        summary="The shows",
        description="The requester's shows, each with its seasons (in season order, each with "
        "its copies) and its copies of the whole series, sorted by title.",
        parameters=[
            OpenApiParameter("search", str, description="Shows whose title contains this."),
            OpenApiParameter("year_first_aired", int, description="Shows first aired this year."),
            OpenApiParameter("tmdb_id", int, description="The show with this TMDb id."),
            _text_filter("status", "Shows of this TMDb status (`Ended`; any case)."),
            _text_filter("form", "Shows with a copy of this form (`Blu-ray`; any case)."),
            _text_filter("platform", "Shows with a copy on this platform (any case)."),
            _ordering("title", "year_first_aired", "created_at"),
        ],
    ),
    create=extend_schema(
        summary="Add a show",
        description="Add a show in full (with its `seasons`), or from its TMDb id alone "
        '(`{"tmdb_id": 1396}`): the show and all its seasons are then filled from one TMDb '
        "call. A TMDb id already in the collection is a `400` naming the show, before TMDb "
        "is asked.",
        responses={201: ShowSerializer, 404: TMDB_SHOW_NOT_FOUND, **TMDB_ERRORS},
    ),
    **detail_operations("show", removes="Removes the show, its seasons and every copy of them."),
    refresh=extend_schema(
        summary="Refresh a show from TMDb",
        description="Reads the show from TMDb again: new seasons appear; episode counts, air "
        "dates, the totals and the status update. The owner's titles, overviews and images, "
        "and every copy, stay. A show with no `tmdb_id` is a `400`, without a call to TMDb.",
        parameters=[SHOW_ID],
        request=None,
        responses={200: ShowSerializer, 404: REFRESH_NOT_FOUND, **TMDB_ERRORS},
    ),
    completeness=extend_schema(
        summary="Which aired seasons are owned",
        description="The aired seasons' numbers (above 0, first aired on or before today), "
        "the owned ones among them and the missing ones, in order. The specials and unaired "
        "seasons are never missing.",
        parameters=[SHOW_ID],
        responses={200: CompletenessSerializer},
    ),
)
@extend_schema(tags=["tv"])
class ShowViewSet(RowsReadMixin, CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """TV shows, each with its seasons and their copies."""

    schema = ShowSchema()
    serializer_class = ShowSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter, NullsLastOrderingFilter]
    filterset_class = ShowFilter
    search_fields = ["title"]
    ordering_fields = ["title", "year_first_aired", "created_at"]
    ordering = ["title", "id"]
    row_fields = SHOW_FIELDS
    shape_rows = staticmethod(show_rows)
    shape_list = staticmethod(show_list_json)

    def get_queryset(self) -> QuerySet[Show]:
        return Show.objects.filter(owner=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data
        if not isinstance(data, dict):
            raise ParseError("The body must be a JSON object.")
        if data.get("tmdb_id") not in (None, "") and not set(TMDB_FILLED_FIELDS) <= set(data):
            lookup = TMDbLookupSerializer(data=data, context=self.get_serializer_context())
            lookup.is_valid(raise_exception=True)
            tmdb_id = lookup.validated_data["tmdb_id"]
            show = show_create_from_tmdb(
                owner=request.user, tmdb_id=tmdb_id, data=data, validate=self._validated
            )
        else:
            show = show_create(owner=request.user, data=self._validated(data))
        return Response(show_detail(show=show), status=status.HTTP_201_CREATED)

    def _validated(self, data: dict[str, Any]) -> dict[str, Any]:
        serializer = self.get_serializer(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @action(detail=True, methods=["post"], throttle_classes=[UserThrottle, TMDbThrottle])
    def refresh(self, request: Request, pk: str) -> Response:
        return Response(show_detail(show=show_refresh(show=self.get_object())))

    @extend_schema(
        summary="Where to watch a show",
        description="Where it streams, rents, sells and is free in one region, from TMDb's "
        "watch providers (JustWatch's data); cached a day. A show without a TMDb id is a "
        "`404` saying so.",
        parameters=[SHOW_ID, ProvidersQuerySerializer],
        responses={200: ProvidersSerializer, 404: TMDB_SHOW_NOT_FOUND, **TMDB_ERRORS},
    )
    @action(detail=True, methods=["get"], **TMDB_ACTION)
    def providers(self, request: Request, pk: str) -> Response:
        show = self.get_object()
        region = request.query_params.get("region")
        return Response(
            title_providers(kind="tv", tmdb_id=show.tmdb_id, region=region, what="show")
        )

    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def completeness(self, request: Request, pk: str) -> Any:
        today = timezone.localdate()

        def build() -> bytes:
            return render(show_completeness(show=self.get_object(), today=today))

        return self.versioned_answer(request, build, scope=today.isoformat())


@extend_schema_view(
    list=extend_schema(
        summary="Every season",
        description="The requester's seasons, each with its copies, by show and number.",
        parameters=[
            OpenApiParameter("show", int, description="The seasons of this show (its id)."),
            OpenApiParameter("season_number", int, description="Seasons of this number."),
            _ordering("season_number", "air_date", "created_at"),
        ],
    ),
    create=extend_schema(
        summary="Add a season",
        description="`show` must be one of the requester's shows, `season_number` new to it.",
    ),
    **detail_operations("season", removes="Removes the season and its copies."),
)
@extend_schema(tags=["tv"])
class SeasonViewSet(
    RowsReadMixin, CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet
):
    """The seasons of the shows, each with its copies."""

    schema = CollectionSchema()
    serializer_class = SeasonSerializer
    filter_backends = [DjangoFilterBackend, NullsLastOrderingFilter]
    filterset_class = SeasonFilter
    ordering_fields = ["season_number", "air_date", "created_at"]
    ordering = ["show__title", "show_id", "season_number"]
    row_fields = SEASON_FIELDS
    shape_rows = staticmethod(season_rows)
    shape_list = staticmethod(season_list_json)

    def get_queryset(self) -> QuerySet[Season]:
        return Season.objects.filter(owner=self.request.user)

    def perform_create(self, serializer: BaseSerializer) -> None:
        season_save(serializer=serializer, owner=self.request.user)

    def perform_update(self, serializer: BaseSerializer) -> None:
        season_save(serializer=serializer, owner=self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Every season copy",
        description="The requester's copies of seasons, by show and season number. A copy of "
        "the whole series is on its show (`series_copies`) and in `copies/`.",
        parameters=[
            OpenApiParameter("season", int, description="Copies of this season (its id)."),
            OpenApiParameter("show", int, description="Copies of this show's seasons."),
            _text_filter("form", "Copies of this form (any case)."),
            _text_filter("platform", "Copies on this platform (any case)."),
        ],
    ),
    create=extend_schema(
        summary="Add a season copy",
        description="`season` must be one of the requester's seasons; the copy's show is its.",
    ),
    **detail_operations("season copy"),
)
@extend_schema(tags=["copies"])
class SeasonCopyViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """The copies of seasons, as the movies' copies are: platform, form and VOD link."""

    schema = CollectionSchema()
    serializer_class = SeasonCopySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SeasonCopyFilter

    def get_queryset(self) -> QuerySet[SeasonCopy]:
        copies = SeasonCopy.objects.filter(owner=self.request.user)
        return copies.order_by("show__title", "show_id", "season__season_number", "id")

    def list_json(self, request: Request) -> bytes:
        copies = self.filter_queryset(self.get_queryset())
        rows = copies.values_list(*SEASON_COPY_COLUMNS)
        page = self.paginated_json(request, rows, season_copy_rows)
        return page if page is not None else season_copy_list_json(copies)

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.save(owner=self.request.user)
