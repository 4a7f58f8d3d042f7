"""Exports (`export`) and imports (`imports/`) of the requester's collection."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from collection.viewsets import ID_PATTERN
from mycoll.parsers import ORJSONParser
from mycoll.renderers import ORJSONRenderer
from mycoll.schema import error
from transfer.export import CONTENT_TYPES, EXPORTERS, FILE_SUFFIXES, FORMAT_VERSION
from transfer.models import Import
from transfer.serializers import (
    ImportDetailSerializer,
    ImportRowSerializer,
    ImportSerializer,
    ImportUploadSerializer,
)
from transfer.services import import_cancel, import_upload
from transfer.sources.base import SourceError
from transfer.titles import SECTIONS

FORMAT = OpenApiParameter(
    "format",
    str,
    enum=list(EXPORTERS),
    description="`json` (default): the whole collection, lossless, as `import` with "
    "`source=mycoll` reads it; `csv`: one row per copy; `letterboxd`: the movies, in "
    "Letterboxd's import columns.",
)


ITEMS = {"type": "array", "items": {"type": "object"}}
EXPORT_DOCUMENT = {
    "type": "object",
    "description": "Each title with its fields, outside ids and `copies` (every copy field); "
    "the locations and the loans.",
    "properties": {
        "format": {"type": "string", "enum": ["mycoll"]},
        "version": {"type": "integer", "enum": [FORMAT_VERSION]},
        **{section: ITEMS for section in (*SECTIONS.values(), "locations", "loans")},
    },
    "required": ["format", "version", *SECTIONS.values(), "locations", "loans"],
}
CSV_FILE = {"type": "string", "description": "A header line, then one line per copy or movie."}


class JSONOnlyNegotiation:
    """`?format=` names the export's format here, not a DRF renderer: answers (errors
    included) are JSON whatever it says."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> tuple:
        return ORJSONRenderer(), ORJSONRenderer.media_type


class ExportView(JSONOnlyNegotiation, APIView):
    """The requester's whole collection as a file, streamed: every title with its outside ids
    and its copies with every field, the locations and the loans."""

    @extend_schema(
        tags=["transfer"],
        summary="Export the collection",
        parameters=[FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(EXPORT_DOCUMENT, "The MyColl document."),
            (200, "text/csv"): OpenApiResponse(CSV_FILE, "CSV; formula-like cells escaped."),
        },
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        chosen = request.query_params.get("format", "json")
        if chosen not in EXPORTERS:
            raise ValidationError({"format": [f"One of {', '.join(EXPORTERS)}."]})
        response = StreamingHttpResponse(
            EXPORTERS[chosen](request.user), content_type=CONTENT_TYPES[chosen]
        )
        name = f"mycoll-{date.today().isoformat()}.{FILE_SUFFIXES[chosen]}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


IMPORT_ID = [OpenApiParameter("id", int, OpenApiParameter.PATH, description="The import's id.")]
IMPORT_STATUS = "`status` is `queued`, `running`, `done`, `failed` or `cancelled`."


@extend_schema_view(
    list=extend_schema(
        summary="Every import",
        description="The requester's imports, newest first, without their rows, as a plain "
        f"array. {IMPORT_STATUS}",
    ),
    retrieve=extend_schema(
        summary="One import",
        parameters=IMPORT_ID,
        description="The import with its counts so far and a report per row of its file: "
        "`row`, `status` (`created`, `updated`, `unchanged`, `unmatched`, `rejected`, "
        "`skipped`), what it `matched` and, when it matched nothing, the `message` saying why.",
    ),
    create=extend_schema(
        summary="Import a file",
        description="Multipart: `source` (`mycoll`, `csv`, `letterboxd`, `goodreads`, `clz`, "
        "`libib`, `trakt`), `file`, `dry_run` (true by default: report what would happen, "
        "change nothing). The file is read at once: one its source cannot read is a `400` "
        "naming the problem, one over the size limit a `413`, and nothing is queued. "
        "Otherwise `202`, and the import runs in the background.",
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: ImportSerializer, 413: error("The file is over the size limit.")},
    ),
    cancel=extend_schema(
        summary="Cancel an import",
        parameters=IMPORT_ID,
        description="Stops a queued or running import after its current batch (the rows "
        "already applied stay, and are reported). A finished import is a `409`.",
        request=None,
        responses={200: ImportSerializer, 409: error("The import is already finished.")},
    ),
)
@extend_schema(tags=["transfer"])
class ImportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Files brought in from Trakt, Letterboxd, Goodreads, CLZ, Libib or MyColl itself."""

    lookup_value_regex = ID_PATTERN
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Import]:
        return Import.objects.filter(owner=self.request.user).defer("data")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Thousands of rows, polled while the import runs: read as values, not instances.
        run = self.get_object()
        rows = run.rows.order_by("row").values(*ImportRowSerializer.Meta.fields)
        return Response({**ImportSerializer(run).data, "rows": list(rows)})

    parser_classes = [MultiPartParser]

    def get_serializer_class(self) -> type:
        return {"retrieve": ImportDetailSerializer, "create": ImportUploadSerializer}.get(
            self.action, ImportSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            run = import_upload(
                owner=request.user,
                source=upload.validated_data["source"],
                upload=upload.validated_data["file"],
                dry_run=upload.validated_data["dry_run"],
            )
        except SourceError as problem:
            raise ValidationError({"file": [str(problem)]}) from None
        return Response(ImportSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @action(detail=True, methods=["post"], parser_classes=[ORJSONParser, MultiPartParser])
    def cancel(self, request: Request, pk: str) -> Response:
        request.data  # noqa: B018 (a body it cannot parse is a 415, as on every POST)
        return Response(ImportSerializer(import_cancel(run=self.get_object())).data)
