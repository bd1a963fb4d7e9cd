import json

from tests.functional.test_feedback_intake import VALID, submit
from tests.support.logs import app_log_lines


def test_logs_carry_a_correlation_id_and_never_the_email_or_the_text(client):
    with app_log_lines() as stream:
        accepted = submit(client, {**VALID, "body": "My child's teacher Ms Unique-Name-4821 is wonderful."})
        submit(client, {**VALID, "body": "x" * 6000})

    output = stream.getvalue()
    assert f'"correlation_id":"{accepted.headers["X-Correlation-Id"]}"' in output
    assert '"status":202' in output
    assert "dana@example.org" not in output
    assert "Unique-Name-4821" not in output
    assert "xxxxxxxxxx" not in output


def test_an_accepted_submission_is_counted_as_a_metric(client, capsys):
    submit(client)

    emitted = [
        json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')
    ]
    assert [document["FeedbackReceived"] for document in emitted] == [[1.0]]
