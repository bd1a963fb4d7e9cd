"""Around every request: a correlation id, a size limit, one error shape, no stack traces, and the
security headers."""

import re
import time
import uuid
from collections.abc import Callable

from chalice.app import Request, Response

from chalicelib.api.errors import error_response
from chalicelib.api.failures import failure_response
from chalicelib.api.routing import operation_for
from chalicelib.api.security_headers import with_security_headers
from chalicelib.domain.errors import PayloadTooLargeError
from chalicelib.observability import logger, metrics

MAX_REQUEST_BYTES = 64 * 1024
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def guard_request(request: Request, get_response: Callable[[Request], Response]) -> Response:
    correlation_id = request.context.get("requestId") or uuid.uuid4().hex
    logger.thread_safe_append_keys(correlation_id=correlation_id)
    started = time.perf_counter()
    try:
        if len(request.raw_body or b"") > MAX_REQUEST_BYTES:
            raise PayloadTooLargeError(f"The request is larger than {MAX_REQUEST_BYTES} bytes.")
        response = _in_house_shape(get_response(request))
    except Exception as error:
        response = failure_response(error)
    operation = operation_for(request.context.get("resourcePath"), request.method)
    # Pages and static files are no API operation: they say themselves how long they may be kept.
    private = operation.answers_privately if operation else not _says_how_long_to_keep(response)
    response.headers = {
        **with_security_headers(response.headers, private=private),
        "X-Correlation-Id": correlation_id,
    }
    logger.info(
        "request",
        extra={
            "method": request.method,
            "path": request.context.get("resourcePath"),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        },
    )
    metrics.flush()
    return response


def _in_house_shape(response: Response) -> Response:
    """Chalice's own errors (405, 415, 500) come as {"Code", "Message"}; give them the API's error body."""
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body and "Message" in body:
        code = _CAMEL.sub("_", str(body["Code"])).lower().removesuffix("_error")
        shaped = error_response(response.status_code, code, str(body["Message"]))
        shaped.headers = {**response.headers, **shaped.headers}
        return shaped
    return response


def _says_how_long_to_keep(response: Response) -> bool:
    return any(name.lower() == "cache-control" for name in response.headers)
