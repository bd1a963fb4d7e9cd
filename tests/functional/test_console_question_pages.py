"""The console's questions about events, worked as a browser does: the queue, one question claimed and
answered through the same service as the API, an empty answer refused, and the contact at work."""

from tests.functional.conftest import body_of, post_json
from tests.functional.held_events import held_event
from tests.support.page_sessions import sign_in


def asked(client) -> tuple[str, str]:
    held = held_event()
    question = {"name": "Lee Moss", "email": "lee.moss@school.example", "question": "Is day three online?"}
    return held.id, body_of(post_json(client, f"/events/{held.id}/questions", question))["id"]


def test_staff_claim_and_answer_a_question_from_the_queue_and_an_empty_answer_says_what_to_do(client, stack):
    _, question_id = asked(client)
    staff = sign_in(client, "staff")

    queue = staff.get(client, "/console/questions").body.decode()
    claimed = staff.post(client, f"/console/questions/{question_id}/claim")
    claimed_page = staff.get(client, claimed.headers["Location"]).body.decode()
    empty = staff.post(client, f"/console/questions/{question_id}/answer", {"answer": "  "})
    answered = staff.post(client, f"/console/questions/{question_id}/answer", {"answer": "Yes, all of it."})
    answered_page = staff.get(client, answered.headers["Location"], "es").body.decode()

    assert "Is day three online?" in queue and "From Lee Moss" in queue
    assert claimed.status_code == 303 and "You are answering this question" in claimed_page
    assert empty.status_code == 400 and 'href="#answer">Enter the answer' in empty.body.decode()
    assert answered.status_code == 303
    assert "Yes, all of it." in answered_page and "Respondida." in answered_page
    assert "respondió" in answered_page and "la tomó" in answered_page
    assert "Is day three online?" not in staff.get(client, "/console/questions").body.decode()


def test_the_events_contact_answers_its_question_but_cannot_see_the_staff_queue(client, stack):
    _, question_id = asked(client)
    contact = sign_in(client, "member-academic-achievement")
    stranger = sign_in(client, "member-climate-and-culture")

    answered = contact.post(client, f"/console/questions/{question_id}/answer", {"answer": "It is."})

    assert answered.status_code == 303
    assert contact.get(client, "/console/questions").status_code == 403
    assert stranger.get(client, f"/console/questions/{question_id}").status_code == 403


def test_another_reviewer_sees_who_is_answering_a_question_and_until_when_in_the_programs_time_zone(
    client, stack
):
    _, question_id = asked(client)
    staff, other = sign_in(client, "staff"), sign_in(client, "other-staff")

    staff.post(client, f"/console/questions/{question_id}/claim")
    queue = other.get(client, "/console/questions").body.decode()
    page = other.get(client, f"/console/questions/{question_id}").body.decode()

    for shown in (queue, page):
        assert "is answering this question until" in shown
        assert "Central" in shown and "UTC" not in shown
