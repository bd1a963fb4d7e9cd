"""schemathesis against /openapi.json of the app served over HTTP, with data that fits the document and
data that breaks it: no server errors, no response that breaks the document, broken data refused."""

import threading
from collections.abc import Iterator

import pytest
import schemathesis
from chalice.config import Config
from chalice.local import LocalDevServer
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.ports import free_port

# API Gateway routes only these methods; the local HTTP server answers any other (TRACE, QUERY, …)
# itself with 501, so no request with them ever reaches our code.
ROUTED_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


@pytest.fixture(scope="module")
def live_url(chalice_app, stack) -> Iterator[str]:
    port = free_port()
    server = LocalDevServer(
        chalice_app, Config.create(chalice_stage="dev", app_name="public-review"), "127.0.0.1", port
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture(scope="module")
def api_schema(live_url):
    loaded = schemathesis.openapi.from_url(f"{live_url}/openapi.json")
    # Data that fits the document, and data that breaks it, which must be refused with a 4xx.
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
    return loaded


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_every_operation_answers_within_its_documented_contract(case, live_url):
    if case.method.upper() not in ROUTED_METHODS:
        return
    # A cursor is opaque: no schema can tell a real one from a made-up one, which is refused with 422.
    opaque = bool(case.query and "cursor" in case.query)
    case.call_and_validate(base_url=live_url, excluded_checks=[positive_data_acceptance] if opaque else [])
