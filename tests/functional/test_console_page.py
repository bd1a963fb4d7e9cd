"""The staff console at a glance, on the app and moto: what waits in each queue, the oldest wait, and
what is late by the program's working days; a member is refused."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib import dependencies
from tests.fakes import SettableClock
from tests.functional.conftest import signed_in
from tests.functional.journeys import send_feedback
from tests.support.page_sessions import sign_in


@pytest.fixture
def clock(client) -> Iterator[SettableClock]:
    before = dependencies.current()
    settable = SettableClock(datetime.now(UTC))
    dependencies.configure(replace(before, clock=settable))
    yield settable
    dependencies.configure(before)


def glance_of(page: str, heading: str) -> str:
    return page.split(heading, 1)[1].split("</li>", 1)[0]


def test_a_member_is_shown_the_403_page_on_the_console(client, stack):
    member = sign_in(client, "member-climate-and-culture")

    assert member.get(client, "/console").status_code == 403


def test_the_console_counts_what_waits_and_what_is_late_by_working_days(client, stack, workers, clock):
    today = clock.now
    clock.now = today - timedelta(days=7)
    send_feedback(client, "climate-and-culture", "The bus was late every morning last week.")
    workers()
    clock.now = today
    send_feedback(client, "climate-and-culture", "The bus is late this morning too.")
    workers()
    staff = sign_in(client, "staff")

    moderation = glance_of(staff.get(client, "/console").body.decode(), "Moderation queue")

    assert "<dt>Waiting</dt>\n      <dd>2</dd>" in moderation
    assert "<dt>Late</dt>\n      <dd>1</dd>" in moderation
    assert "7 days" in moderation


def test_a_reviewer_downloads_the_staff_feedback_export_with_the_session(client, stack, workers):
    send_feedback(client, "climate-and-culture", "Call me at 573-555-0142 about the late bus.")
    workers()
    staff = sign_in(client, "staff")

    page = staff.get(client, "/console").body.decode()
    download = staff.get(client, "/console/exports/feedback.csv")
    from_api = client.http.get("/exports/feedback.csv", headers=signed_in(stack, "staff"))

    assert 'href="/console/exports/feedback.csv"' in page
    assert download.status_code == 200 and download.headers["Content-Type"].startswith("text/csv")
    assert download.body == from_api.body and b",screened," in download.body


def test_a_member_cannot_download_a_staff_export(client, stack):
    member = sign_in(client, "member-climate-and-culture")

    assert member.get(client, "/console/exports/feedback.csv").status_code == 403
