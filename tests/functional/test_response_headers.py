"""The headers of every route's answers, to the public and to staff, read against the rules: an answer for
one person is never cached, none is sniffed or sent over plain HTTP, and JSON never runs as a page."""

import re

import pytest

from chalicelib.api.routing import OPERATIONS
from tests.functional.conftest import signed_in

ONE_YEAR = 365 * 24 * 60 * 60
JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
PLACEHOLDER_VALUES = {"slug": "academic-achievement"}
ANY_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
# Answers that hold a receipt, a form token, a registration's code or a person's certificate, besides those
# for a signed-in caller.
FOR_ONE_PERSON = {
    ("POST", "/feedback"),
    ("GET", "/feedback/{feedback_id}"),
    ("GET", "/form-token"),
    ("POST", "/events/{event_id}/questions"),
    ("GET", "/certificates/{code}"),
    ("POST", "/events/{event_id}/registrations"),
    ("GET", "/events/{event_id}/registrations/{code}"),
}


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda name: PLACEHOLDER_VALUES.get(name.group(1), ANY_ID), path)


def private(operation) -> bool:
    return (
        operation.signed_in
        or operation.optional_sign_in
        or (operation.method, operation.path) in FOR_ONE_PERSON
    )


def broken_rules(operation, response) -> list[str]:
    headers = {name.lower(): value for name, value in response.headers.items()}
    broken = []
    if private(operation) and headers.get("cache-control") != "no-store":
        broken.append(f"Cache-Control {headers.get('cache-control')}")
    if headers.get("x-content-type-options") != "nosniff":
        broken.append("nosniff")
    hsts = headers.get("strict-transport-security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    if not max_age or int(max_age.group(1)) < ONE_YEAR or "includesubdomains" not in hsts.lower():
        broken.append(f"HSTS {hsts!r}")
    if (
        headers.get("content-type", "").startswith("application/json")
        and headers.get("content-security-policy") != JSON_CSP
    ):
        broken.append(f"CSP {headers.get('content-security-policy')!r}")
    return broken


@pytest.mark.parametrize("caller", ["anonymous", "staff"])
def test_every_routes_answers_carry_the_security_headers_their_kind_needs(client, stack, caller):
    headers = {} if caller == "anonymous" else signed_in(stack, caller)

    broken = {}
    for operation in OPERATIONS:
        response = getattr(client.http, operation.method.lower())(concrete(operation.path), headers=headers)
        if rules := broken_rules(operation, response):
            broken[f"{operation.method} {operation.path} ({response.status_code})"] = rules

    assert broken == {}


def test_the_receipt_view_and_every_signed_in_route_count_as_private():
    kinds = {(operation.method, operation.path): operation.answers_privately for operation in OPERATIONS}

    assert kinds[("GET", "/feedback/{feedback_id}")]
    assert kinds[("GET", "/exports/feedback.csv")]
    assert kinds[("GET", "/me")]
    assert {key for key, is_private in kinds.items() if is_private} == {
        (operation.method, operation.path) for operation in OPERATIONS if private(operation)
    }


def test_a_public_json_answer_carries_no_cache_ban_but_every_other_header(client):
    response = client.http.get("/teams")

    assert "Cache-Control" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == JSON_CSP
