"""Every route, called by each kind of person, on objects of the academic-achievement team: the anonymous
public, a member of that team, a member of another team, staff, and an admin. Each cell gets objects of
its own, so one caller's write never changes what the next one meets. A route added without a row here
fails the test."""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalicelib.api.routing import OPERATIONS
from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.event_journeys import create_event, event_details, published_event, register, registrant
from tests.functional.held_events import HeldEvent, held_event
from tests.functional.journeys import DRAFT, approve, link, send_feedback, start_recommendation
from tests.support.form import filled_in_form_token

OWNER_TEAM, OTHER_TEAM = "academic-achievement", "climate-and-culture"
ANONYMOUS, OWNER, OTHER, STAFF, ADMIN = (
    "anonymous",
    f"member-{OWNER_TEAM}",
    f"member-{OTHER_TEAM}",
    "staff",
    "admin",
)
CALLERS = (ANONYMOUS, OWNER, OTHER, STAFF, ADMIN)


@dataclass
class Call:
    path: str
    body: Any = None


class World:
    """Makes the objects a cell needs, through the API, as the people who would make them."""

    def __init__(self, client: Any, stack: Any, feedback_ids: list[str]) -> None:
        self.client, self.stack, self._feedback = client, stack, feedback_ids

    def feedback(self) -> str:
        """A fresh item of the owning team, screened and waiting for moderation."""
        return self._feedback.pop()

    def draft(self) -> str:
        return start_recommendation(self.client, self.stack, OWNER_TEAM)

    def submitted(self) -> str:
        rec_id = self.draft()
        response = post_json(
            self.client,
            f"/recommendations/{rec_id}/submission",
            {"revision": 1},
            signed_in(self.stack, OWNER),
        )
        assert response.status_code == 200, response.body
        return rec_id

    def published(self) -> str:
        rec_id = self.draft()
        approve(self.client, self.stack, OWNER_TEAM, rec_id)
        return rec_id

    def claimed_feedback(self, caller: str) -> str:
        feedback_id = self.feedback()
        who = caller if caller in (STAFF, ADMIN) else STAFF
        response = self.client.http.post(
            f"/queues/moderation/{feedback_id}/claim", headers=signed_in(self.stack, who)
        )
        assert response.status_code == 200, response.body
        return feedback_id

    def claimed_recommendation(self, caller: str) -> str:
        rec_id = self.submitted()
        who = caller if caller in (STAFF, ADMIN) else STAFF
        response = self.client.http.post(
            f"/queues/approval/{rec_id}/claim", headers=signed_in(self.stack, who)
        )
        assert response.status_code == 200, response.body
        return rec_id

    def held(self) -> HeldEvent:
        """A published event whose contact is a member of the owning team, with people confirmed."""
        return held_event(names=("Ana",))

    def question(self) -> str:
        question = {"name": "Pat", "email": "pat@school.example", "question": "Is it recorded?"}
        response = post_json(self.client, f"/events/{self.held().id}/questions", question)
        assert response.status_code == 201, response.body
        return str(body_of(response)["id"])

    def claimed_question(self, caller: str) -> str:
        question_id = self.question()
        who = caller if caller in (OWNER, STAFF, ADMIN) else STAFF
        response = self.client.http.post(
            f"/queues/questions/{question_id}/claim", headers=signed_in(self.stack, who)
        )
        assert response.status_code == 200, response.body
        return question_id

    def linked(self) -> tuple[str, str]:
        rec_id, feedback_id = self.draft(), self.feedback()
        assert link(self.client, self.stack, rec_id, feedback_id, OWNER).status_code == 201
        return rec_id, feedback_id

    def event(self) -> str:
        return str(published_event(self.client, self.stack)["id"])

    def draft_event(self) -> str:
        return str(create_event(self.client, self.stack)["id"])

    def registration(self) -> tuple[str, str]:
        event_id = self.event()
        response = register(self.client, event_id, registrant(1))
        assert response.status_code == 201, response.body
        return event_id, body_of(response)["code"]


