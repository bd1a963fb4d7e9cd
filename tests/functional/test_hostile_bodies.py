"""Hostile bodies sent to every route that takes one: each answers 4xx in the API's error shape, the
app logs no error, and nothing the parser says of itself reaches the caller."""

import importlib
import json
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

import chalicelib.api
from chalicelib.api.json_body import MAX_NESTING, MAX_NUMBER_CHARACTERS
from chalicelib.api.middleware import MAX_REQUEST_BYTES
from chalicelib.api.routing import OPERATIONS
from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.event_journeys import event_details, published_event, registrant
from tests.functional.held_events import held_event
from tests.functional.journeys import DRAFT, send_feedback, start_recommendation
from tests.support.logs import app_log_lines

TEAM = "academic-achievement"
MEMBER = f"member-{TEAM}"
INVISIBLE_ONLY = ("\u200b", "\u200b\u200c\u200d", "\u202e", "\u2066\u2069", "\ufeff \u2060", " \u00ad\u200b ")
BIDI = ("\u202eexe.txt", "a\u202ab\u202c", "\u2067right\u2069 left", "\u202d\u202d\u202d")
PARSER_WORDS = ("Expecting", "line 1", "column", "codec", "decode", "Exceeds the limit", "Traceback")


@dataclass(frozen=True)
class Route:
    """How to reach the parser of one route: who sends, a valid body, the fields that hold text."""

    user: str | None
    valid: dict[str, Any]
    text_fields: tuple[str, ...] = ()
    # Attendance, recordings and questions act on an event held already, with someone confirmed.
    on_held_event: bool = False


def routes_by_path(
    feedback_id: str, recommendation_id: str, event_id: str = "e", code: str = "", **_: str
) -> dict[str, Route]:
    event = event_details()
    return {
        "/events/{event_id}/questions": Route(
            None,
            {"name": "Pat", "email": "pat@school.example", "question": "Recorded?"},
            ("name", "question"),
            on_held_event=True,
        ),
        "/queues/questions/{question_id}/answer": Route("staff", {"answer": "Yes."}, ("answer",)),
        "/events/{event_id}/sessions/{session_id}/attendance": Route(
            "staff", {"how": "code", "codes": [code]}, on_held_event=True
        ),
        "/events/{event_id}/sessions/{session_id}/attendance-report": Route(
            "staff", {"csv": "email,minutes\nana@school.example,20\n"}, on_held_event=True
        ),
        "/events/{event_id}/sessions/{session_id}/recordings": Route(
            "staff",
            {"title": "Day one", "url": "https://video.example.org/1"},
            ("title",),
            on_held_event=True,
        ),
        "/events": Route("staff", event, ("title", "description", "contact.name")),
        "/events/{event_id}/edits": Route("staff", {**event, "version": 1}, ("title",)),
        "/events/{event_id}/publication": Route("staff", {"version": 1}),
        "/events/{event_id}/registrations": Route(None, registrant(1), ("name", "school")),
        "/feedback": Route(
            None,
            {
                "team": TEAM,
                "body": "Please report growth.",
                "consent_to_publish": True,
                "submitter": {"name": "Dana", "role": "parent"},
            },
            ("body", "submitter.name"),
        ),
        "/queues/moderation/{feedback_id}/decision": Route(
            "staff", {"action": "publish", "redacted_body": "Please report growth."}, ("redacted_body",)
        ),
        "/queues/approval/{recommendation_id}/decision": Route(
            "staff", {"action": "request_changes", "revision": 1, "comment": "Say more."}, ("comment",)
        ),
        "/teams/{slug}/recommendations": Route(MEMBER, DRAFT, ("title", "body", "change_summary")),
        "/recommendations/{recommendation_id}/revisions": Route(
            MEMBER, {**DRAFT, "base_revision": 1}, ("title", "body", "change_summary")
        ),
        "/recommendations/{recommendation_id}/submission": Route(MEMBER, {"revision": 1}),
        "/recommendations/{recommendation_id}/links": Route(MEMBER, {"feedback_id": feedback_id}),
        "/teams/{slug}/inbox/{feedback_id}": Route(MEMBER, {"state": "acknowledged"}),
    }


# Importing the blueprints registers their operations; the app itself needs the stack to start first.
for module in pkgutil.iter_modules(chalicelib.api.__path__, "chalicelib.api."):
    importlib.import_module(module.name)
ROUTES_WITH_A_BODY = sorted(operation.path for operation in OPERATIONS if operation.request is not None)


@dataclass(frozen=True)
class Hostile:
    what: str
    raw: bytes
    status: int
    field: str | None = None
    problem: str | None = None


def nested(depth: int, opening: str) -> str:
    closing = {"[": "]", '{"a":': "}"}[opening]
    return opening * depth + "0" + closing * depth


def with_field(valid: dict[str, Any], raw_value: str) -> bytes:
    """The valid body with one more member, written by hand so it may hold what json.dumps never writes."""
    return (json.dumps(valid)[:-1] + f', "hostile": {raw_value}}}').encode()


