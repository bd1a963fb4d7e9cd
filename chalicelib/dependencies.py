"""What the handlers use, built once from settings; tests may configure their own."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.adapters.aws import LazyClient, client
from chalicelib.adapters.cognito_sign_in import CognitoPasswordSignIn
from chalicelib.adapters.cognito_tokens import CognitoTokenVerifier
from chalicelib.adapters.event_records import DynamoEventRecords
from chalicelib.adapters.event_repository import DynamoEventRepository
from chalicelib.adapters.feedback_listings import DynamoFeedbackListings
from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.adapters.outbound import SesMailer, SqsWorkQueues
from chalicelib.adapters.program_file import load_program
from chalicelib.adapters.question_repository import DynamoQuestionRepository
from chalicelib.adapters.rate_counters import DynamoMailAllowance
from chalicelib.adapters.recommendation_repository import DynamoRecommendationRepository
from chalicelib.adapters.screening_index import DynamoScreeningIndex
from chalicelib.adapters.session_store import DynamoSessionStore
from chalicelib.domain.clock import Clock
from chalicelib.domain.program import Program
from chalicelib.services.feedback import Door
from chalicelib.services.notifications import MailAllowance
from chalicelib.settings import Settings, settings


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(eq=False)  # compared and cached by identity
class Dependencies:
    program: Program
    feedback: DynamoFeedbackRepository
    recommendations: DynamoRecommendationRepository
    events: DynamoEventRepository
    listings: DynamoFeedbackListings
    screening_index: DynamoScreeningIndex
    work_queues: SqsWorkQueues
    mailer: SesMailer
    door: Door
    mail_allowance: MailAllowance
    verifier: CognitoTokenVerifier
    password_sign_in: CognitoPasswordSignIn
    sessions: DynamoSessionStore
    event_records: DynamoEventRecords
    questions: DynamoQuestionRepository
    clock: Clock
    claim_lease: timedelta
    form_secret: bytes
    table_name: str
    dynamodb: Any
    sqs: Any

    @classmethod
    def from_settings(cls, settings: Settings) -> "Dependencies":
        dynamodb = client("dynamodb", settings.region)
        sqs = LazyClient("sqs", settings.region)
        table = settings.table_name
        form_secret = _form_secret(settings)
        return cls(
            program=load_program(settings.program_id),
            feedback=DynamoFeedbackRepository(dynamodb, table),
            recommendations=DynamoRecommendationRepository(dynamodb, table),
            events=DynamoEventRepository(dynamodb, table),
            listings=DynamoFeedbackListings(dynamodb, table),
            screening_index=DynamoScreeningIndex(dynamodb, table),
            work_queues=SqsWorkQueues(
                sqs,
                {"screening": settings.screening_queue_url, "notifications": settings.notification_queue_url},
            ),
            mailer=SesMailer(LazyClient("ses", settings.region), settings.sender_email),
            door=Door(settings.submissions_per_source_per_minute),
            mail_allowance=MailAllowance(DynamoMailAllowance(dynamodb, table), form_secret, utc_now),
            verifier=CognitoTokenVerifier(
                settings.jwks_url, settings.jwt_issuer, settings.user_pool_client_id
            ),
            password_sign_in=CognitoPasswordSignIn(
                LazyClient("cognito-idp", settings.region), settings.user_pool_client_id
            ),
            sessions=DynamoSessionStore(dynamodb, table),
            event_records=DynamoEventRecords(dynamodb, table),
            questions=DynamoQuestionRepository(dynamodb, table),
            clock=utc_now,
            claim_lease=timedelta(minutes=settings.claim_minutes),
            form_secret=form_secret,
            table_name=table,
            dynamodb=dynamodb,
            sqs=sqs,
        )


def _form_secret(settings: Settings) -> bytes:
    if settings.form_token_secret:
        return settings.form_token_secret.encode()
    # In AWS only the functions that sign or check with the key are given where it is kept.
    if settings.form_token_secret_arn:
        from chalicelib.adapters.secrets import secret_string

        return secret_string(settings.form_token_secret_arn, settings.region).encode()
    # Without a configured key, tokens are only good within this process: safe, if less forgiving.
    import secrets

    return secrets.token_bytes(32)


_current: Dependencies | None = None


def configure(dependencies: Dependencies) -> None:
    global _current
    _current = dependencies


def current() -> Dependencies:
    # The authorizer runs as its own Lambda function, which imports its module but never app.py.
    if _current is None:
        configure(Dependencies.from_settings(settings()))
    assert _current is not None
    return _current
