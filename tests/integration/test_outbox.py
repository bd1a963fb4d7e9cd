"""`make outbox` shows what the local stack's SES has sent, read from the running moto server."""

import uuid
from datetime import UTC, datetime
from urllib.parse import urlparse

import pytest

from infra.local.clients import AwsClients
from infra.local.outbox import SentEmail, describe, first_lines, main, sent_emails
from infra.local.send_times import stamp_new_messages
from tests.integration.conftest import fresh_clients
from tests.support.ports import free_port

SENDER = "no-reply@example.org"


@pytest.fixture(scope="module")
def clients(moto_endpoint) -> AwsClients:
    """One region for the whole module (regions are few): each test finds its email by a unique subject."""
    clients = fresh_clients(moto_endpoint)
    clients.ses.verify_email_identity(EmailAddress=SENDER)
    return clients


def send(clients, subject: str, body: dict) -> None:
    clients.ses.send_email(
        Source=SENDER,
        Destination={"ToAddresses": ["resident@example.org"], "CcAddresses": ["staff@example.org"]},
        Message={"Subject": {"Data": subject}, "Body": body},
    )


def sent_with(subject: str, endpoint: str) -> SentEmail:
    (found,) = [sent for sent in sent_emails(endpoint) if sent.subject == subject]
    return found


@pytest.fixture
def outbox_at(moto_endpoint, monkeypatch, tmp_path):
    """`make outbox` pointed at this moto server, as MOTO_PORT does when no accounts file says otherwise."""
    monkeypatch.setenv("LOCAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MOTO_PORT", str(urlparse(moto_endpoint).port))
    return moto_endpoint


def test_a_sent_email_shows_its_recipients_subject_body_and_send_time(clients, moto_endpoint):
    # GIVEN an email the app sent, stamped as the local stack does
    subject = f"Your feedback {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "Thank you.\nTrack it with your receipt.\n\nMSIP 6"}})
    before = datetime.now(UTC).replace(microsecond=0)
    stamp_new_messages()

    # WHEN the outbox is read
    sent = sent_with(subject, moto_endpoint)

    # THEN it has who it went to, from whom, what it said and when
    assert sent.to == ("resident@example.org", "staff@example.org")
    assert sent.source == SENDER
    assert sent.body.startswith("Thank you.")
    assert sent.sent_at is not None and datetime.fromisoformat(sent.sent_at) >= before


def test_an_html_body_shows_as_its_text(clients, moto_endpoint):
    subject = f"Decision {uuid.uuid4()}"
    send(
        clients,
        subject,
        {"Html": {"Data": "<p>Your feedback was <b>approved</b> &amp; published.</p>"}},
    )

    sent = sent_with(subject, moto_endpoint)

    assert first_lines(sent.body, 3) == ["Your feedback was approved & published."]


def test_a_stamp_is_never_moved_by_a_later_one(clients, moto_endpoint):
    subject = f"Stamped once {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "x"}})
    stamp_new_messages(datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC))

    stamp_new_messages(datetime(2031, 1, 1, tzinfo=UTC))

    assert sent_with(subject, moto_endpoint).sent_at == "2030-01-02T03:04:05+00:00"


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


def test_the_command_prints_the_emails_of_the_running_stack(clients, outbox_at, capsys):
    subject = f"Printed {uuid.uuid4()}"
    send(clients, subject, {"Text": {"Data": "Line one"}})
    stamp_new_messages()

    status = main(["--lines", "1"])

    output = capsys.readouterr().out
    assert status == 0
    assert f"  subject: {subject}\n  | Line one" in output
    assert "sent by the local stack." in output


def test_the_command_says_to_start_make_run_when_nothing_answers(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("LOCAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MOTO_PORT", str(free_port()))

    assert main([]) == 1
    assert "start it with `make run`" in capsys.readouterr().err
