"""`/api/v1/locations/`: the owner's tree of places where copies are kept."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from collection.locations.selectors import location_tree
from collection.locations.serializers import (
    LOCATION_FIELDS,
    DeleteQuerySerializer,
    LocationNodeSerializer,
    LocationSerializer,
)
from collection.locations.services import location_delete
from collection.models import Location
from collection.rendering import json_array
from collection.schema import CollectionSchema, detail_operations
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin, render

COLUMNS = ("id", "name", "parent_id", "kind", "notes")
TREE = OpenApiParameter(
    "tree", int, enum=[0, 1], description="`1`: the roots, each with its `children` nested, "
    "and the copy counts of every node."
)  # fmt: skip


class DeleteConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    copies = serializers.IntegerField(required=False, help_text="Copies it holds.")
    children = serializers.IntegerField(required=False, help_text="Locations it holds.")


def _row(row: tuple) -> dict[str, Any]:
    return dict(zip(LOCATION_FIELDS, row, strict=True))


@extend_schema_view(
    list=extend_schema(
        summary="Every location",
        description="The requester's locations, a flat array sorted by name; `?tree=1` for "
        "the nested tree with copy counts.",
        parameters=[TREE],
    ),
    create=extend_schema(summary="Add a location"),
    **detail_operations("location"),
)
@extend_schema(tags=["locations"])
class LocationViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """Rooms, shelves and boxes, at most six levels deep; names are unique among siblings."""

    schema = CollectionSchema()
    serializer_class = LocationSerializer
    filter_backends: list = []
    list_alternatives = (LocationNodeSerializer,)

    def get_queryset(self) -> QuerySet[Location]:
        return Location.objects.filter(owner=self.request.user).order_by("name", "id")

    def list_json(self, request: Request) -> bytes:
        tree = request.query_params.get("tree", "0")
        if tree not in ("0", "1"):
            raise ValidationError({"tree": ["0 or 1 is required."]})
        if tree == "1":
            return json_array(location_tree(owner=request.user))
        rows = self.get_queryset().values_list(*COLUMNS)
        page = self.paginated_json(request, rows, lambda page: [_row(r) for r in page])
        return page if page is not None else json_array(map(_row, rows))

    def detail_json(self, instance: Location) -> bytes:
        return render(self.get_serializer(instance).data)

    def perform_create(self, serializer: LocationSerializer) -> None:
        serializer.save(owner=self.request.user)

    @extend_schema(
        parameters=[DeleteQuerySerializer],
        responses={
            204: None,
            409: OpenApiResponse(
                DeleteConflictSerializer,
                description="It holds copies or locations (how many), and no `move_to` was "
                "given; or moving them there would clash with a name or go too deep.",
            ),
        },
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        location = self.get_object()
        query = DeleteQuerySerializer(data=request.query_params, context={"request": request})
        query.is_valid(raise_exception=True)
        location_delete(location=location, move_to=query.validated_data.get("move_to"))
        return Response(status=204)