def hostile_bodies(route: Route) -> Iterator[Hostile]:
    valid = route.valid
    for depth in (MAX_NESTING, 100, 999, 1000, 5000):
        for opening in ("[", '{"a":'):
            # The route's own object is the first level.
            refused = depth + 1 > MAX_NESTING
            yield Hostile(
                f"a value nested {depth} levels in {opening!r}",
                with_field(valid, nested(depth, opening)),
                400 if refused else 422,
                "body" if refused else "hostile",
            )
    yield Hostile("nesting deeper than allowed alone", nested(5000, "[").encode(), 400, "body")
    for digits in (MAX_NUMBER_CHARACTERS + 1, 4300, 4301, 20_000):
        for number in (
            "9" * digits,
            "-" + "9" * (digits - 1),
            "0." + "1" * (digits - 2),
            "1" * (digits - 3) + "e10",
        ):
            yield Hostile(f"a number of {len(number)} characters", with_field(valid, number), 400, "body")
    yield Hostile(
        "a number at the allowed length", with_field(valid, "9" * MAX_NUMBER_CHARACTERS), 422, "hostile"
    )
    for constant in ("NaN", "Infinity", "-Infinity"):
        yield Hostile(f"{constant}", with_field(valid, constant), 400, "body")
    for key in valid:
        repeated = json.dumps(valid)[:-1] + f", {json.dumps(key)}: {json.dumps(valid[key])}}}"
        yield Hostile(f"the key {key!r} twice", repeated.encode(), 400, "body", f'"{key}"')
    yield Hostile("a key twice in a nested object", with_field(valid, '{"k": 1, "k": 2}'), 400, "body", '"k"')
    yield Hostile("bytes that are not UTF-8", b'{"team": "\xff\xfe"}', 400, "body")
    yield Hostile("a byte order mark", b"\xef\xbb\xbf" + json.dumps(valid).encode(), 400, "body")
    yield Hostile("a truncated string", b'{"a": "\\"\\"\\"' + b"\\" * 9, 400, "body")
    yield Hostile("unbalanced brackets", b"]]]]{{{{", 400, "body")
    yield Hostile("a body over the size limit", with_field(valid, json.dumps("x" * MAX_REQUEST_BYTES)), 413)
    for field in route.text_fields:
        for text in INVISIBLE_ONLY:
            yield Hostile(
                f"{field} of invisible characters {text!r}",
                json.dumps(replaced(valid, field, text)).encode(),
                422,
                field,
                "must not be empty",
            )


def text_bodies(route: Route) -> Iterator[bytes]:
    for field in route.text_fields:
        for text in (*BIDI, "\ud800 lone half", "\U0001f600" * 100):
            document = replaced(route.valid, field, text)
            yield json.dumps(document).encode()
            yield json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def replaced(document: dict[str, Any], dotted: str, value: str) -> dict[str, Any]:
    head, _, rest = dotted.partition(".")
    return {**document, head: replaced(document[head], rest, value) if rest else value}


@pytest.fixture
def objects(client, stack, workers) -> dict[str, str]:
    feedback = send_feedback(client, TEAM, "Growth matters more than one test score.")
    workers()
    recommendation_id = start_recommendation(client, stack, TEAM)
    # Submitted, so that a decision about it reaches the rules about its comment.
    submitted = post_json(
        client, f"/recommendations/{recommendation_id}/submission", {"revision": 1}, signed_in(stack, MEMBER)
    )
    assert submitted.status_code == 200, submitted.body
    event_id = published_event(client, stack)["id"]
    held = held_event(names=("Ana",))
    question = post_json(
        client,
        f"/events/{held.id}/questions",
        {"name": "Pat", "email": "pat@school.example", "question": "?"},
    )
    assert question.status_code == 201, question.body
    return {
        "feedback_id": feedback["id"],
        "recommendation_id": recommendation_id,
        "event_id": event_id,
        "held_event_id": held.id,
        "session_id": "day-1",
        "code": held.codes["Ana"],
        "question_id": body_of(question)["id"],
    }


def url_of(path: str, route: Route, objects: dict[str, str]) -> str:
    event_id = objects["held_event_id"] if route.on_held_event else objects["event_id"]
    return path.format(slug=TEAM, **{**objects, "event_id": event_id})


def test_every_route_the_app_serves_with_a_body_is_covered_here(chalice_app):
    served = {route for route, methods in chalice_app.routes.items() if "POST" in methods}

    assert set(routes_by_path("f", "r")) == set(ROUTES_WITH_A_BODY)
    assert set(ROUTES_WITH_A_BODY) <= served


@pytest.mark.parametrize("path", ROUTES_WITH_A_BODY)
def test_each_hostile_body_answers_a_4xx_naming_the_problem_without_the_parsers_words(
    client, stack, objects, path
):
    route = routes_by_path(**objects)[path]
    url = url_of(path, route, objects)
    headers = {"Content-Type": "application/json", **(signed_in(stack, route.user) if route.user else {})}
    wrong = []

    with app_log_lines() as log:
        for hostile in hostile_bodies(route):
            response = client.http.post(url, headers=headers, body=hostile.raw)
            error = body_of(response)["error"]
            fields = {problem["field"]: problem["problem"] for problem in error["fields"]}
            shown = json.dumps(error)
            if (
                response.status_code != hostile.status
                or (hostile.field is not None and hostile.field not in fields)
                or (
                    hostile.problem is not None and hostile.problem not in fields.get(hostile.field or "", "")
                )
                or any(word in shown for word in PARSER_WORDS)
            ):
                wrong.append((hostile.what, response.status_code, error))

    assert wrong == []
    assert '"level":"ERROR"' not in log.getvalue()


@pytest.mark.parametrize("path", ROUTES_WITH_A_BODY)
def test_text_with_bidirectional_controls_or_odd_code_points_never_answers_a_server_error(
    client, stack, objects, path
):
    route = routes_by_path(**objects)[path]
    url = url_of(path, route, objects)
    headers = {"Content-Type": "application/json", **(signed_in(stack, route.user) if route.user else {})}

    with app_log_lines() as log:
        statuses = [
            client.http.post(url, headers=headers, body=raw).status_code for raw in text_bodies(route)
        ]

    assert [status for status in statuses if status >= 500] == []
    assert '"level":"ERROR"' not in log.getvalue()
