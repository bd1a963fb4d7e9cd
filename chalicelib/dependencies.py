"""What the handlers use, built once from settings; tests may configure their own."""

from dataclasses import dataclass
from datetime import UTC, datetime

from chalicelib.adapters.aws import client
from chalicelib.adapters.cognito_tokens import CognitoTokenVerifier
from chalicelib.adapters.feedback_repository import DynamoFeedbackRepository
from chalicelib.adapters.program_file import load_program
from chalicelib.domain.program import Program
from chalicelib.services.feedback import Clock, FeedbackRepository
from chalicelib.settings import Settings, settings


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Dependencies:
    program: Program
    feedback: FeedbackRepository
    verifier: CognitoTokenVerifier
    clock: Clock

    @classmethod
    def from_settings(cls, settings: Settings) -> "Dependencies":
        dynamodb = client("dynamodb", settings.region)
        return cls(
            program=load_program(settings.program_id),
            feedback=DynamoFeedbackRepository(dynamodb, settings.table_name),
            verifier=CognitoTokenVerifier(
                settings.jwks_url, settings.jwt_issuer, settings.user_pool_client_id
            ),
            clock=utc_now,
        )


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
