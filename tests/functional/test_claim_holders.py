"""Who holds a claim is one rule on every review queue: the holder is the person signed in (their
subject), shown by the email they had when they claimed. Another reviewer is refused with the holder
named; the holder claims again and decides; and a holder whose email changed still holds the claim."""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.functional.conftest import body_of, post_json, signed_in
from tests.functional.test_recommendation_approval import drafted, submitted
from tests.functional.test_screening_and_moderation import submit
from tests.support.stack import AUTHENTICATOR_KEYS, email_of


@dataclass(frozen=True)
class ReviewQueue:
    path: str
    decision: dict[str, Any]
    queued: Callable[[Any, Any, Callable[[], None]], str]


def _feedback_waiting(client: Any, stack: Any, workers: Callable[[], None]) -> str:
    answer = submit(client, "Post the bus routes before the first day of school.")
    workers()
    return str(answer["id"])


def _revision_waiting(client: Any, stack: Any, workers: Callable[[], None]) -> str:
    recommendation_id = drafted(client, stack)
    submitted(client, stack, recommendation_id)
    return recommendation_id


QUEUES = {
    "moderation": ReviewQueue("/queues/moderation", {"action": "publish"}, _feedback_waiting),
    "approval": ReviewQueue("/queues/approval", {"action": "approve", "revision": 1}, _revision_waiting),
}


@pytest.fixture
def new_staff_member(stack) -> Iterator[Callable[[], str]]:
    """A staff account of the test's own, so changing its email touches no other test's account."""
    made: list[str] = []

    def make() -> str:
        name = f"reviewer-{uuid.uuid4().hex[:8]}"
        stack.add_user(name, ["staff"])
        made.append(name)
        return name

    yield make
    cognito = stack.aws("cognito-idp")
    for name in made:
        for email in (email_of(name), email_of(f"{name}-renamed")):
            try:
                cognito.admin_delete_user(UserPoolId=stack.user_pool_id, Username=email)
            except cognito.exceptions.UserNotFoundException:
                continue


def change_email(stack: Any, name: str) -> str:
    renamed = f"{name}-renamed"
    stack.aws("cognito-idp").admin_update_user_attributes(
        UserPoolId=stack.user_pool_id,
        Username=email_of(name),
        UserAttributes=[{"Name": "email", "Value": email_of(renamed)}],
    )
    # The person's authenticator app stays the same one, whatever their email.
    AUTHENTICATOR_KEYS[email_of(renamed)] = AUTHENTICATOR_KEYS[email_of(name)]
    return renamed


@pytest.mark.parametrize("queue", QUEUES.values(), ids=QUEUES.keys())
def test_another_reviewer_is_refused_with_the_holder_named_and_the_holder_claims_again_and_decides(
    client, stack, workers, queue
):
    item = queue.queued(client, stack, workers)

    mine = client.http.post(f"{queue.path}/{item}/claim", headers=signed_in(stack, "staff"))
    theirs = client.http.post(f"{queue.path}/{item}/claim", headers=signed_in(stack, "other-staff"))
    their_decision = post_json(
        client, f"{queue.path}/{item}/decision", queue.decision, signed_in(stack, "other-staff")
    )
    mine_again = client.http.post(f"{queue.path}/{item}/claim", headers=signed_in(stack, "staff"))
    my_decision = post_json(
        client, f"{queue.path}/{item}/decision", queue.decision, signed_in(stack, "staff")
    )

    assert mine.status_code == mine_again.status_code == 200
    assert body_of(mine)["claimed_by"] == "staff@example.org"
    assert theirs.status_code == their_decision.status_code == 409
    for refusal in (body_of(theirs), body_of(their_decision)):
        assert refusal["error"]["code"] == "claimed_by_another_reviewer"
        assert "staff@example.org" in refusal["error"]["message"]
        assert refusal["error"]["fields"][0]["problem"].startswith("held by staff@example.org until ")
    assert my_decision.status_code == 200


@pytest.mark.parametrize("queue", QUEUES.values(), ids=QUEUES.keys())
def test_a_holder_whose_email_changed_still_holds_the_claim_and_decides(
    client, stack, workers, new_staff_member, queue
):
    item = queue.queued(client, stack, workers)
    reviewer = new_staff_member()
    claimed = client.http.post(f"{queue.path}/{item}/claim", headers=signed_in(stack, reviewer))
    renamed = change_email(stack, reviewer)

    theirs = client.http.post(f"{queue.path}/{item}/claim", headers=signed_in(stack, "other-staff"))
    decision = post_json(client, f"{queue.path}/{item}/decision", queue.decision, signed_in(stack, renamed))

    assert claimed.status_code == 200
    assert theirs.status_code == 409 and email_of(reviewer) in body_of(theirs)["error"]["message"]
    assert decision.status_code == 200, decision.body
