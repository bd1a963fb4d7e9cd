"""Events in the staff console: staff see every event, drafts included, and an event's roster, and cancel
a registration there (the first in line takes the seat); a member gets the 403 page."""

from tests.functional.conftest import body_of
from tests.functional.event_journeys import create_event, published_event, register, registrant
from tests.support.page_sessions import sign_in


def test_staff_read_every_event_and_a_roster_and_cancel_a_seat_which_goes_to_the_first_in_line(client, stack):
    draft = create_event(client, stack, title="A draft meeting")
    event = published_event(client, stack, capacity=1)
    seated = body_of(register(client, event["id"], registrant(1)))
    waiting = body_of(register(client, event["id"], registrant(2)))
    staff = sign_in(client, "staff")

    listing = staff.get(client, "/console/events").body.decode()
    roster = staff.get(client, f"/console/events/{event['id']}").body.decode()
    cancelled = staff.post(client, f"/console/events/{event['id']}/cancellation", {"code": seated["code"]})
    after = staff.get(client, cancelled.headers["Location"]).body.decode()
    promoted = body_of(client.http.get(f"/events/{event['id']}/registrations/{waiting['code']}"))

    assert draft["title"] in listing and event["title"] in listing
    assert "registrant-1@example.org" in roster and seated["code"] in roster
    assert cancelled.status_code == 303
    assert "The registration is cancelled" in after
    assert promoted["status"] == "confirmed"


def test_a_member_gets_the_403_page_and_a_cancellation_without_the_csrf_token_changes_nothing(client, stack):
    event = published_event(client, stack)
    code = body_of(register(client, event["id"], registrant(1)))["code"]
    member = sign_in(client, "member-climate-and-culture")
    staff = sign_in(client, "staff")

    assert member.get(client, "/console/events").status_code == 403
    assert (
        member.post(client, f"/console/events/{event['id']}/cancellation", {"code": code}).status_code == 403
    )
    assert (
        staff.post(
            client, f"/console/events/{event['id']}/cancellation", {"code": code}, csrf=False
        ).status_code
        == 403
    )
    assert body_of(client.http.get(f"/events/{event['id']}/registrations/{code}"))["status"] == "confirmed"
