"""Checks real answers against the OpenAPI description, with jsonschema.

`ConformanceClient.call()` sends a request through a test client and asserts that the
operation exists in the description, that the status is the expected one and is documented
for it, that the documented required headers are there, and that the body matches the
documented schema for that status (or is empty when none is documented). Objects are checked
strictly: a property the description does not name fails, so an undocumented field cannot slip
in. Requests expected to succeed are checked too: body and query parameters must be described.
"""

import json
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from requests.structures import CaseInsensitiveDict
from rest_framework.test import APIClient

# One scenario per operation of the description, registered by `@scenario(method, path)`
# (mycoll/tests/test_openapi.py runs them, and fails on an operation without one).
Scenario = Callable[..., None]
SCENARIOS: dict[tuple[str, str], Scenario] = {}


def scenario(method: str, path: str) -> Callable[[Scenario], Scenario]:
    def register(function: Scenario) -> Scenario:
        SCENARIOS[(method, path)] = function
        return function

    return register


MISSING_ID = 987654321


def detail_scenario(
    path: str,
    method: str,
    expect: int,
    make: Callable[[Any], tuple[int, dict[str, Any]]],
    body: dict[str, Any] | None = None,
    spoil: dict[str, Any] | None = None,
) -> Scenario:
    """The scenario of an operation on one object by its id: `make(user)` makes the owner's
    object and answers its id and the fields a body must name (its title, say); `spoil`
    turns the body into a 400. A missing id and another user's both answer 404."""

    def run(api, owner_client, other_client, api_client, user, **_):
        target, required = make(user)
        sent = None if body is None else {**required, **body}
        api.call(owner_client, method, path, 404, params={"id": MISSING_ID}, body=sent)
        api.call(other_client, method, path, 404, params={"id": target}, body=sent)
        api.call(api_client, method, path, 401, params={"id": target}, body=sent)
        if sent is not None:
            bad = {**sent, **(spoil or {})}
            api.call(owner_client, method, path, 400, params={"id": target}, body=bad)
        api.call(owner_client, method, path, expect, params={"id": target}, body=sent)
        if method == "GET":
            api.call(owner_client, method, path, expect, params={"id": target}, slash=False)

    return run


METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value


@FORMATS.checks("uri")
def _uri(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme in ("http", "https") and parts.netloc)


@FORMATS.checks("email")
def _email(value: Any) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"[^@\s]+@[^@\s]+", value) is not None


