"""The staff console's moderation pages on the app and moto: the queue with what screening found, claims
shown to other reviewers, publishing an edited redaction, rejecting with a reason, a whole campaign
decided at once; a member is refused, and a form without its CSRF token changes nothing."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import dependencies
from tests.fakes import SettableClock
from tests.functional.conftest import body_of, post_json, signed_in
from tests.support.page_sessions import sign_in

NOTE = "The bus is late every morning. Call me at (573) 555-0142 about the route."
LETTER = (
    "As a parent in this district I ask the Climate and Culture team to measure school climate with "
    "a yearly family survey, to publish the results for every building, and to count chronic absence "
    "as a sign of climate and not only of attendance. Signed, {name} of {town}."
)


@pytest.fixture
def late_afternoon_in_november(client) -> Iterator[None]:
    """20:05 UTC on a November day (14:05 in Chicago), with claims that last fifteen minutes."""
    before = dependencies.current()
    clock = SettableClock(datetime(2026, 11, 30, 20, 5, tzinfo=UTC))
    dependencies.configure(replace(before, clock=clock, claim_lease=timedelta(minutes=15)))
    yield
    dependencies.configure(before)


def submit(client: Any, body: str = NOTE) -> str:
    document = {"team": "climate-and-culture", "body": body, "consent_to_publish": True}
    response = post_json(client, "/feedback", document)
    assert response.status_code == 202, response.body
    return str(body_of(response)["id"])


def history(client: Any, stack: Any, feedback_id: str) -> dict[str, Any]:
    return body_of(client.http.get(f"/feedback/{feedback_id}/history", headers=signed_in(stack, "staff")))


def public_texts(client: Any) -> list[str]:
    page = body_of(client.http.get("/teams/climate-and-culture/feedback"))
    return [item["body"] for item in page["items"]]


def test_a_member_is_shown_the_403_page_on_the_moderation_queue(client, stack):
    member = sign_in(client, "member-climate-and-culture")

    page = member.get(client, "/console/moderation")

    assert page.status_code == 403


def test_the_queue_shows_each_item_with_what_screening_found_and_a_claim_button(client, stack, workers):
    submit(client)
    workers()
    staff = sign_in(client, "staff")

    page = staff.get(client, "/console/moderation").body.decode()

    assert "phone" in page and "555-0142" not in page
    assert "Claim" in page and "1 item with this text" in page


def test_a_reviewer_claims_an_item_and_publishes_an_edited_redaction(client, stack, workers):
    feedback_id = submit(client)
    workers()
    staff = sign_in(client, "staff")

    claimed = staff.post(client, f"/console/moderation/{feedback_id}/claim")
    item_page = staff.get(client, claimed.headers["Location"]).body.decode()
    published = staff.post(
        client,
        f"/console/moderation/{feedback_id}/decision",
        {"action": "publish", "redacted_body": "The bus is late every morning."},
    )
    workers()

    assert claimed.status_code == 303 and "You are reviewing this item" in item_page
    assert "555-0142" in item_page and "<del>" in item_page
    assert published.status_code == 303 and "done=published" in published.headers["Location"]
    assert history(client, stack, feedback_id)["status"] == "published"
    assert public_texts(client) == ["The bus is late every morning."]


def test_rejecting_without_a_reason_names_the_reason_and_with_one_rejects(client, stack, workers):
    feedback_id = submit(client)
    workers()
    staff = sign_in(client, "staff")

    missing = staff.post(client, f"/console/moderation/{feedback_id}/decision", {"action": "reject"})
    rejected = staff.post(
        client, f"/console/moderation/{feedback_id}/decision", {"action": "reject", "reason": "off-topic"}
    )

    assert missing.status_code == 400 and "Choose why the item is rejected" in missing.body.decode()
    assert rejected.status_code == 303
    assert history(client, stack, feedback_id)["status"] == "rejected"


def test_an_item_another_reviewer_holds_shows_who_and_offers_no_decision(client, stack, workers):
    feedback_id = submit(client)
    workers()
    held = client.http.post(
        f"/queues/moderation/{feedback_id}/claim", headers=signed_in(stack, "other-staff")
    )
    staff = sign_in(client, "staff")

    item_page = staff.get(client, f"/console/moderation/{feedback_id}").body.decode()
    queue_page = staff.get(client, "/console/moderation").body.decode()

    assert held.status_code == 200
    assert "is reviewing this item until" in item_page
    assert "/decision" not in item_page and "/claim" not in item_page
    assert "is reviewing this item until" in queue_page and "/claim" not in queue_page


def test_a_claim_ends_at_a_time_in_the_programs_time_zone_named_in_each_language(
    client, stack, workers, late_afternoon_in_november
):
    feedback_id = submit(client)
    workers()
    client.http.post(f"/queues/moderation/{feedback_id}/claim", headers=signed_in(stack, "other-staff"))
    staff = sign_in(client, "staff")

    english = staff.get(client, f"/console/moderation/{feedback_id}").body.decode()
    spanish = staff.get(client, "/console/moderation", language="es").body.decode()

    assert "is reviewing this item until 2:20\u202fPM (Central Standard Time)." in english
    assert "14:20 (hora estándar central)" in spanish
    assert "UTC" not in english and "UTC" not in spanish


def test_the_items_history_names_each_action_and_actor_and_the_claims_end_in_spanish(client, stack, workers):
    feedback_id = submit(client)
    workers()
    staff = sign_in(client, "staff")
    staff.post(client, f"/console/moderation/{feedback_id}/claim")

    page = staff.get(client, f"/console/moderation/{feedback_id}", language="es").body.decode()

    history = page.split('<ol class="history">', 1)[1]
    assert "recibido (el público)" in history and "revisado automáticamente (revisión automática)" in history
    assert "tomado para moderación" in history and "hasta las" in history
    assert "received" not in history and "claimed" not in history and "+00:00" not in history


def test_a_decision_posted_without_its_csrf_token_changes_nothing(client, stack, workers):
    feedback_id = submit(client)
    workers()
    staff = sign_in(client, "staff")

    refused = staff.post(
        client,
        f"/console/moderation/{feedback_id}/decision",
        {"action": "reject", "reason": "spam"},
        csrf=False,
    )

    assert refused.status_code == 403
    assert history(client, stack, feedback_id)["status"] == "screened"


def test_a_whole_campaign_is_published_at_once(client, stack, workers):
    signers = [("Ana", "Columbia"), ("Ben", "Rolla"), ("Cy", "Sedalia")]
    campaign = [submit(client, LETTER.format(name=name, town=town)) for name, town in signers]
    workers()
    staff = sign_in(client, "staff")

    item_page = staff.get(client, f"/console/moderation/{campaign[0]}").body.decode()
    published = staff.post(
        client,
        f"/console/moderation/{campaign[0]}/decision",
        {
            "action": "publish",
            "redacted_body": LETTER.format(name="Ana", town="Columbia"),
            "publish_campaign": "yes",
        },
    )
    queue_page = staff.get(client, published.headers["Location"]).body.decode()

    assert "3 items with this text" in item_page
    assert published.status_code == 303
    assert "3 items decided at once" in queue_page
    assert {history(client, stack, feedback_id)["status"] for feedback_id in campaign} == {"published"}
