"""Abuse from one source: a flood of submissions is slowed at the door, and nobody can have the agency
email a stranger on demand. Time is a clock the test moves; the source is chalice's fixed local address."""

import json
import math
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import dependencies
from chalicelib.domain.limits import EMAILS_PER_ADDRESS_PER_DAY, MINUTE, SUBMISSIONS_PER_SOURCE_PER_MINUTE
from chalicelib.domain.spam import FLOOD_LIMIT
from chalicelib.services.feedback import Door
from tests.fakes import SettableClock
from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.test_feedback_pages import filled, post_form

TEAM = "climate-and-culture"


@pytest.fixture
def clock(client) -> Iterator[SettableClock]:
    """The app with the product's limit per source, and its clock (the API's and the workers' alike)
    standing still until the test moves it."""
    before = dependencies.current()
    settable = SettableClock(datetime(2026, 11, 2, 19, 30, tzinfo=UTC))
    dependencies.configure(
        replace(
            before,
            clock=settable,
            mail_allowance=replace(before.mail_allowance, clock=settable),
            door=Door(SUBMISSIONS_PER_SOURCE_PER_MINUTE),
        )
    )
    yield settable
    dependencies.configure(before)


def send(client: Any, body: str, **extra: Any) -> Any:
    return post_json(client, "/feedback", {"team": TEAM, "body": body, "consent_to_publish": True, **extra})


def emails_to(stack: Any, address: str) -> list[str]:
    return [sent.subject for sent in stack.sent_emails() if address in sent.to]


def dropped_emails(output: str) -> float:
    documents = [json.loads(line) for line in output.splitlines() if line.startswith('{"_aws"')]
    counts = [document.get("EmailsDroppedOverDailyLimit", 0) for document in documents]
    return sum(sum(count) if isinstance(count, list) else count for count in counts)


def test_two_hundred_submissions_in_fourteen_seconds_from_one_source_are_slowed_at_the_door(
    client, stack, workers, clock
):
    # GIVEN a form token served ten seconds before the flood starts
    token = body_of(client.http.get("/form-token"))["form_token"]
    clock.now += timedelta(seconds=10)

    # WHEN one source sends 200 submissions, one every 70 ms
    answers = []
    for number in range(200):
        answers.append((clock.now, send(client, f"Flood message number {number}.", form_token=token)))
        clock.now += timedelta(milliseconds=70)
    workers()

    # THEN the first 30 are accepted and the rest asked to come back at the next minute
    assert Counter(response.status_code for _, response in answers) == {
        202: SUBMISSIONS_PER_SOURCE_PER_MINUTE,
        429: 200 - SUBMISSIONS_PER_SOURCE_PER_MINUTE,
    }
    sent_at, refused = answers[SUBMISSIONS_PER_SOURCE_PER_MINUTE]
    next_minute = sent_at.replace(second=0, microsecond=0) + MINUTE
    assert refused.headers["Retry-After"] == str(math.ceil((next_minute - sent_at).total_seconds()))
    assert body_of(refused)["error"]["code"] == "too_many_requests"
    assert set(body_of(refused)["error"]) == {"code", "message", "fields"}
    # AND only the accepted reach the queue and the inbox, flagged as a flood past the flood limit
    queued = body_of(client.http.get("/queues/moderation?limit=100", headers=signed_in(stack, "staff")))
    flagged = [item for item in queued["items"] if "flood" in item["spam_signals"]]
    inbox = body_of(
        client.http.get(f"/teams/{TEAM}/inbox?limit=100", headers=signed_in(stack, f"member-{TEAM}"))
    )
    assert len(queued["items"]) == len(inbox["items"]) == SUBMISSIONS_PER_SOURCE_PER_MINUTE
    assert len(flagged) == SUBMISSIONS_PER_SOURCE_PER_MINUTE - FLOOD_LIMIT


def test_the_next_minute_a_slowed_source_is_let_in_again(client, workers, clock):
    for number in range(SUBMISSIONS_PER_SOURCE_PER_MINUTE):
        assert send(client, f"Message {number}.").status_code == 202
    assert send(client, "One too many.").status_code == 429

    clock.now += MINUTE

    assert send(client, "A minute later.").status_code == 202


def test_thirty_submissions_naming_one_stranger_send_that_address_only_a_few_emails(
    client, stack, workers, clock, capsys
):
    # GIVEN a stranger's address, and submissions spread out so that none is a flood
    stranger = f"stranger-{uuid.uuid4().hex[:8]}@example.org"
    clock.now = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)

    # WHEN 30 anonymous submissions name that address
    for number in range(30):
        response = send(client, f"Note number {number} about buses.", submitter={"email": stranger})
        assert response.status_code == 202
        clock.now += timedelta(minutes=7)
    workers()

    # THEN the address got the day's few emails, and the rest were dropped and counted
    assert len(emails_to(stack, stranger)) == EMAILS_PER_ADDRESS_PER_DAY
    assert dropped_emails(capsys.readouterr().out) == 30 - EMAILS_PER_ADDRESS_PER_DAY


def test_nothing_is_sent_for_an_item_screened_as_spam(client, stack, workers, clock):
    named = f"named-{uuid.uuid4().hex[:8]}@example.org"

    response = send(
        client, "Great post, visit my site.", website="http://spam.example", submitter={"email": named}
    )
    workers()

    assert response.status_code == 202
    assert emails_to(stack, named) == []


def test_the_feedback_form_past_the_door_limit_asks_to_wait_a_minute_and_keeps_what_was_typed(client, clock):
    # GIVEN a source that has just sent its minute's worth through the API
    for number in range(SUBMISSIONS_PER_SOURCE_PER_MINUTE):
        assert send(client, f"Message {number} about attendance.").status_code == 202

    # WHEN a person behind the same address sends the form
    page = post_form(client, filled(client, body="Our library needs longer hours."))

    # THEN the form comes back with what they typed and a plain request to wait, and nothing is stored
    html = page.body.decode()
    assert page.status_code == 400
    assert "Wait a minute, then send it again" in html
    assert "Our library needs longer hours." in html


def test_a_retry_of_an_accepted_submission_past_the_limit_gets_its_receipt_not_a_429(client, clock):
    # GIVEN a source whose minute's last accepted submission carried an Idempotency-Key
    for number in range(SUBMISSIONS_PER_SOURCE_PER_MINUTE - 1):
        assert send(client, f"Message {number} about bus routes.").status_code == 202
    key = {"Idempotency-Key": "classroom-form-30"}
    document = {"team": TEAM, "body": "The last one in time.", "consent_to_publish": True}
    accepted = post_json(client, "/feedback", document, key)

    # WHEN the connection dropped and the client sends it again with the same key
    again = post_json(client, "/feedback", document, key)

    # THEN it gets the same receipt: a retry is not a new submission
    assert (accepted.status_code, again.status_code) == (202, 202)
    assert body_of(again) == body_of(accepted)
