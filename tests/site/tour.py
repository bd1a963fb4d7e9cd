"""A local stack with a little of everything a visitor can see (published feedback and a campaign, a
recommendation with two approved revisions, a receipt), served over HTTP: the pages `make screenshots`
photographs and `make lighthouse` scores, and the signed-in pages with the account that sees each."""

import contextlib
import json
import logging
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from chalice.test import Client

import tests.conftest  # noqa: F401  (fake credentials; AWS only on loopback)
from infra.local.clients import AwsClients
from infra.local.pump import EventPump
from tests.functional.conftest import FAST_PUMP, USERS, body_of, post_json, signed_in
from tests.functional.event_journeys import published_event, register, registrant
from tests.functional.held_events import held_event
from tests.functional.journeys import approve, publish_feedback, revise, send_feedback, start_recommendation
from tests.support.campaign_texts import campaign_message
from tests.support.http_server import served_over_http
from tests.support.stack import start_stack

TEAM = "climate-and-culture"


@dataclass(frozen=True)
class Tour:
    base_url: str
    pages: dict[str, str]
    # Signed-in pages whose address names a thing made for the tour: name -> (handle, path).
    signed_in_pages: dict[str, tuple[str, str]]


@contextlib.contextmanager
def site_with_data() -> Iterator[Tour]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    stack = start_stack(USERS)
    from app import app

    pump = EventPump(app, AwsClients.create(stack.endpoint, "us-east-1"), stack.resources, FAST_PUMP)
    pump.start()
    try:
        with served_over_http(app) as url, Client(app) as client:

            def settle() -> object:
                return pump.drain(timeout=60)

            pages = visible_things(client, stack, settle)
            yield Tour(url, pages, work_in_review(client, stack, settle))
    finally:
        pump.stop()
        stack.server.stop()


def visible_things(client: Client, stack: Any, settle: Callable[[], object]) -> dict[str, str]:
    """One of each thing a visitor can see, made through the API; the path of every page that shows them."""
    receipt = send_feedback(
        client,
        TEAM,
        "Our school's family nights made my son feel he belongs. Call me at 573-555-0143 if it helps.",
    )
    rng = random.Random(6)
    letters = [send_feedback(client, TEAM, campaign_message(rng)) for _ in range(4)]
    settle()
    for sent in (receipt, *letters):
        publish_feedback(client, stack, sent["id"])
    recommendation = start_recommendation(client, stack, TEAM)
    approve(client, stack, TEAM, recommendation, 1)
    revise(
        client,
        stack,
        TEAM,
        recommendation,
        1,
        body="Publish growth for every building.\n\nShow it beside proficiency and attendance on the report card.",
    )
    approve(client, stack, TEAM, recommendation, 2)
    event = published_event(client, stack)
    registered = body_of(register(client, event["id"], registrant(1)))
    settle()
    convening, certificate = held_convening(client, stack)
    return {
        "home": "/",
        "team": f"/teams/{TEAM}",
        "recommendations": "/recommendations",
        "recommendation": f"/recommendations/{recommendation}",
        "diff": f"/recommendations/{recommendation}/diff?from=1&to=2",
        "form": f"/feedback/new?team={TEAM}",
        "receipt": f"/feedback/{receipt['id']}?receipt={receipt['receipt']}",
        "problem": "/problem",
        "dashboard": "/dashboard",
        "accessibility": "/accessibility",
        "privacy": "/privacy",
        "not-found": "/teams/no-such-team",
        "sign-in": "/sign-in",
        "certificate": f"/certificates/{certificate}",
        "certificate-check": f"/certificates/verify?code={certificate}",
        "event-question": f"/events/{convening}/ask",
        "events": "/events",
        "event": f"/events/{event['id']}",
        "event-registration": f"/events/{event['id']}/register",
        "registrant": f"/events/{event['id']}/registrations/{registered['code']}",
    }


