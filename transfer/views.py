"""Exports (`export`) and imports (`imports/`) of the requester's collection."""

from datetime import date

from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.views import APIView

from mycoll.renderers import ORJSONRenderer
from transfer.export import CONTENT_TYPES, EXPORTERS, FILE_SUFFIXES, FORMAT_VERSION
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
