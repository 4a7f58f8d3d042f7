"""The OpenAPI description of every collection list and detail (see mycoll.schema): lists are
a plain array by default and a page with `limit`/`offset`, carry an `ETag`, and answer `304`
to a matching `If-None-Match`."""

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from mycoll.schema import JSON, AutoSchema

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The `ETag` of an earlier answer to the same URL: `304` with no body if "
    "the collection has not changed since.",
}
ETAG = {
    "required": True,
    "schema": {"type": "string"},
    "description": "The collection's version and the query; send it back in `If-None-Match`.",
}
PAGINATION = [
    {
        "in": "query",
        "name": "limit",
        "required": False,
        "schema": {"type": "integer", "minimum": 1},
        "description": "Page size, at most 500 (larger values are capped). With `limit` or "
        "`offset` the answer is a page `{count, next, previous, results}`; without either, "
        "a plain array of everything.",
    },
    {
        "in": "query",
        "name": "offset",
        "required": False,
        "schema": {"type": "integer", "minimum": 0},
        "description": "How many items to skip (with no `limit`, pages are 500 long).",
    },
]


class CollectionSchema(AutoSchema):
    """The collection's viewsets: their lists are a plain array by default and a page with
    `limit`/`offset`, carry an `ETag`, and answer `304` to a matching `If-None-Match`.
    `post_alternative` is a body a POST may send instead (a title from its TMDb id alone)."""

    post_alternative: type | None = None

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        body = super()._get_request_body(direction)
        if body and self.method == "POST" and self.post_alternative is not None:
            # anyOf, not oneOf: a title in full that carries the alternative's fields is both.
            alternative = self.resolve_serializer(self.post_alternative, direction).ref
            schema = body["content"][JSON]["schema"]
            body["content"][JSON]["schema"] = {"anyOf": [schema, alternative]}
        return body

    def _is_collection_list(self) -> bool:
        return self.method == "GET" and getattr(self.view, "action", None) == "list"

    def _get_pagination_parameters(self) -> list[dict[str, Any]]:
        return [dict(parameter) for parameter in PAGINATION] if self._is_collection_list() else []

    def _get_parameters(self) -> list[dict[str, Any]]:
        parameters = super()._get_parameters()
        if self._is_collection_list():
            parameters.append(dict(IF_NONE_MATCH))
        return parameters

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if not self._is_collection_list():
            return responses
        ok = responses["200"]
        page = ok["content"][JSON]["schema"]
        item = self.resolve_serializer(self._get_serializer(), "response").ref
        # Other arrays a list may answer (a tree, say); an empty one is each of them: anyOf.
        others = [
            {"type": "array", "items": self.resolve_serializer(serializer, "response").ref}
            for serializer in getattr(self.view, "list_alternatives", ())
        ]
        forms = [{"type": "array", "items": item}, *others, page]
        ok["content"][JSON]["schema"] = {"anyOf" if others else "oneOf": forms}
        ok["description"] = "Everything, as an array; or a page, with `limit` or `offset`."
        ok["headers"] = {"ETag": ETAG}
        responses["304"] = {
            "description": "Not modified: `If-None-Match` holds the current `ETag`. No body.",
            "headers": {"ETag": ETAG},
        }
        return dict(sorted(responses.items()))


class OneCallAddSchema(CollectionSchema):
    """A title's viewset whose POST takes the title in full, or what an outside service
    looks it up by (a TMDb id, an ISBN): `one_call` is that body's serializer."""

    one_call: type[serializers.Serializer]

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        body = super()._get_request_body(direction)
        if body and self.method == "POST":
            # anyOf, not oneOf: a title in full that carries the lookup's field is both.
            one_call = self.resolve_serializer(self.one_call, direction).ref
            schema = body["content"][JSON]["schema"]
            body["content"][JSON]["schema"] = {"anyOf": [schema, one_call]}
        return body


def detail_operations(
    thing: str, removes: str = "", conflict: tuple[Any, OpenApiResponse] | None = None
) -> dict[str, Any]:
    """The `extend_schema_view` entries of a viewset's operations on one `thing` by its id;
    `conflict` is (its serializer, the 409 its changes may answer)."""
    path_id = [OpenApiParameter("id", int, OpenApiParameter.PATH, description=f"The {thing}'s id.")]
    changes = {"responses": {200: conflict[0], 409: conflict[1]}} if conflict else {}
    return {
        "retrieve": extend_schema(summary=f"One {thing}", parameters=path_id),
        "update": extend_schema(summary=f"Replace a {thing}", parameters=path_id, **changes),
        "partial_update": extend_schema(summary=f"Change a {thing}", parameters=path_id, **changes),
        "destroy": extend_schema(
            summary=f"Remove a {thing}", description=removes or None, parameters=path_id
        ),
    }