@dataclass
class Row:
    method: str
    route: str
    call: Callable[[World, str], Call]
    expected: dict[str, int]
    name: str = ""
    needs_feedback: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def expect(anonymous: int, owner: int, other: int, staff: int, admin: int) -> dict[str, int]:
    return dict(zip(CALLERS, (anonymous, owner, other, staff, admin), strict=True))


EVERYONE = expect(200, 200, 200, 200, 200)
STAFF_ONLY_READ = expect(401, 403, 403, 200, 200)
TEAM_AND_STAFF_READ = expect(401, 200, 404, 200, 200)
TEAM_WRITE = expect(401, 200, 404, 403, 403)
CONTACT_AND_STAFF = expect(401, 200, 403, 200, 200)


def _marked(w: World) -> Call:
    held = w.held()
    return Call(f"/events/{held.id}/sessions/day-1/attendance", {"how": "code", "codes": [held.codes["Ana"]]})


def _reported(w: World) -> Call:
    report = {"csv": "email,minutes\nana@school.example,90\n"}
    return Call(f"/events/{w.held().id}/sessions/day-1/attendance-report", report)


QUESTION = {"name": "Pat", "email": "pat@school.example", "question": "Will it be recorded?"}
RECORDING = {"title": "Day one", "url": "https://video.example.org/day-1"}

