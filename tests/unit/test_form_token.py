"""Form tokens: the served time comes back only from a genuine, fresh token; nothing a client sends raises."""

import random
import string
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.form_token import issue_form_token, read_form_token

SECRET = b"form-token-secret-for-tests-0123456789"
SERVED_AT = datetime(2025, 10, 14, 15, 30, 12, 345000, tzinfo=UTC)
LATER = SERVED_AT + timedelta(seconds=40)


def test_a_fresh_token_gives_back_when_the_form_was_served():
    token = issue_form_token(SECRET, SERVED_AT)

    assert read_form_token(SECRET, token, LATER) == SERVED_AT


def test_a_token_is_url_safe():
    token = issue_form_token(SECRET, SERVED_AT)

    assert set(token) <= set(string.ascii_letters + string.digits + "-_.")


def test_the_served_time_is_kept_to_the_millisecond():
    token = issue_form_token(SECRET, SERVED_AT + timedelta(microseconds=999))

    assert read_form_token(SECRET, token, LATER) == SERVED_AT


def test_a_token_signed_with_another_secret_is_refused():
    token = issue_form_token(b"some-other-secret", SERVED_AT)

    assert read_form_token(SECRET, token, LATER) is None


def test_a_token_with_a_changed_time_is_refused():
    milliseconds, signature = issue_form_token(SECRET, SERVED_AT).split(".")

    earlier = f"{int(milliseconds) - 60_000}.{signature}"

    assert read_form_token(SECRET, earlier, LATER) is None


def test_a_token_with_a_changed_signature_is_refused():
    token = issue_form_token(SECRET, SERVED_AT)

    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert read_form_token(SECRET, tampered, LATER) is None


def test_a_token_served_in_the_future_is_refused():
    token = issue_form_token(SECRET, LATER)

    assert read_form_token(SECRET, token, SERVED_AT) is None


def test_a_token_older_than_its_maximum_age_is_refused():
    token = issue_form_token(SECRET, SERVED_AT)

    assert read_form_token(SECRET, token, SERVED_AT + timedelta(days=1)) == SERVED_AT
    assert read_form_token(SECRET, token, SERVED_AT + timedelta(days=1, milliseconds=1)) is None
    assert read_form_token(SECRET, token, LATER, max_age=timedelta(seconds=10)) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        ".",
        "..",
        "abc",
        "1760455812345",
        "1760455812345.",
        ".c2lnbmF0dXJl",
        "-1760455812345.c2ln",
        "1760455812345.c2ln.extra",
        " 1760455812345.c2ln",
        "\uff11\uff17\uff16\uff10.c2ln",
        "9" * 15 + ".c2ln",
        "9" * 400 + ".c2ln",
        "1760455812345.\u00e9\u00e9",
        "1760455812345.\ud800",
        "\x00.\x00",
    ],
)
def test_a_malformed_token_is_refused(token):
    assert read_form_token(SECRET, token, LATER) is None


def test_no_string_makes_reading_a_token_raise():
    rng = random.Random(1014)
    genuine = issue_form_token(SECRET, SERVED_AT)
    alphabet = string.printable + "\u00e9\u2028\ud800\U0001f600\uff11"

    for _ in range(2000):
        noise = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        cut = rng.randrange(len(genuine) + 1)
        for token in (noise, genuine[:cut] + noise, noise + genuine, genuine[:cut]):
            assert read_form_token(SECRET, token, LATER) in (None, SERVED_AT)


def test_a_genuine_token_at_the_end_of_the_calendar_is_refused_without_raising():
    token = issue_form_token(SECRET, datetime.max.replace(tzinfo=UTC))

    assert read_form_token(SECRET, token, datetime.max.replace(tzinfo=UTC)) is None


def test_naive_times_are_a_programming_error():
    with pytest.raises(ValueError):
        issue_form_token(SECRET, SERVED_AT.replace(tzinfo=None))
