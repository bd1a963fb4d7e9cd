"""Which emails go out: none for an item screened as spam or flood, and a few a day to any one address."""

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.adapters.program_file import load_program
from chalicelib.domain.feedback import Feedback, FeedbackStatus, Screening, Submitter
from chalicelib.domain.limits import EMAILS_PER_ADDRESS_PER_DAY
from chalicelib.services.notifications import Delivery, MailAllowance, notify
from tests.fakes import InMemoryMailCounter, RecordingMailer, SettableClock

PROGRAM = load_program("msip-6")
NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
STRANGER = "stranger@example.org"


class Items:
    def __init__(self) -> None:
        self.items: dict[str, Feedback] = {}

    def get(self, feedback_id: str) -> Feedback | None:
        return self.items.get(feedback_id)

    def add(self, feedback_id: str, email: str = STRANGER, signals: tuple[str, ...] = (), spam: bool = False):
        self.items[feedback_id] = Feedback(
            id=feedback_id,
            program_id=PROGRAM.id,
            team="general",
            body="Please count growth.",
            policy_goals=[],
            submitter=Submitter(email=email),
            consent_to_publish=True,
            status=FeedbackStatus.SCREENED,
            submitted_at=NOON,
            receipt_hash="r",
            screening=Screening(
                screened_at=NOON,
                personal_information=[],
                spam_signals=list(signals),
                spam=spam,
                fingerprint="f",
                signature="s",
                cluster_id=feedback_id,
            ),
        )


@pytest.fixture
def items() -> Items:
    return Items()


@pytest.fixture
def mailer() -> RecordingMailer:
    return RecordingMailer()


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(NOON)


@pytest.fixture
def allowance(clock) -> MailAllowance:
    return MailAllowance(InMemoryMailCounter(), b"unit-test-secret", clock)


def send(kind, feedback_id, items, mailer, allowance):
    return notify(kind, feedback_id, repository=items, mailer=mailer, program=PROGRAM, allowance=allowance)


def test_one_address_gets_a_few_emails_a_day_across_kinds_and_the_rest_are_dropped(
    items, mailer, allowance, clock
):
    for number in range(10):
        items.add(f"F{number}", email=STRANGER if number % 2 else STRANGER.upper())

    outcomes = [send("acknowledgement", f"F{number}", items, mailer, allowance) for number in range(8)]
    outcomes += [send("published", "F8", items, mailer, allowance)]
    clock.now += timedelta(days=1)
    next_day = send("rejected", "F9", items, mailer, allowance)

    assert outcomes.count(Delivery.SENT) == EMAILS_PER_ADDRESS_PER_DAY
    assert outcomes.count(Delivery.OVER_DAILY_LIMIT) == 9 - EMAILS_PER_ADDRESS_PER_DAY
    assert next_day == Delivery.SENT
    assert len(mailer.sent) == EMAILS_PER_ADDRESS_PER_DAY + 1


def test_a_message_delivered_again_is_counted_once(items, mailer, allowance):
    items.add("F1")

    for _ in range(EMAILS_PER_ADDRESS_PER_DAY + 2):
        assert send("acknowledgement", "F1", items, mailer, allowance) == Delivery.SENT

    items.add("F2")
    assert send("acknowledgement", "F2", items, mailer, allowance) == Delivery.SENT


@pytest.mark.parametrize(
    ("signals", "spam"), [(("honeypot",), True), (("flood",), False), (("no_form_token", "flood"), True)]
)
def test_nothing_is_sent_for_an_item_screened_as_spam_or_flood(items, mailer, allowance, signals, spam):
    items.add("F1", signals=signals, spam=spam)

    for kind in ("acknowledgement", "published", "rejected"):
        assert send(kind, "F1", items, mailer, allowance) == Delivery.SCREENED_OUT
    assert mailer.sent == []


def test_nothing_is_sent_for_an_item_not_yet_screened(items, mailer, allowance):
    items.add("F1")
    items.items["F1"] = items.items["F1"].model_copy(update={"screening": None, "status": "received"})

    assert send("acknowledgement", "F1", items, mailer, allowance) == Delivery.SCREENED_OUT
    assert mailer.sent == []