ROWS = [
    Row("GET", "/", lambda w, c: Call("/"), EVERYONE),
    Row("GET", "/health", lambda w, c: Call("/health"), EVERYONE),
    Row("GET", "/program", lambda w, c: Call("/program"), EVERYONE),
    Row("GET", "/teams", lambda w, c: Call("/teams"), EVERYONE),
    Row("GET", "/openapi.json", lambda w, c: Call("/openapi.json"), EVERYONE),
    Row("GET", "/form-token", lambda w, c: Call("/form-token"), EVERYONE),
    Row(
        "POST",
        "/feedback",
        lambda w, c: Call(
            "/feedback",
            {
                "team": OWNER_TEAM,
                "body": f"A note from {c}.",
                "consent_to_publish": True,
                # Many people, all at the test client's one address: from the form, a flood is no spam.
                "form_token": filled_in_form_token(),
            },
        ),
        expect(202, 202, 202, 202, 202),
    ),
    Row(
        "GET",
        "/feedback/{feedback_id}",
        lambda w, c: Call(f"/feedback/{w.feedback()}?receipt=not-the-receipt"),
        expect(404, 404, 404, 404, 404),
        name="without its receipt",
        needs_feedback=1,
    ),
    Row("GET", "/me", lambda w, c: Call("/me"), expect(401, 200, 200, 200, 200)),
    Row("GET", "/queues/moderation", lambda w, c: Call("/queues/moderation"), STAFF_ONLY_READ),
    Row(
        "POST",
        "/queues/moderation/{feedback_id}/claim",
        lambda w, c: Call(f"/queues/moderation/{w.feedback()}/claim"),
        STAFF_ONLY_READ,
        needs_feedback=1,
    ),
    Row(
        "DELETE",
        "/queues/moderation/{feedback_id}/claim",
        lambda w, c: Call(f"/queues/moderation/{w.claimed_feedback(c)}/claim"),
        expect(401, 403, 403, 204, 204),
        needs_feedback=1,
    ),
    Row(
        "POST",
        "/queues/moderation/{feedback_id}/decision",
        lambda w, c: Call(f"/queues/moderation/{w.feedback()}/decision", {"action": "publish"}),
        STAFF_ONLY_READ,
        needs_feedback=1,
    ),
    Row(
        "GET",
        "/feedback/{feedback_id}/history",
        lambda w, c: Call(f"/feedback/{w.feedback()}/history"),
        STAFF_ONLY_READ,
        needs_feedback=1,
    ),
    Row("GET", "/teams/{slug}/feedback", lambda w, c: Call(f"/teams/{OWNER_TEAM}/feedback"), EVERYONE),
    Row(
        "GET",
        "/teams/{slug}/inbox",
        lambda w, c: Call(f"/teams/{OWNER_TEAM}/inbox"),
        expect(401, 200, 403, 200, 200),
    ),
    Row(
        "POST",
        "/teams/{slug}/inbox/{feedback_id}",
        lambda w, c: Call(f"/teams/{OWNER_TEAM}/inbox/{w.feedback()}", {"state": "acknowledged"}),
        expect(401, 200, 403, 200, 200),
        needs_feedback=1,
    ),
    Row(
        "POST",
        "/teams/{slug}/inbox/{feedback_id}",
        lambda w, c: Call(f"/teams/{OTHER_TEAM}/inbox/{w.feedback()}", {"state": "acknowledged"}),
        expect(401, 403, 404, 404, 404),
        name="through another team's inbox",
        needs_feedback=1,
    ),
    Row(
        "POST",
        "/teams/{slug}/recommendations",
        lambda w, c: Call(f"/teams/{OWNER_TEAM}/recommendations", DRAFT),
        expect(401, 201, 403, 403, 403),
    ),
    Row(
        "GET",
        "/teams/{slug}/recommendations",
        lambda w, c: Call(f"/teams/{OWNER_TEAM}/recommendations"),
        expect(401, 200, 403, 200, 200),
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}/work",
        lambda w, c: Call(f"/recommendations/{w.draft()}/work"),
        TEAM_AND_STAFF_READ,
    ),
    Row(
        "POST",
        "/recommendations/{recommendation_id}/revisions",
        lambda w, c: Call(f"/recommendations/{w.draft()}/revisions", {**DRAFT, "base_revision": 1}),
        expect(401, 201, 404, 403, 403),
    ),
    Row(
        "POST",
        "/recommendations/{recommendation_id}/submission",
        lambda w, c: Call(f"/recommendations/{w.draft()}/submission", {"revision": 1}),
        TEAM_WRITE,
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}/history",
        lambda w, c: Call(f"/recommendations/{w.draft()}/history"),
        TEAM_AND_STAFF_READ,
    ),
    Row(
        "POST",
        "/recommendations/{recommendation_id}/links",
        lambda w, c: Call(f"/recommendations/{w.draft()}/links", {"feedback_id": w.feedback()}),
        expect(401, 201, 404, 403, 403),
        needs_feedback=1,
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}/links",
        lambda w, c: Call(f"/recommendations/{w.draft()}/links"),
        TEAM_AND_STAFF_READ,
    ),
    Row(
        "DELETE",
        "/recommendations/{recommendation_id}/links/{feedback_id}",
        lambda w, c: Call("/recommendations/{}/links/{}".format(*w.linked())),
        expect(401, 204, 404, 403, 403),
        needs_feedback=1,
    ),
    Row("GET", "/queues/approval", lambda w, c: Call("/queues/approval"), STAFF_ONLY_READ),
    Row(
        "POST",
        "/queues/approval/{recommendation_id}/claim",
        lambda w, c: Call(f"/queues/approval/{w.submitted()}/claim"),
        STAFF_ONLY_READ,
    ),
    Row(
        "DELETE",
        "/queues/approval/{recommendation_id}/claim",
        lambda w, c: Call(f"/queues/approval/{w.claimed_recommendation(c)}/claim"),
        expect(401, 403, 403, 204, 204),
    ),
    Row(
        "POST",
        "/queues/approval/{recommendation_id}/decision",
        lambda w, c: Call(f"/queues/approval/{w.submitted()}/decision", {"action": "approve", "revision": 1}),
        STAFF_ONLY_READ,
    ),
    Row("GET", "/recommendations", lambda w, c: Call("/recommendations"), EVERYONE),
    Row(
        "GET",
        "/recommendations/{recommendation_id}",
        lambda w, c: Call(f"/recommendations/{w.published()}"),
        EVERYONE,
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}",
        lambda w, c: Call(f"/recommendations/{w.submitted()}"),
        expect(404, 404, 404, 404, 404),
        name="a submitted, unapproved one",
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}/diff",
        lambda w, c: Call(f"/recommendations/{w.published()}/diff?from=1&to=1"),
        EVERYONE,
    ),
    Row(
        "GET",
        "/recommendations/{recommendation_id}/diff",
        lambda w, c: Call(f"/recommendations/{w.draft()}/diff?from=1&to=1"),
        expect(404, 404, 404, 404, 404),
        name="of a draft",
    ),
    Row("GET", "/exports/feedback.csv", lambda w, c: Call("/exports/feedback.csv"), EVERYONE),
    Row("GET", "/exports/recommendations.csv", lambda w, c: Call("/exports/recommendations.csv"), EVERYONE),
    Row("GET", "/exports/decisions.csv", lambda w, c: Call("/exports/decisions.csv"), EVERYONE),
    Row("POST", "/events", lambda w, c: Call("/events", event_details()), expect(401, 403, 403, 201, 201)),
    Row("GET", "/events", lambda w, c: Call("/events"), EVERYONE),
    Row("GET", "/staff/events", lambda w, c: Call("/staff/events"), STAFF_ONLY_READ),
    Row("GET", "/events/{event_id}", lambda w, c: Call(f"/events/{w.event()}"), EVERYONE),
    Row(
        "GET",
        "/events/{event_id}",
        lambda w, c: Call(f"/events/{w.draft_event()}"),
        expect(404, 404, 404, 404, 404),
        name="a draft",
    ),
    Row(
        "POST",
        "/events/{event_id}/edits",
        lambda w, c: Call(f"/events/{w.draft_event()}/edits", {**event_details(), "version": 1}),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/work",
        lambda w, c: Call(f"/events/{w.draft_event()}/work"),
        STAFF_ONLY_READ,
    ),
    Row(
        "POST",
        "/events/{event_id}/publication",
        lambda w, c: Call(f"/events/{w.draft_event()}/publication", {"version": 1}),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/calendar.ics",
        lambda w, c: Call(f"/events/{w.event()}/calendar.ics"),
        EVERYONE,
    ),
    Row(
        "POST",
        "/events/{event_id}/registrations",
        lambda w, c: Call(f"/events/{w.event()}/registrations", registrant(2)),
        expect(201, 201, 201, 201, 201),
    ),
    Row(
        "GET",
        "/events/{event_id}/registrations",
        lambda w, c: Call(f"/events/{w.registration()[0]}/registrations"),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/registrations/{code}",
        lambda w, c: Call("/events/{}/registrations/{}".format(*w.registration())),
        EVERYONE,
        name="with its code",
    ),
    Row(
        "GET",
        "/events/{event_id}/registrations/{code}",
        lambda w, c: Call(f"/events/{w.registration()[0]}/registrations/0000-0000-0000-0000"),
        expect(404, 404, 404, 404, 404),
        name="with another code",
    ),
    Row(
        "POST",
        "/events/{event_id}/registrations/{code}/cancellation",
        lambda w, c: Call("/events/{}/registrations/{}/cancellation".format(*w.registration())),
        expect(200, 403, 403, 200, 200),
        name="its holder without a token, or staff",
    ),
    Row(
        "POST",
        "/events/{event_id}/sessions/{session_id}/attendance",
        lambda w, c: _marked(w),
        STAFF_ONLY_READ,
    ),
    Row(
        "POST",
        "/events/{event_id}/sessions/{session_id}/attendance-report",
        lambda w, c: _reported(w),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/attendance",
        lambda w, c: Call(f"/events/{w.held().id}/attendance"),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/exports/roster.csv",
        lambda w, c: Call(f"/events/{w.held().id}/exports/roster.csv"),
        STAFF_ONLY_READ,
    ),
    Row(
        "GET",
        "/events/{event_id}/exports/credits.csv",
        lambda w, c: Call(f"/events/{w.held().id}/exports/credits.csv"),
        STAFF_ONLY_READ,
    ),
    Row(
        "POST",
        "/events/{event_id}/sessions/{session_id}/recordings",
        lambda w, c: Call(f"/events/{w.held().id}/sessions/day-1/recordings", RECORDING),
        expect(401, 403, 403, 201, 201),
    ),
    Row(
        "GET",
        "/events/{event_id}/recordings",
        lambda w, c: Call(f"/events/{w.held().id}/recordings"),
        EVERYONE,
    ),
    Row("GET", "/certificates/{code}", lambda w, c: Call("/certificates/AAAA-BBBB-CCCC"), EVERYONE),
    Row(
        "POST",
        "/events/{event_id}/questions",
        lambda w, c: Call(f"/events/{w.held().id}/questions", QUESTION),
        expect(201, 201, 201, 201, 201),
    ),
    Row(
        "GET",
        "/events/{event_id}/questions",
        lambda w, c: Call(f"/events/{w.held().id}/questions"),
        CONTACT_AND_STAFF,
        name="by its contact (a member of the owning team) and staff",
    ),
    Row("GET", "/queues/questions", lambda w, c: Call("/queues/questions"), STAFF_ONLY_READ),
    Row(
        "POST",
        "/queues/questions/{question_id}/claim",
        lambda w, c: Call(f"/queues/questions/{w.question()}/claim"),
        CONTACT_AND_STAFF,
    ),
    Row(
        "DELETE",
        "/queues/questions/{question_id}/claim",
        lambda w, c: Call(f"/queues/questions/{w.claimed_question(c)}/claim"),
        expect(401, 204, 403, 204, 204),
    ),
    Row(
        "POST",
        "/queues/questions/{question_id}/answer",
        lambda w, c: Call(f"/queues/questions/{w.question()}/answer", {"answer": "Yes, it will."}),
        CONTACT_AND_STAFF,
    ),
]


