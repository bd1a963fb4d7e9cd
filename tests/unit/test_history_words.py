"""What an item's history says after each action, in the page's language."""

from datetime import UTC, datetime

from chalicelib.domain.feedback_views import HistoryEvent
from chalicelib.web.history_words import feedback_event_note, recommendation_event_note
from chalicelib.web.translations import Words

AT = datetime(2026, 11, 30, 20, 5, tzinfo=UTC)


def event(action: str, reason: str | None) -> HistoryEvent:
    return HistoryEvent(
        at=AT, action=action, actor="staff", from_status="screened", to_status="screened", reason=reason
    )


def test_a_claim_says_when_it_ends_in_the_programs_time_zone():
    claimed = event("claimed", "2026-11-30T20:20:00+00:00")

    assert (
        feedback_event_note(Words("en"), claimed, "America/Chicago")
        == "until 2:20\u202fPM (Central Standard Time)"
    )


def test_a_rejection_gives_its_reason_in_words_not_as_an_identifier():
    assert (
        feedback_event_note(Words("es"), event("rejected", "off-topic"), "America/Chicago") == "Fuera de tema"
    )


def test_an_event_without_a_note_says_nothing_more():
    assert feedback_event_note(Words("es"), event("received", None), "America/Chicago") == ""


def test_a_recommendations_claim_says_when_it_ends_and_a_reviewers_comment_stays_as_written():
    words = Words("es")

    claimed = recommendation_event_note(
        words, "claimed", "until 2026-11-30T20:20:00+00:00", "America/Chicago"
    )
    commented = recommendation_event_note(
        words, "changes_requested", "until the next meeting", "America/Chicago"
    )

    assert claimed == "hasta las 14:20 (hora estándar central)"
    assert commented == "until the next meeting"
