"""`make audit`: what counts as accepted, and what in checkov's report fails the audit."""

import pytest

from infra.audit import ACCEPTED, Failure, accepted_checks, failures


def test_every_accepted_check_in_the_committed_list_gives_a_reason():
    accepted = accepted_checks(ACCEPTED.read_text(encoding="utf-8"))

    assert accepted
    for check_id, reason in accepted.items():
        assert check_id.startswith("CKV_"), check_id
        assert len(reason.split()) >= 5, check_id


def test_a_check_accepted_without_a_reason_is_refused():
    with pytest.raises(ValueError, match="CKV_AWS_1 is accepted without a reason"):
        accepted_checks("# comment\nCKV_AWS_1\n")


def test_the_failed_checks_of_each_framework_in_the_report_are_failures():
    report = [
        {
            "results": {
                "failed_checks": [
                    {"check_id": "CKV_AWS_1", "resource": "AWS::SQS::Queue.A", "check_name": "x"}
                ]
            }
        },
        {"results": {"passed_checks": [], "failed_checks": []}},
        {"summary": {"passed": 0}},
    ]

    assert failures(report) == [Failure("CKV_AWS_1", "AWS::SQS::Queue.A", "x")]
    assert failures(report[1]) == []