def call(client: Any, stack: Any, method: str, request: Call, caller: str) -> Any:
    headers = {} if caller == ANONYMOUS else signed_in(stack, caller)
    if request.body is not None:
        headers["Content-Type"] = "application/json"
    body = json.dumps(request.body) if request.body is not None else None
    return getattr(client.http, method.lower())(request.path, headers=headers, body=body)


def test_every_route_has_a_row_in_the_matrix():
    routes = {(operation.method, operation.path) for operation in OPERATIONS}

    assert routes - {(row.method, row.route) for row in ROWS} == set()


def test_each_caller_gets_exactly_the_expected_status_on_every_route_and_no_unexpected_2xx(
    client, stack, workers
):
    needed = sum(row.needs_feedback for row in ROWS) * len(CALLERS) + len(CALLERS)
    feedback_ids = [
        send_feedback(client, OWNER_TEAM, f"Item {n}: count growth for every building, please.")["id"]
        for n in range(needed)
    ]
    workers()
    world = World(client, stack, feedback_ids)

    unexpected = []
    for row in ROWS:
        for caller in CALLERS:
            request = row.call(world, caller)
            status = call(client, stack, row.method, request, caller).status_code
            if status != row.expected[caller]:
                unexpected.append((row.method, row.route, row.name, caller, row.expected[caller], status))

    assert unexpected == []


def test_the_staff_export_columns_reach_staff_and_admins_only(client, stack):
    headers = {caller: ({} if caller == ANONYMOUS else signed_in(stack, caller)) for caller in CALLERS}

    first_lines = {
        caller: client.http.get("/exports/feedback.csv", headers=headers[caller])
        .body.decode("utf-8-sig")
        .splitlines()[0]
        for caller in CALLERS
    }

    assert {caller for caller, header in first_lines.items() if "rejection_reason" in header} == {
        STAFF,
        ADMIN,
    }
    assert body_of(client.http.get("/health"))["status"] == "ok"
