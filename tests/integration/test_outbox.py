"""`make outbox` shows what the local stack's SES has sent: each email written, as it is sent, to the outbox
file in the data folder, which outlives a restart."""

import uuid
from datetime import UTC, datetime

import pytest

from infra.local.clients import AwsClients
from infra.local.outbox import OUTBOX_FILE, SentEmail, describe, first_lines, main, sent_emails
from infra.local.sent_mail import record_new_messages
from tests.integration.conftest import fresh_clients

SENDER = "no-reply@example.org"


@pytest.fixture(scope="module")
def clients(moto_endpoint) -> AwsClients:
    """One region for the whole module (regions are few): each test finds its email by a unique subject."""
    clients = fresh_clients(moto_endpoint)
    clients.ses.verify_email_identity(EmailAddress=SENDER)
    return clients


@pytest.fixture
def outbox(tmp_path, monkeypatch):
    """The outbox file of a data folder, where `make outbox` looks (LOCAL_DATA_DIR)."""
    monkeypatch.setenv("LOCAL_DATA_DIR", str(tmp_path))
    return tmp_path / OUTBOX_FILE


def send(clients, subject: str, body: dict) -> None:
    clients.ses.send_email(
        Source=SENDER,
        Destination={"ToAddresses": ["resident@example.org"], "CcAddresses": ["staff@example.org"]},
        Message={"Subject": {"Data": subject}, "Body": body},
    )


def sent_with(subject: str, outbox) -> SentEmail:
    (found,) = [sent for sent in sent_emails(outbox) if sent.subject == subject]
    return found


def test_a_sent_email_shows_its_recipients_subject_body_and_send_time(clients, outbox):
    # GIVEN an email the app sent, recorded as the local stack records it
    subject = f"Your feedback {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "Thank you.\nTrack it with your receipt.\n\nMSIP 6"}})
    before = datetime.now(UTC).replace(microsecond=0)
    record_new_messages(outbox)

    # WHEN the outbox is read
    sent = sent_with(subject, outbox)

    # THEN it has who it went to, from whom, what it said and when
    assert sent.to == ("resident@example.org", "staff@example.org")
    assert sent.source == SENDER
    assert sent.body.startswith("Thank you.")
    assert sent.sent_at is not None and datetime.fromisoformat(sent.sent_at) >= before


def test_an_html_body_shows_as_its_text(clients, outbox):
    subject = f"Decision {uuid.uuid4()}"
    send(clients, subject, {"Html": {"Data": "<p>Your feedback was <b>approved</b> &amp; published.</p>"}})
    record_new_messages(outbox)

    sent = sent_with(subject, outbox)

    assert first_lines(sent.body, 3) == ["Your feedback was approved & published."]


def test_an_email_is_recorded_once_with_the_time_it_was_first_seen(clients, outbox):
    subject = f"Recorded once {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "x"}})
    record_new_messages(outbox, datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))

    assert record_new_messages(outbox, datetime(2031, 1, 1, tzinfo=UTC)) == 0

    assert sent_with(subject, outbox).sent_at == "2030-01-02T03:04:05+00:00"


def test_the_description_has_the_first_lines_of_the_body_only():
    sent = SentEmail("no-reply@example.org", ("a@example.org",), "Hello", "one\n\ntwo\nthree\nfour", None)

    text = describe(sent, lines=2)

    assert text.splitlines() == [
        "time unknown  to a@example.org",
        "  from:    no-reply@example.org",
        "  subject: Hello",
        "  | one",
        "  | two",
    ]


def test_the_command_prints_the_recorded_emails_without_asking_the_running_stack(clients, outbox, capsys):
    # GIVEN an email recorded in the data folder
    subject = f"Printed {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "Line one"}})
    record_new_messages(outbox)

    # WHEN `make outbox` runs (it reads the file alone: no server is asked)
    status = main(["--lines", "1"])

    # THEN it prints the email
    output = capsys.readouterr().out
    assert status == 0
    assert f"  subject: {subject}\n  | Line one" in output
    assert "sent by the local stack." in output


def test_the_command_says_so_when_nothing_was_sent(outbox, capsys):
    assert main([]) == 0
    assert "No emails sent yet" in capsys.readouterr().out
