"""One contract, two mail counters: the in-memory one the unit tests use and the DynamoDB one on moto
count an address's emails of a day alike. Each test counts for a recipient of its own."""

import secrets
from datetime import date, timedelta

import pytest

from chalicelib.adapters.rate_counters import DynamoMailAllowance
from tests.fakes import InMemoryMailCounter

DAY = date(2026, 11, 2)


@pytest.fixture
def in_memory():
    return InMemoryMailCounter()


@pytest.fixture
def on_dynamodb(shared_table):
    return DynamoMailAllowance(*shared_table)


@pytest.fixture(params=["in_memory", "on_dynamodb"])
def counter(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def recipient():
    return secrets.token_hex(16)


class TestMailCounterContract:
    def test_a_recipient_gets_the_days_allowance_and_no_more(self, counter, recipient):
        taken = [counter.take(recipient, DAY, f"acknowledgement#F{number}", 3) for number in range(5)]

        assert taken == [True, True, True, False, False]

    def test_a_message_counted_before_may_go_again_even_past_the_allowance(self, counter, recipient):
        for number in range(3):
            counter.take(recipient, DAY, f"acknowledgement#F{number}", 3)

        assert counter.take(recipient, DAY, "acknowledgement#F0", 3)
        assert not counter.take(recipient, DAY, "published#F0", 3)

    def test_each_day_and_each_recipient_is_counted_on_its_own(self, counter, recipient):
        for number in range(3):
            counter.take(recipient, DAY, f"acknowledgement#F{number}", 3)

        assert counter.take(recipient, DAY + timedelta(days=1), "published#F0", 3)
        assert counter.take(secrets.token_hex(16), DAY, "published#F0", 3)
