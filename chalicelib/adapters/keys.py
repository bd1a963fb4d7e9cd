"""Every key of the single table in one place (see docs/data-model.md)."""

import secrets
from datetime import datetime

FEEDBACK_SK = "FEEDBACK"
IDEMPOTENCY_SK = "IDEMPOTENCY"


def timestamp(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def feedback_pk(feedback_id: str) -> str:
    return f"FEEDBACK#{feedback_id}"


def event_sk(at: datetime) -> str:
    # The random suffix keeps two events of the same millisecond apart.
    return f"EVENT#{timestamp(at)}#{secrets.token_hex(4)}"


def team_feedback_gsi1(
    program_id: str, team: str, status: str, submitted_at: datetime, feedback_id: str
) -> dict[str, str]:
    return {
        "GSI1PK": f"TEAM#{program_id}#{team}#FEEDBACK",
        "GSI1SK": f"STATUS#{status}#{timestamp(submitted_at)}#{feedback_id}",
    }


def idempotency_pk(key_hash: str) -> str:
    return f"IDEMPOTENCY#{key_hash}"
