"""Routes that declare their models once: Chalice serves them and the OpenAPI document describes them."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from chalice.app import Authorizer, Blueprint, Response
from pydantic import BaseModel, ValidationError

from chalicelib.api.errors import validation_problems
from chalicelib.api.failures import failure_response
from chalicelib.api.json_body import read_object
from chalicelib.domain.errors import ValidationFailedError
from chalicelib.observability import logger

Model = TypeVar("Model", bound=BaseModel)
View = Callable[..., Any]


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    description: str
    required: bool = False
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})


@dataclass(frozen=True)
class Operation:
    path: str
    method: str
    summary: str
    tag: str
    responses: dict[int, type[BaseModel] | None]
    request: type[BaseModel] | None = None
    parameters: tuple[Parameter, ...] = ()
    signed_in: bool = False
    optional_sign_in: bool = False
    media_type: str = "application/json"
    private: bool = False

    @property
    def answers_privately(self) -> bool:
        """Its answer is for one person (a caller, a receipt holder): no cache may keep it."""
        return self.private or self.signed_in or self.optional_sign_in


OPERATIONS: list[Operation] = []
_BY_ROUTE: dict[tuple[str, str], Operation] = {}


def operation_for(path: str | None, method: str) -> Operation | None:
    return _BY_ROUTE.get((path or "", method.upper()))


def endpoint(
    blueprint: Blueprint,
    operation: Operation,
    authorizer: Authorizer | None = None,
) -> Callable[[View], View]:
    """Registers a view with Chalice and in the OpenAPI document; maps domain errors to HTTP."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def guarded(**path_parameters: str) -> Any:
            try:
                result = view(**path_parameters)
            except Exception as error:
                # Chalice would answer an error with its own 500 before the middleware saw it.
                return failure_response(error)
            return _to_response(result)

        OPERATIONS.append(operation)
        _BY_ROUTE[(operation.path, operation.method.upper())] = operation
        blueprint.route(operation.path, methods=[operation.method], authorizer=authorizer)(guarded)
        return guarded

    return decorate


def parse_body(raw_body: str | bytes | None, model: type[Model]) -> Model:
    """The one reader of request bodies: the JSON rules of chalicelib.api.json_body, then the model."""
    read_object(raw_body)
    try:
        # The body passed the strict reading above, so this second parser sees the same document.
        return model.model_validate_json(raw_body or b"")
    except ValidationError as error:
        logger.info(
            "request rejected", extra={"problems": [problem.field for problem in validation_problems(error)]}
        )
        raise ValidationFailedError(
            "The request has fields that need fixing.", validation_problems(error)
        ) from None


def respond(model: BaseModel, status: int = 200) -> Response:
    return Response(
        body=model.model_dump(mode="json"), status_code=status, headers={"Content-Type": "application/json"}
    )


def _to_response(result: Any) -> Any:
    if isinstance(result, Response):
        return result
    if isinstance(result, BaseModel):
        return result.model_dump(mode="json")
    return result
