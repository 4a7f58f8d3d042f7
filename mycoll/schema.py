"""How the OpenAPI description (/api/schema/) is built; drf-spectacular calls what is here.

Nothing here handles a request. The errors every operation can answer are derived from the
view that serves it (its authentication, throttles, path and method), so that adding a view
documents them without a decorator, and the conformance tests (mycoll/tests/test_openapi.py)
check that each documented answer is the one the API gives.
"""

import inspect
import json
import re
from typing import Any

import uritemplate
from django.contrib.auth import get_user_model
from drf_spectacular import openapi
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.plumbing import ResolvedComponent, build_mock_request
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

API_PREFIXES = ("/api/v1/", "/accounts/")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
JSON = "application/json"


class BearerJWTScheme(SimpleJWTScheme):
    """Our JWTAuthentication (simplejwt's, with one query less) is the same bearer scheme."""

    target_class = "mycoll.authentication.JWTAuthentication"


class ErrorSerializer(serializers.Serializer):
    """An error: a sentence for people, and for some errors a stable code for programs."""

    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    code = serializers.CharField(
        required=False,
        help_text="A stable machine-readable code, when there is one "
        "(`token_not_valid`, `tmdb_not_found`, `tmdb_timeout`, ...).",
    )


def error(description: str) -> OpenApiResponse:
    """A documented error answer with the `Error` body."""
    return OpenApiResponse(response=ErrorSerializer, description=description)


