"""Every key of the single table in one place (see docs/data-model.md)."""

import hashlib
import secrets
from datetime import datetime

FEEDBACK_SK = "FEEDBACK"
IDEMPOTENCY_SK = "IDEMPOTENCY"
CLUSTER_SK = "CLUSTER"
FINGERPRINT_SK = "FINGERPRINT"
BUCKET_SK = "BUCKET"
COUNT_SK = "COUNT"
WORKER_IDEMPOTENCY_SK = "WORKER"
# A cluster's members and their count are spread over this many partitions, so that a campaign's burst
# is shared among them (the arithmetic is in docs/data-model.md).
CLUSTER_SHARDS = 32
# Likewise each listing a screened item enters (an inbox, the moderation queues, the screened-out items) is
# spread over this many index partitions, and read merged.
LISTING_SHARDS = 16
EVENT_PREFIX = "EVENT#"
MEMBER_PREFIX = "MEMBER#"
INDEXES = ("GSI1", "GSI2", "GSI3")


def timestamp(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def feedback_pk(feedback_id: str) -> str:
    return f"FEEDBACK#{feedback_id}"


def event_sk(at: datetime) -> str:
    # The random suffix keeps two events of the same millisecond apart.
    return f"{EVENT_PREFIX}{timestamp(at)}#{secrets.token_hex(4)}"


def idempotency_pk(key_hash: str) -> str:
    return f"IDEMPOTENCY#{key_hash}"


def team_inbox(program_id: str, team: str) -> str:
    return f"INBOX#{program_id}#{team}"


def screened_out(program_id: str) -> str:
    return f"SCREENED_OUT#{program_id}"


def moderation_queue(program_id: str, team: str | None = None) -> str:
    return f"QUEUE#{program_id}#moderation" + (f"#{team}" if team else "")


def public_feedback(program_id: str, team: str) -> str:
    return f"PUBLIC#{program_id}#{team}#FEEDBACK"


def in_time_order(at: datetime, item_id: str) -> str:
    return f"{timestamp(at)}#{item_id}"


def listing_shard(listing: str, shard: int) -> str:
    # "S" keeps a shard apart from a team: slugs are lower case.
    return f"{listing}#S{shard:02d}"


def listing_shard_of(item_id: str) -> int:
    return _spread(item_id) % LISTING_SHARDS


def listing_partitions(listing: str) -> tuple[str, ...]:
    """Every index partition a listing's items are under: its shards, then the listing's own key, which
    holds the items written before the shards until they are written again."""
    return (*(listing_shard(listing, shard) for shard in range(LISTING_SHARDS)), listing)


def source_pk(program_id: str, source: str) -> str:
    return f"SOURCE#{program_id}#{source}"


def door_pk(program_id: str, source: str) -> str:
    return f"DOOR#{program_id}#{source}"


def mail_allowance_pk(recipient: str) -> str:
    return f"MAILTO#{recipient}"


def fingerprint_pk(program_id: str, team: str, fingerprint: str) -> str:
    return f"FINGERPRINT#{program_id}#{team}#{fingerprint}"


def bucket_pk(program_id: str, team: str, bucket: str) -> str:
    return f"LSH#{program_id}#{team}#{bucket}"


def cluster_pk(cluster_id: str) -> str:
    return f"CLUSTER#{cluster_id}"


def cluster_shard_pk(cluster_id: str, shard: int) -> str:
    return f"CLUSTER#{cluster_id}#{shard:02d}"


def cluster_shard_of(feedback_id: str) -> int:
    return _spread(feedback_id) % CLUSTER_SHARDS


def _spread(item_id: str) -> int:
    digest = hashlib.sha256(item_id.encode()).digest()
    return int.from_bytes(digest[:4], "big")


def worker_idempotency_pk(idempotency_key: str) -> str:
    return f"IDEMPOTENCY#{idempotency_key}"


def member_sk(feedback_id: str) -> str:
    return f"{MEMBER_PREFIX}{feedback_id}"


REC_SK = "REC"
REVISION_PREFIX = "REV#"


def recommendation_pk(recommendation_id: str) -> str:
    return f"REC#{recommendation_id}"


def revision_sk(number: int) -> str:
    return f"{REVISION_PREFIX}{number:06d}"


def recommendation_event_sk(sequence: int) -> str:
    return f"{EVENT_PREFIX}{sequence:06d}"


def team_recommendations(program_id: str, team: str) -> str:
    return f"TEAM#{program_id}#{team}#REC"


def approval_queue(program_id: str, team: str | None = None) -> str:
    return f"QUEUE#{program_id}#approval" + (f"#{team}" if team else "")


def public_recommendations(program_id: str, team: str | None = None, policy_goal: str | None = None) -> str:
    return (
        f"PUBLIC#{program_id}#REC"
        + (f"#TEAM#{team}" if team else "")
        + (f"#GOAL#{policy_goal}" if policy_goal else "")
    )


LISTING_PREFIX = "LISTED#"
LINK_PREFIX = "LINK#"


def listing_sk(team: str | None, policy_goal: str | None) -> str:
    return f"{LISTING_PREFIX}{team or '*'}#{policy_goal or '*'}"


def link_sk(feedback_id: str) -> str:
    return f"{LINK_PREFIX}{feedback_id}"


def cited_by(feedback_id: str) -> str:
    return f"FEEDBACK#{feedback_id}#CITED_BY"


SESSION_SK = "SESSION"


def session_pk(session_key: str) -> str:
    return f"SESSION#{session_key}"


EVENT_ITEM_SK = "EVENT"
SEATS_SK = "SEATS"
REGISTRATION_PREFIX = "REG#"
REGISTERED_EMAIL_PREFIX = "EMAIL#"
WAITLIST_PREFIX = "WAIT#"


def program_event_pk(program_id: str, event_id: str) -> str:
    return f"EVENT#{program_id}#{event_id}"


def published_events(program_id: str) -> str:
    return f"PROGRAM#{program_id}#EVENTS"


def every_event(program_id: str) -> str:
    return f"PROGRAM#{program_id}#EVENTS#ALL"


def registration_sk(code: str) -> str:
    return f"{REGISTRATION_PREFIX}{code}"


def registered_email_sk(email_hash: str) -> str:
    return f"{REGISTERED_EMAIL_PREFIX}{email_hash}"


def waitlist_sk(position: int) -> str:
    return f"{WAITLIST_PREFIX}{position:06d}"


QUESTION_SK = "QUESTION"


def question_pk(question_id: str) -> str:
    return f"QUESTION#{question_id}"


def question_queue(program_id: str) -> str:
    return f"QUEUE#{program_id}#questions"


def event_questions(program_id: str, event_id: str) -> str:
    return f"EVENT#{program_id}#{event_id}#QUESTIONS"


PRESENCE_PREFIX = "ATTEND#"
CERTIFICATE_PREFIX = "CERT#"
RECORDING_PREFIX = "RECORDING#"


def presence_sk(session_id: str, registration_code: str) -> str:
    return f"{PRESENCE_PREFIX}{session_id}#{registration_code}"


def certificate_sk(registration_code: str) -> str:
    return f"{CERTIFICATE_PREFIX}{registration_code}"


def certificate_code_key(code: str) -> str:
    return f"CERTIFICATE#{code}"


def recording_sk(session_id: str, recording_id: str) -> str:
    return f"{RECORDING_PREFIX}{session_id}#{recording_id}"
