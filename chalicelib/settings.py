"""Runtime configuration: every environment variable the code reads, validated once."""

import os
from functools import lru_cache

from pydantic import ConfigDict

from chalicelib.domain.limits import SUBMISSIONS_PER_SOURCE_PER_MINUTE
from chalicelib.domain.model import Model

# The stream's ARN is only known once the table exists; the cloud template sets the event source's
# stream from the table itself, and the local pump finds the local table's stream by the table name.
_STREAM_ARN_UNTIL_DEPLOYED = "arn:aws:dynamodb:us-east-1:000000000000:table/public-review/stream/pending"


class Settings(Model):
    model_config = ConfigDict(frozen=True)

    region: str
    table_name: str
    table_stream_arn: str
    program_id: str
    user_pool_id: str
    user_pool_client_id: str
    jwks_url: str
    jwt_issuer: str
    screening_queue_url: str
    notification_queue_url: str
    sender_email: str
    form_token_secret: str
    form_token_secret_arn: str
    claim_minutes: int
    submissions_per_source_per_minute: int

    @classmethod
    def from_env(cls) -> "Settings":
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        pool_id = os.environ.get("USER_POOL_ID", "")
        issuer = os.environ.get("JWT_ISSUER") or f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        return cls(
            region=region,
            table_name=os.environ.get("TABLE_NAME", "public-review"),
            table_stream_arn=os.environ.get("TABLE_STREAM_ARN", _STREAM_ARN_UNTIL_DEPLOYED),
            program_id=os.environ.get("PROGRAM_ID", "msip-6"),
            user_pool_id=pool_id,
            user_pool_client_id=os.environ.get("USER_POOL_CLIENT_ID", ""),
            jwks_url=os.environ.get("JWKS_URL") or f"{issuer}/.well-known/jwks.json",
            jwt_issuer=issuer,
            screening_queue_url=os.environ.get("SCREENING_QUEUE_URL", ""),
            notification_queue_url=os.environ.get("NOTIFICATION_QUEUE_URL", ""),
            sender_email=os.environ.get("SENDER_EMAIL", "no-reply@example.org"),
            form_token_secret=os.environ.get("FORM_TOKEN_SECRET", ""),
            form_token_secret_arn=os.environ.get("FORM_TOKEN_SECRET_ARN", ""),
            claim_minutes=int(os.environ.get("REVIEW_CLAIM_MINUTES") or 10),
            submissions_per_source_per_minute=int(
                os.environ.get("SUBMISSIONS_PER_SOURCE_PER_MINUTE") or SUBMISSIONS_PER_SOURCE_PER_MINUTE
            ),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings.from_env()