def to_json_schema(node: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema 2020-12: `nullable` becomes a "null" type, and
    objects with properties admit no others."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: to_json_schema(value) for key, value in node.items()}
    if node.get("type") == "object" and "properties" in node:
        node.setdefault("additionalProperties", False)
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node and None not in node["enum"]:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


class OpenAPIDocument:
    def __init__(self, document: dict[str, Any]) -> None:
        assert "allOf" not in json.dumps(document), "strict objects cannot be combined by allOf"
        self.document = document
        self.components = to_json_schema(document.get("components", {}))

    def operations(self) -> list[tuple[str, str]]:
        return sorted(
            (method.upper(), path)
            for path, item in self.document["paths"].items()
            for method in item
            if method in METHODS
        )

    def operation(self, method: str, path: str) -> dict[str, Any]:
        operation = self.document["paths"].get(path, {}).get(method.lower())
        assert operation is not None, f"{method} {path} is not in the OpenAPI description"
        return operation

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            *_, kind, name = node["$ref"].split("/")
            node = self.document["components"][kind][name]
        return node

    def responses(self, method: str, path: str) -> dict[str, dict[str, Any]]:
        responses = self.operation(method, path)["responses"]
        return {code: self.resolve(response) for code, response in responses.items()}

    def validate(self, schema: dict[str, Any], instance: Any, what: str) -> None:
        root = {"components": self.components, "allOf": [to_json_schema(schema)]}
        errors = sorted(
            Draft202012Validator(root, format_checker=FORMATS).iter_errors(instance),
            key=lambda e: list(e.absolute_path),
        )
        assert not errors, f"{what} does not match its schema:\n" + "\n".join(
            f"  at {list(e.absolute_path)}: {e.message}" for e in errors[:10]
        )


class ConformanceClient:
    """Sends requests and checks each answer against the description; remembers, for each
    operation, the statuses seen."""

    def __init__(self, document: OpenAPIDocument) -> None:
        self.openapi = document
        self.seen: dict[tuple[str, str], set[str]] = defaultdict(set)

    def call(
        self,
        client: APIClient,
        method: str,
        path: str,
        expect: int,
        *,
        params: dict[str, Any] | None = None,
        query: dict[str, Any] | None = None,
        body: Any = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
        slash: bool = True,
        **headers: str,
    ) -> Any:
        """`path` is the described one (`/api/v1/movies/{id}/`), `params` fills it in;
        `slash=False` sends it without its trailing slash. Answers the response."""
        operation = self.openapi.operation(method, path)
        if 200 <= expect < 300:
            self._check_request(operation, method, path, query or {}, body)
        url = re.sub(r"{(\w+)}", lambda m: str((params or {})[m.group(1)]), path)
        if not slash:
            url = url.rstrip("/")
        if query:
            url += "?" + urlencode(query)
        data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
        response = client.generic(method, url, data, content_type=content_type, **headers)
        what = f"{method} {url} -> {response.status_code}"
        assert response.status_code == expect, f"{what}, expected {expect}: {response.content!r}"
        if response.streaming:  # read once, kept for the caller as `response.body`
            response.body = b"".join(response.streaming_content)
        else:
            response.body = response.content
        self.check(method, path, response.status_code, dict(response.items()), response.body)
        return response

    def _check_request(
        self, operation: dict[str, Any], method: str, path: str, query: dict, body: Any
    ) -> None:
        parameters = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
        assert set(query) <= set(parameters), f"{method} {path}: undescribed {set(query)}"
        for name, parameter in parameters.items():
            if parameter.get("required"):
                assert name in query, f"{method} {path}: {name} is required"
            if name in query:
                value = query[name]
                if parameter["schema"].get("type") == "integer":
                    value = int(value)
                self.openapi.validate(parameter["schema"], value, f"{method} {path} ?{name}=")
        if body is not None:
            described = operation.get("requestBody", {}).get("content", {})
            assert "application/json" in described, f"{method} {path} takes no JSON body"
            schema = described["application/json"]["schema"]
            self.openapi.validate(schema, body, f"the body sent to {method} {path}")

    def check(
        self, method: str, path: str, status: int, headers: dict[str, str], content: bytes
    ) -> None:
        """Check one answer to the operation (method, path) against its description."""
        what = f"{method} {path} -> {status}"
        headers = CaseInsensitiveDict(headers)
        self.seen[(method, path)].add(str(status))
        responses = self.openapi.responses(method, path)
        code = str(status)
        assert code in responses, f"{what}: {code} is not described (only {sorted(responses)})"
        described = responses[code]
        for name, header in described.get("headers", {}).items():
            if header.get("required"):
                assert name in headers, f"{what}: no {name} header"
            if name in headers:
                value = headers[name]
                if header["schema"].get("type") == "integer":
                    assert value.isdigit(), f"{what}: {name}: {value!r} is not an integer"
                    value = int(value)
                self.openapi.validate(header["schema"], value, f"{what} header {name}")
        described_content = described.get("content")
        if not described_content:
            assert content == b"", f"{what}: a body where none is described"
            return
        media_type = headers["Content-Type"].split(";")[0].strip()
        assert media_type in described_content, f"{what}: {media_type} is not described"
        schema = described_content[media_type]["schema"]
        body = json.loads(content) if media_type == "application/json" else content.decode()
        self.openapi.validate(schema, body, f"{what}: the body")