def held_convening(client: Client, stack: Any) -> tuple[str, str]:
    """A convening someone attended in full: its id, and the code of the certificate they earned."""
    held = held_event(names=("Ana",))
    for session in ("day-1", "day-2", "day-3"):
        marks = {"how": "roster", "codes": [held.codes["Ana"]]}
        post_json(
            client, f"/events/{held.id}/sessions/{session}/attendance", marks, signed_in(stack, "staff")
        )
    roster = json.loads(
        client.http.get(f"/events/{held.id}/attendance", headers=signed_in(stack, "staff")).body
    )
    return held.id, roster["rows"][0]["certificate_code"]


def work_in_review(client: Client, stack: Any, settle: Callable[[], object]) -> dict[str, tuple[str, str]]:
    """An item waiting for moderation and a revision waiting for approval; the console pages that show them."""
    waiting = send_feedback(
        client, TEAM, "The late bus makes my son miss breakfast. Call me at 573-555-0144."
    )
    recommendation = start_recommendation(client, stack, TEAM, title="Count chronic absence as climate")
    submitted = post_json(
        client,
        f"/recommendations/{recommendation}/submission",
        {"revision": 1},
        signed_in(stack, f"member-{TEAM}"),
    )
    assert submitted.status_code == 200, submitted.body
    event = published_event(client, stack, capacity=1)
    for number in (1, 2):
        register(client, event["id"], registrant(number))
    settle()
    sent_back = recommendation_sent_back(client, stack, settle)
    member = f"member-{TEAM}"
    return {
        "event-roster": ("staff", f"/console/events/{event['id']}"),
        "moderation-item": ("staff", f"/console/moderation/{waiting['id']}"),
        "approval": ("staff", f"/console/approvals/{recommendation}"),
        "audit": ("staff", f"/console/approvals/{recommendation}/audit"),
        "working-copy": (member, f"/workspace/recommendations/{sent_back}?from=1&to=2"),
        "editor": (member, f"/workspace/recommendations/{sent_back}/edit"),
    }


def recommendation_sent_back(client: Client, stack: Any, settle: Callable[[], object]) -> str:
    """A recommendation in its second revision, sent back with a comment on one of its paragraphs, and
    answering one inbox item."""
    answered = send_feedback(
        client, TEAM, "Recess before lunch would help my daughter settle in the afternoon."
    )
    settle()
    recommendation = start_recommendation(client, stack, TEAM, title="Ask about recess in the climate survey")
    quoted = "Ask how often students have recess, and when in the day."
    revise(client, stack, TEAM, recommendation, 1, body=f"Ask students how safe they feel.\n\n{quoted}")
    member, staff = signed_in(stack, f"member-{TEAM}"), signed_in(stack, "staff")
    answers = [
        post_json(
            client, f"/recommendations/{recommendation}/links", {"feedback_id": answered["id"]}, member
        ),
        post_json(client, f"/recommendations/{recommendation}/submission", {"revision": 2}, member),
        post_json(
            client,
            f"/queues/approval/{recommendation}/decision",
            {"action": "request_changes", "revision": 2, "comment": "Say which grades.", "quote": quoted},
            staff,
        ),
    ]
    assert [answer.status_code for answer in answers] == [201, 200, 200], [a.body for a in answers]
    return recommendation


# The signed-in pages, each with the demo account (a handle of USERS) that signs in to see it.
SIGNED_IN_PAGES: dict[str, tuple[str, str]] = {
    "console": ("staff", "/console"),
    "moderation": ("staff", "/console/moderation"),
    "approvals": ("staff", "/console/approvals"),
    "console-events": ("staff", "/console/events"),
    "questions": ("staff", "/console/questions"),
    "workspace": (f"member-{TEAM}", "/workspace"),
    "workspace-inbox": (f"member-{TEAM}", f"/workspace/teams/{TEAM}/inbox"),
    "workspace-recommendations": (f"member-{TEAM}", f"/workspace/teams/{TEAM}/recommendations"),
    "workspace-new-recommendation": (f"member-{TEAM}", f"/workspace/teams/{TEAM}/recommendations/new"),
    "forbidden": (f"member-{TEAM}", "/console"),
}
