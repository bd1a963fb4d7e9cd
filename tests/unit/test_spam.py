"""Spam signals from the form's evidence and the text, and which of them make a submission spam."""

import pytest

from chalicelib.domain.spam import (
    FLOOD_LIMIT,
    MIN_SECONDS_TO_SUBMIT,
    SpamEvidence,
    SpamSignal,
    count_links,
    is_spam,
    spam_signals,
)

PLAIN = "Please report growth for every student group, not only proficiency."
FROM_THE_FORM = SpamEvidence(seconds_to_submit=40.0, form_token_valid=True)


def test_a_person_using_the_form_raises_no_signal():
    evidence = SpamEvidence(seconds_to_submit=95.0, form_token_valid=True, recent_from_source=1)

    assert spam_signals(PLAIN, evidence) == []


def test_a_submission_without_a_form_token_raises_a_signal_that_alone_is_not_spam():
    signals = spam_signals(PLAIN, SpamEvidence())

    assert signals == [SpamSignal.NO_FORM_TOKEN]
    assert not is_spam(signals)


def test_leaving_the_form_token_out_with_many_links_is_spam():
    text = "Buy now https://a.example https://b.example https://c.example"

    signals = spam_signals(text, SpamEvidence())

    assert signals == [SpamSignal.NO_FORM_TOKEN, SpamSignal.LINK_DENSITY]
    assert is_spam(signals)


def test_leaving_the_form_token_out_from_a_flooding_source_is_spam():
    signals = spam_signals(PLAIN, SpamEvidence(recent_from_source=FLOOD_LIMIT))

    assert signals == [SpamSignal.NO_FORM_TOKEN, SpamSignal.FLOOD]
    assert is_spam(signals)


def test_a_filled_honeypot_is_spam():
    signals = spam_signals(PLAIN, SpamEvidence(honeypot_filled=True, form_token_valid=True))

    assert signals == [SpamSignal.HONEYPOT]
    assert is_spam(signals)


def test_a_form_sent_faster_than_a_person_could_is_spam():
    signals = spam_signals(
        PLAIN, SpamEvidence(seconds_to_submit=MIN_SECONDS_TO_SUBMIT - 0.5, form_token_valid=True)
    )

    assert signals == [SpamSignal.TOO_FAST]
    assert is_spam(signals)


def test_a_form_sent_after_the_minimum_time_is_not_too_fast():
    evidence = SpamEvidence(seconds_to_submit=MIN_SECONDS_TO_SUBMIT, form_token_valid=True)

    assert spam_signals(PLAIN, evidence) == []


def test_a_forged_or_expired_form_token_is_spam():
    signals = spam_signals(PLAIN, SpamEvidence(form_token_valid=False))

    assert signals == [SpamSignal.BAD_FORM_TOKEN]
    assert is_spam(signals)


def test_links_count_as_web_addresses_with_a_scheme_or_www():
    text = "See https://dese.mo.gov/msip, http://example.org and www.example.com; not mail@www.example.com."

    assert count_links(text) == 3
    assert count_links("https://www.example.com/a") == 1


def test_three_links_are_a_signal_for_a_person_not_spam():
    text = f"{PLAIN} Sources: https://a.example/1 https://b.example/2 www.c.example"

    signals = spam_signals(text, FROM_THE_FORM)

    assert signals == [SpamSignal.LINK_DENSITY]
    assert not is_spam(signals)


def test_a_message_that_is_mostly_links_is_a_signal():
    assert spam_signals("cheap essays https://x.example https://y.example", FROM_THE_FORM) == [
        SpamSignal.LINK_DENSITY
    ]


def test_one_link_in_a_sentence_is_no_signal():
    assert spam_signals(f"{PLAIN} The rule is at https://dese.mo.gov/msip6", FROM_THE_FORM) == []


def test_a_source_past_the_flood_limit_is_a_signal_for_a_person_not_spam():
    signals = spam_signals(PLAIN, SpamEvidence(form_token_valid=True, recent_from_source=FLOOD_LIMIT))

    assert signals == [SpamSignal.FLOOD]
    assert not is_spam(signals)


def test_a_source_at_the_flood_limit_raises_no_signal():
    assert spam_signals(PLAIN, SpamEvidence(form_token_valid=True, recent_from_source=FLOOD_LIMIT - 1)) == []


def test_many_links_from_a_flooding_source_are_spam():
    text = "Buy now https://a.example https://b.example https://c.example"

    signals = spam_signals(text, SpamEvidence(form_token_valid=True, recent_from_source=FLOOD_LIMIT + 5))

    assert signals == [SpamSignal.LINK_DENSITY, SpamSignal.FLOOD]
    assert is_spam(signals)


@pytest.mark.parametrize("signal", list(SpamSignal))
def test_only_honeypot_too_fast_and_bad_token_are_spam_alone(signal):
    conclusive = {SpamSignal.HONEYPOT, SpamSignal.TOO_FAST, SpamSignal.BAD_FORM_TOKEN}

    assert is_spam([signal]) == (signal in conclusive)


def test_no_signals_is_not_spam():
    assert not is_spam([])
