"""Every copy of every title: `/api/v1/copies/`."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from collection.barcodes import InvalidBarcode, barcode_normalise
from collection.copies import COLUMNS, copy_fragment_source, copy_from_row, with_columns
from collection.filters import CopyFilter, StrictOrderingFilter
from collection.fragments import CompiledQuery, fragments, fragments_enabled, json_array_of
from collection.loans.views import LOAN_HISTORY, copy_loans_json
from collection.models import TITLE_FIELDS, TITLE_KINDS, Copy, with_barcode
from collection.rendering import CHUNK, json_array
from collection.schema import CollectionSchema, detail_operations
from collection.serializers import CopySerializer
from collection.viewsets import CollectionReadMixin, CollectionWriteMixin, render

ORDERING = "Sort by `title`, `medium`, `acquired_on`, `price` or `created_at`, `-` first to "
ORDERING += "reverse; several, comma-separated. Another value is a `400`."


TITLE_NAMES = " or ".join(f"`{field}`" for field in TITLE_FIELDS.values())
# One copy as get_queryset() reads it (every retrieve's query: compiled once per process).
ONE_COPY = CompiledQuery(
    lambda owner, pk: with_columns(Copy.objects.filter(owner=owner, pk=pk)).values_list(*COLUMNS)
)

BARCODE = OpenApiParameter(
    "barcode", str, required=True, description="An EAN-13, UPC-A or EAN-8 (spaces, hyphens ok)."
)


@extend_schema_view(
    list=extend_schema(
        summary="Every copy",
        description="The requester's copies of every kind of title, sorted by title.",
        parameters=[OpenApiParameter("ordering", str, description=ORDERING)],
    ),
    create=extend_schema(
        summary="Add a copy",
        description=f"Name its title ({TITLE_NAMES}: one of the requester's own); every "
        "other field is optional.",
    ),
    **detail_operations("copy"),
    lookup=extend_schema(
        summary="Copies by barcode",
        description="The requester's copies with this barcode, as a plain array: a copy's own "
        "barcode, or its book's ISBN-13.",
        parameters=[BARCODE],
        responses={200: CopySerializer(many=True)},
    ),
)
@extend_schema(tags=["copies"])
class CopyViewSet(CollectionWriteMixin, CollectionReadMixin, viewsets.ModelViewSet):
    """Copies with every detail: medium, resolution, HDR, audio, region, edition, barcode,
    condition, where and for how much they were bought, and the owner's own fields."""

    schema = CollectionSchema()
    serializer_class = CopySerializer
    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    filterset_class = CopyFilter
    ordering_fields = ["title", "medium", "acquired_on", "price", "created_at"]
    ordering = ["title", "id"]

    def get_queryset(self) -> QuerySet[Copy]:
        copies = with_columns(Copy.objects.filter(owner=self.request.user))
        if self.action in ("list", "retrieve", "lookup"):
            return copies
        return copies.select_related(*(title.field for title in TITLE_KINDS.values()))

    def list_json(self, request: Request) -> bytes:
        copies = self.filter_queryset(self.get_queryset())
        rows = copies.values_list(*COLUMNS)
        page = self.paginated_json(request, rows, lambda page: [copy_from_row(r) for r in page])
        if page is not None:
            return page
        if fragments_enabled():
            return json_array_of(fragments(copy_fragment_source(request.user.pk, copies)))
        return json_array(map(copy_from_row, rows.iterator(CHUNK)))

    def item_json(self, request: Request, pk: str) -> bytes:
        found = ONE_COPY.rows(request.user.pk, int(pk))
        if not found:
            raise Http404(f"No {Copy._meta.object_name} matches the given query.")
        return render(copy_from_row(found[0]))

    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def lookup(self, request: Request) -> Any:
        try:
            barcode = barcode_normalise(request.query_params.get("barcode", ""))
        except InvalidBarcode as error:
            raise ValidationError({"barcode": [str(error)]}) from None
        copies = self.get_queryset().filter(with_barcode(barcode)).order_by("title", "id")
        return self.versioned_answer(
            request, lambda: json_array(map(copy_from_row, copies.values_list(*COLUMNS)))
        )

    @LOAN_HISTORY
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def loans(self, request: Request, pk: str) -> Any:
        copy = self.get_object()
        return self.versioned_answer(request, lambda: copy_loans_json(copy.pk))

    def perform_create(self, serializer: CopySerializer) -> None:
        serializer.save(owner=self.request.user)