VALIDATION_ERROR = {
    "type": "object",
    "description": "Per-field errors: each invalid field (or `non_field_errors`) with its "
    "messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "minProperties": 1,
    "example": {"release_year": ["Ensure this value is less than or equal to 2100."]},
}
RETRY_AFTER = {
    "schema": {"type": "integer", "minimum": 0},
    "description": "Seconds to wait before trying again.",
}
# The errors that follow from how a view is set up: (description, headers) by component name.
ERROR_RESPONSES: dict[str, tuple[str, dict[str, Any]]] = {
    "BadRequest": (
        "Invalid input: the fields with their messages; or `{detail}` for a malformed request "
        "(JSON that does not parse or nests too deeply, a bad `Content-Length` or `Host`).",
        {},
    ),
    "Unauthorized": (
        "No valid access token: `Authorization: Bearer <access token>` is missing, "
        "malformed, expired or revoked (`code`: `token_not_valid`).",
        {},
    ),
    "NotFound": (
        "No such object among the requester's; another user's answers exactly the same.",
        {},
    ),
    "PayloadTooLarge": ("The body is larger than the server's limit (1 MiB by default).", {}),
    "UnsupportedMediaType": ("The body is not `application/json`.", {}),
    "TooManyRequests": (
        "Too many requests; try again after `Retry-After` seconds.",
        {"Retry-After": {**RETRY_AFTER, "required": True}},
    ),
    "DatabaseUnavailable": (
        "The database is unavailable; try again after `Retry-After` seconds.",
        {"Retry-After": {**RETRY_AFTER, "required": True}},
    ),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, plus the error answers of each operation."""

    def get_description(self) -> str:
        """The view's own docstring: never one inherited from a mixin or a library class,
        which describes how it works rather than what it answers."""
        return inspect.cleandoc(type(self.view).__dict__.get("__doc__") or "")

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code, response in self._error_responses().items():
            responses.setdefault(code, response)
        return dict(sorted(responses.items()))

    def _error_responses(self) -> dict[str, dict[str, Any]]:
        """The errors this operation can answer, from how its view is set up; each is a shared
        component (`#/components/responses/...`)."""
        view = self.view
        errors = {"400": "BadRequest", "503": "DatabaseUnavailable"}
        if view.authentication_classes:
            errors["401"] = "Unauthorized"
        if uritemplate.variables(self.path):
            errors["404"] = "NotFound"
        if self.method in BODY_METHODS:
            errors["413"] = "PayloadTooLarge"
            if self.get_request_serializer() is not None:  # an action that takes no body
                errors["415"] = "UnsupportedMediaType"
        if view.get_throttles():
            errors["429"] = "TooManyRequests"
        return {code: self._error_component(name) for code, name in errors.items()}

    def _error_component(self, name: str) -> dict[str, str]:
        description, headers = ERROR_RESPONSES[name]
        if name == "BadRequest":
            validation = ResolvedComponent(
                name="ValidationError",
                type=ResolvedComponent.SCHEMA,
                object="ValidationError",
                schema=VALIDATION_ERROR,
            )
            self.registry.register_on_missing(validation)
            schema = {"oneOf": [validation.ref, self._error_schema()]}
        else:
            schema = self._error_schema()
        response: dict[str, Any] = {
            "content": {JSON: {"schema": schema}},
            "description": description,
        }
        if headers:
            response["headers"] = headers
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.RESPONSE, object=name, schema=response
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _error_schema(self) -> dict[str, Any]:
        return self.resolve_serializer(ErrorSerializer, "response").ref

    def _get_response_for_code(
        self, serializer, status_code, media_types=None, direction="response"
    ):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if status_code == "503":
            # Whatever else a view documents for 503, the database may be why (Retry-After).
            response.setdefault("headers", {})["Retry-After"] = RETRY_AFTER
        return response

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response" and isinstance(serializer, serializers.ModelSerializer):
            # A model serializer writes every field it has (but write-only ones) in its answers.
            schema["required"] = sorted(schema.get("properties", {}))
            if not schema["required"]:
                del schema["required"]
        return schema


def mock_request(method: str, path: str, view: Any, original_request: Any, **kwargs: Any) -> Any:
    """The generator's stand-in request, signed in as an unsaved user: the views scope their
    querysets and serializers to request.user, which an anonymous user cannot stand for."""
    request = build_mock_request(method, path, view, original_request, **kwargs)
    request.user = get_user_model()(pk=0, username="openapi")
    return request


def api_endpoints_only(endpoints: list[tuple], **kwargs: Any) -> list[tuple]:
    """Preprocessing hook: the API's own routes, each under one clean path.

    The URL patterns end in `/?$` (every path answers with or without its slash); the
    description names each route once, with its slash. The admin, the schema and the
    documentation pages are left out.
    """
    cleaned = []
    for path, path_regex, method, callback in endpoints:
        path = re.sub(r"/\?$", "/", path.replace("^", "").replace("$", ""))
        if not path.endswith("/"):
            path += "/"
        if path.startswith(API_PREFIXES):
            cleaned.append((path, path_regex, method, callback))
    return cleaned


HEALTHZ = {
    "get": {
        "operationId": "healthz",
        "summary": "Health check",
        "description": "Whether the service can reach its database. No authentication, "
        "no throttle; meant for load balancers and uptime checks.",
        "tags": ["health"],
        "security": [],
        "responses": {
            "200": {
                "description": "The service and its database answer.",
                "content": {
                    JSON: {
                        "schema": {
                            "type": "object",
                            "properties": {"status": {"type": "string", "enum": ["ok"]}},
                            "required": ["status"],
                        }
                    }
                },
            },
            "400": {
                "description": "A malformed request (a bad `Content-Length` or `Host` header).",
                "content": {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
            "503": {
                "description": "The database does not answer.",
                "content": {
                    JSON: {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "status": {"type": "string", "enum": ["unavailable"]},
                                "database": {"type": "string", "enum": ["unreachable"]},
                            },
                            "required": ["status", "database"],
                        }
                    }
                },
            },
        },
    }
}


def add_healthz(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: /healthz is a plain Django view, outside DRF's reach."""
    result["paths"]["/healthz/"] = HEALTHZ
    return result


def drop_unused_schemas(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: leave out the components no operation refers to (such as the
    request form of a read-only nested serializer)."""
    schemas = result.get("components", {}).get("schemas", {})
    while True:
        rest = {**result, "components": {**result["components"], "schemas": {}}}
        text = json.dumps([rest, *schemas.values()], default=str)
        unused = [name for name in schemas if f'"#/components/schemas/{name}"' not in text]
        if not unused:
            return result
        for name in unused:
            del schemas[name]
