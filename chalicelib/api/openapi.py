"""The OpenAPI 3.1 document, generated from the routes' declared pydantic models."""

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint
from pydantic import BaseModel

from chalicelib import dependencies
from chalicelib.api.errors import ErrorBody
from chalicelib.api.routing import OPERATIONS, Operation, endpoint
from chalicelib.domain.feedback import VOCABULARY
from chalicelib.domain.model import Model
from chalicelib.domain.program import Program

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaMode

docs_routes = Blueprint(__name__)
_REF = "#/components/schemas/{model}"
_STATUS_TEXT = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No content",
    400: "Malformed request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    413: "Request too large",
    415: "Not JSON",
    422: "Invalid fields",
}


class OpenApiDocument(Model):
    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]
    components: dict[str, Any]


@cache
def openapi_document() -> dict[str, Any]:
    from pydantic.json_schema import models_json_schema  # only when the document is first asked for

    keyed: list[tuple[type[BaseModel], JsonSchemaMode]] = [(ErrorBody, "serialization")]
    for operation in OPERATIONS:
        if operation.request is not None:
            keyed.append((operation.request, "validation"))
        keyed.extend((model, "serialization") for model in operation.responses.values() if model is not None)
    refs, definitions = models_json_schema(list(dict.fromkeys(keyed)), ref_template=_REF)
    paths: dict[str, Any] = {}
    for operation in OPERATIONS:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(operation, refs)
    _fill_vocabularies(definitions, dependencies.current().program)
    _fill_vocabularies(paths, dependencies.current().program)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Public review of a school accountability program", "version": "1.0.0"},
        "paths": paths,
        "components": {
            "schemas": definitions.get("$defs", {}),
            "securitySchemes": {"cognito": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


def _fill_vocabularies(node: Any, program: Program) -> None:
    if isinstance(node, dict):
        name = node.pop(VOCABULARY, None)
        if name is not None:
            values = program.vocabulary(name)
            target = node["items"] if node.get("type") == "array" else node
            target["enum"] = values
        for child in node.values():
            _fill_vocabularies(child, program)
    elif isinstance(node, list):
        for child in node:
            _fill_vocabularies(child, program)


def _operation(operation: Operation, refs: dict[Any, Any]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "summary": operation.summary,
        "operationId": operation.method.lower() + re.sub(r"[/{}]+", "_", operation.path).rstrip("_"),
        "tags": [operation.tag],
        "parameters": [
            {
                "name": p.name,
                "in": p.location,
                "description": p.description,
                "required": p.required,
                "schema": p.schema,
            }
            for p in operation.parameters
        ],
        "responses": {
            str(status): _response(status, refs.get((model, "serialization")) if model else None)
            for status, model in operation.responses.items()
        },
    }
    if operation.media_type != "application/json":
        document["responses"]["200"]["content"] = {operation.media_type: {"schema": {"type": "string"}}}
    if operation.optional_sign_in:
        document["security"] = [{}, {"cognito": []}]
    if operation.request is not None:
        document["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(operation.request, "validation")]}},
        }
    if operation.signed_in:
        document["security"] = [{"cognito": []}]
        # Without a token, API Gateway answers itself, with the error body its gateway responses declare.
        document["responses"].setdefault("401", _response(401, refs[(ErrorBody, "serialization")]))
    return document


def _response(status: int, schema: Any) -> dict[str, Any]:
    response: dict[str, Any] = {"description": _STATUS_TEXT.get(status, str(status))}
    if schema is not None:
        response["content"] = {"application/json": {"schema": schema}}
    return response


@endpoint(docs_routes, Operation("/openapi.json", "GET", "This document", "docs", {200: None}))
def openapi() -> dict[str, Any]:
    return openapi_document()
