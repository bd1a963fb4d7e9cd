"""schemathesis against /openapi.json of the app served over HTTP, with data that fits the document and
data that breaks it: no server errors, no response that breaks the document, broken data refused."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

# API Gateway routes only these methods; the local HTTP server answers any other (TRACE, QUERY, …)
# itself with 501, so no request with them ever reaches our code.
ROUTED_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}


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
    # OpenAPI cannot say "this parameter or that one": a receipt in both the query and the header is 400.
    twice = bool(case.query and "receipt" in case.query and case.headers and "Receipt" in case.headers)
    excluded = [positive_data_acceptance] if opaque or twice else []
    case.call_and_validate(base_url=live_url, excluded_checks=excluded)
