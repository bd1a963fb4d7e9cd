"""API Gateway's own refusals (no token, an unknown path, a denying authorizer), answered locally as the
template declares them on the API (`RestAPI`'s GatewayResponses), so `make run` and the tests meet the
same bodies and headers a deployed client does."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from chalice.app import Chalice
from chalice.config import Config
from chalice.local import (
    ForbiddenError,
    HeaderType,
    LocalGateway,
    LocalGatewayException,
    NotAuthorizedError,
    ResponseType,
)

from infra.local.template import TemplateError, load_template

_MESSAGE = "$context.error.messageString"


@dataclass(frozen=True)
class GatewayResponse:
    status: int | None
    body_template: str
    headers: dict[str, str]


class GatewayRefusalError(LocalGatewayException):
    def __init__(self, status: int, headers: HeaderType, body: bytes) -> None:
        super().__init__(headers, body)
        self.CODE = status


@cache
def declared_gateway_responses() -> dict[str, GatewayResponse]:
    return gateway_responses(load_template())


def gateway_responses(template: dict[str, Any]) -> dict[str, GatewayResponse]:
    api = template["Resources"].get("RestAPI", {}).get("Properties", {})
    return {
        kind: GatewayResponse(
            status=int(declared["StatusCode"]) if "StatusCode" in declared else None,
            body_template=declared["ResponseTemplates"]["application/json"],
            headers={
                name: _static_value(name, value)
                for name, value in declared.get("ResponseParameters", {}).get("Headers", {}).items()
            },
        )
        for kind, declared in api.get("GatewayResponses", {}).items()
    }


class DeployedGateway(LocalGateway):
    """chalice's local API Gateway, answering its refusals with the declared gateway responses."""

    def __init__(self, app_object: Chalice, config: Config) -> None:
        super().__init__(app_object, config)
        self._responses = declared_gateway_responses()

    def handle_request(self, method: str, path: str, headers: HeaderType, body: bytes | None) -> ResponseType:
        try:
            return super().handle_request(method, path, headers, body)
        except LocalGatewayException as refusal:
            raise self._declared_answer(refusal) from None

    def _declared_answer(self, refusal: LocalGatewayException) -> LocalGatewayException:
        kind = response_type(refusal)
        fallback = "DEFAULT_5XX" if refusal.CODE >= 500 else "DEFAULT_4XX"
        declared = self._responses.get(kind) or self._responses.get(fallback)
        if declared is None:
            return refusal
        body = declared.body_template.replace(_MESSAGE, json.dumps(_message_of(refusal)))
        headers = {**refusal.headers, "Content-Type": "application/json", **declared.headers}
        return GatewayRefusalError(declared.status or refusal.CODE, headers, body.encode())


def response_type(refusal: LocalGatewayException) -> str:
    """The gateway response type API Gateway would use for the refusal chalice made."""
    if isinstance(refusal, NotAuthorizedError):
        return "UNAUTHORIZED"
    if isinstance(refusal, ForbiddenError):
        denied = refusal.headers.get("x-amzn-ErrorType") == "AccessDeniedException"
        return "ACCESS_DENIED" if denied else "MISSING_AUTHENTICATION_TOKEN"
    return "DEFAULT_5XX" if refusal.CODE >= 500 else "DEFAULT_4XX"


def _message_of(refusal: LocalGatewayException) -> str | None:
    try:
        document = json.loads(refusal.body or b"")
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    message = document.get("message", document.get("Message"))
    return None if message is None else str(message)


def _static_value(name: str, value: str) -> str:
    # API Gateway takes a header value in single quotes as a literal, with any quote inside escaped.
    if len(value) < 2 or not (value.startswith("'") and value.endswith("'")):
        raise TemplateError(f"gateway response header {name} is not a static value: {value}")
    return value[1:-1].replace("\\'", "'")
