"""The event pages, read and posted as a browser does with JavaScript off: the list, the event without its
meeting link, the registration form with its error summary, and the registrant's page, where the link
shows once they have a seat and they cancel."""

from typing import Any
from urllib.parse import urlencode

from tests.functional.conftest import body_of
from tests.functional.event_journeys import published_event
from tests.functional.test_feedback_pages import BROWSER, FORM, HOST


def page(client: Any, path: str, language: str = "en") -> Any:
    return client.http.get(path, headers={"Accept": BROWSER, "Accept-Language": language, "Host": HOST})


def post_form(client: Any, path: str, fields: dict[str, str], language: str = "en") -> Any:
    headers = {"Content-Type": FORM, "Accept": BROWSER, "Accept-Language": language, "Host": HOST}
    return client.http.post(path, headers=headers, body=urlencode(fields))


def test_the_list_and_the_event_page_show_sessions_in_central_time_and_never_the_meeting_link(client, stack):
    event = published_event(client, stack)

    listing = page(client, "/events").body.decode()
    shown = page(client, f"/events/{event['id']}").body.decode()
    in_spanish = page(client, f"/events/{event['id']}", "es").body.decode()

    assert event["title"] in listing
    assert "March 25, 2027, 9:00\u202fAM CDT" in shown or "March 25, 2027, 9:00 AM CDT" in shown
    assert f"/events/{event['id']}/calendar.ics" in shown
    assert "meet.example.org" not in shown
    assert "25 de marzo de 2027" in in_spanish
    assert body_of(client.http.get(f"/events/{event['id']}"))["id"] == event["id"]


def test_a_registration_with_problems_comes_back_with_an_error_summary_and_what_was_typed(client, stack):
    event = published_event(client, stack)

    answer = post_form(
        client,
        f"/events/{event['id']}/register",
        {"name": "Ana Ruiz", "email": "not-an-address", "school": ""},
    )
    html = answer.body.decode()

    assert answer.status_code == 400
    assert 'href="#email"' in html and 'href="#school"' in html and 'href="#support_category"' in html
    assert 'value="Ana Ruiz"' in html


def test_a_registrant_registers_sees_their_seat_and_link_then_cancels(client, stack):
    event = published_event(client, stack)
    fields = {
        "name": "Ana Ruiz",
        "email": "ana.ruiz@example.org",
        "role": "principal",
        "district": "Springfield R-XII",
        "school": "Pipkin Middle",
        "support_category": "TSI",
    }

    sent = post_form(client, f"/events/{event['id']}/register", fields)
    registrant_path = sent.headers["Location"].split("?")[0]
    seated = page(client, sent.headers["Location"]).body.decode()
    again = post_form(client, f"/events/{event['id']}/register", fields)
    cancelled = post_form(client, f"{registrant_path}/cancel", {})
    after = page(client, cancelled.headers["Location"]).body.decode()

    assert sent.status_code == 303 and registrant_path.startswith(f"/events/{event['id']}/registrations/")
    assert "https://meet.example.org/convening-2027" in seated and "Confirmed" in seated
    assert again.status_code == 400 and "already registered" in again.body.decode()
    assert cancelled.status_code == 303
    assert "Your registration is cancelled." in after and "meet.example.org" not in after


def test_registering_after_the_window_says_when_it_closed_in_central_time(client, stack):
    event = published_event(
        client,
        stack,
        registration_opens_at="2026-01-01T00:00:00Z",
        registration_closes_at="2026-03-01T06:00:00Z",
    )

    answer = post_form(client, f"/events/{event['id']}/register", {"name": "Ana", "email": "ana@example.org"})

    assert answer.status_code == 400
    assert "Registration closed on March 1, 2026, 12:00" in answer.body.decode()
    assert "CST" in answer.body.decode()
