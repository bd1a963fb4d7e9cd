"""A claim is stored as one `claim` attribute naming its holder's subject and email. Items stored before
kept it flat (`claimed_by`, `claimed_by_name`, `claim_until`) and still read: a moderation claim named its
holder's subject, so its holder keeps it; an approval claim named only an email, so it keeps every
reviewer out, its holder too, until its lease lapses."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters import keys
from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.adapters.recommendation_repository import DynamoRecommendationRepository
from chalicelib.domain import moderation
from chalicelib.domain import recommendation_drafting as drafting
from chalicelib.domain import recommendation_review as review
from chalicelib.domain.claims import Reviewer
from chalicelib.domain.errors import ClaimHeldError
from chalicelib.domain.feedback import AuditEvent, Feedback, FeedbackStatus, Screening
from chalicelib.domain.recommendation_records import RevisionDraft
from chalicelib.domain.recommendation_views import summary

NOW = datetime.now(UTC).replace(microsecond=0)
UNTIL = NOW + timedelta(minutes=10)
ANA = Reviewer("sub-ana", "ana@agency.example")
BO = Reviewer("sub-bo", "bo@agency.example")


def flatten_claim(dynamodb: Any, table: str, pk: str, sk: str, **attributes: str) -> None:
    """Rewrites a stored item's claim the way items were written before it was one attribute."""
    names = {f"#{name}": name for name in attributes}
    dynamodb.update_item(
        TableName=table,
        Key={"PK": {"S": pk}, "SK": {"S": sk}},
        UpdateExpression="SET " + ", ".join(f"#{name} = :{name}" for name in attributes),
        ExpressionAttributeNames=names,
        ExpressionAttributeValues={f":{name}": {"S": value} for name, value in attributes.items()},
    )


def stored_screened_feedback(repository: DynamoFeedbackRepository) -> Feedback:
    received = Feedback(
        id="01JD0000000000000000000000",
        program_id="msip-6",
        team="climate-and-culture",
        body="Please post the bus routes.",
        policy_goals=[],
        consent_to_publish=True,
        status=FeedbackStatus.RECEIVED,
        submitted_at=NOW,
        receipt_hash="0" * 64,
    )
    event = AuditEvent(
        subject_id=received.id, at=NOW, action="received", actor="public", to_status="received"
    )
    repository.add(received, event, None)
    screening = Screening(
        screened_at=NOW,
        personal_information=[],
        spam_signals=[],
        spam=False,
        fingerprint="f" * 64,
        signature="1.2.3",
        cluster_id=received.id,
    )
    screened = moderation.screen(received, screening, received.body)
    repository.save(screened, received.version)
    return screened.feedback


@pytest.fixture
def dynamodb(stack) -> Any:
    return stack.aws("dynamodb")


@pytest.fixture
def table(stack) -> str:
    stack.delete_all_items()
    return stack.table_name


def test_a_moderation_claim_stored_flat_reads_with_its_holder_who_still_holds_it(dynamodb, table):
    repository = DynamoFeedbackRepository(dynamodb, table)
    item = stored_screened_feedback(repository)
    flatten_claim(
        dynamodb,
        table,
        keys.feedback_pk(item.id),
        keys.FEEDBACK_SK,
        claimed_by=ANA.id,
        claimed_by_name=ANA.name,
        claim_until=UNTIL.isoformat(),
    )

    stored = repository.get(item.id)

    assert stored is not None and stored.claim is not None
    assert (stored.claim.holder, stored.claim.until) == (ANA, UNTIL)
    with pytest.raises(ClaimHeldError) as held:
        moderation.publish(stored, BO, NOW, listed=True)
    assert ANA.name in held.value.message
    published = moderation.publish(stored, ANA, NOW, listed=True)
    repository.save(published, stored.version)
    assert repository.get(item.id).claim is None


def test_an_approval_claim_stored_flat_reads_with_its_email_and_keeps_everyone_out_until_it_lapses(
    dynamodb, table
):
    repository = DynamoRecommendationRepository(dynamodb, table)
    draft = RevisionDraft(title="Growth", body="Count growth.", change_summary="First.")
    created = drafting.create(
        recommendation_id="01JD0000000000000000000009",
        program_id="msip-6",
        team="climate-and-culture",
        draft=draft,
        author="member@district.example",
        now=NOW,
    )
    repository.save(created, expected_version=None)
    submitted = drafting.submit(created.recommendation, 1, "member@district.example", NOW)
    repository.save(submitted, expected_version=created.recommendation.version)
    flatten_claim(
        dynamodb,
        table,
        keys.recommendation_pk(created.recommendation.id),
        keys.REC_SK,
        claimed_by=ANA.name,
        claim_until=UNTIL.isoformat(),
    )

    stored = repository.get(created.recommendation.id)

    assert stored is not None and stored.claim is not None
    assert summary(stored).claimed_by == ANA.name and summary(stored).claim_until == UNTIL
    for reviewer in (BO, ANA):
        with pytest.raises(ClaimHeldError) as held:
            review.claim(stored, reviewer, NOW, timedelta(minutes=10))
        assert ANA.name in held.value.message
    lapsed = review.claim(stored, ANA, UNTIL + timedelta(seconds=1), timedelta(minutes=10))
    assert lapsed.recommendation.claim is not None and lapsed.recommendation.claim.holder == ANA
