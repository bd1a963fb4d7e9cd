"""A school leader registers for a convening in a real browser with JavaScript off and the keyboard alone:
the error summary first, then their code and the meeting link, then cancelling; each page free of
accessibility faults, in English and Spanish."""

from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.functional.event_journeys import published_event, register, registrant


def test_a_principal_registers_with_the_keyboard_and_javascript_off_then_cancels(open_page, client, stack):
    event = published_event(client, stack)
    page = open_page(javascript=False)
    page.goto("/events")
    page.get_by_role("link", name=event["title"]).click()
    expect(page.get_by_role("link", name="Add to calendar (.ics file)")).to_be_visible()
    page.get_by_role("link", name="Register").click()

    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter your school")
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Email address").fill("ana.ruiz@example.org")
    page.get_by_label("School district").fill("Springfield R-XII")
    page.get_by_label("School", exact=True).fill("Pipkin Middle")
    page.get_by_label("TSI", exact=True).focus()
    page.keyboard.press("Space")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("your registration is saved")
    expect(page.get_by_role("link", name="https://meet.example.org/convening-2027")).to_be_visible()
    registrant_page = page.url.split("?")[0]
    # axe-core runs in the page: these checks need JavaScript, which the journey itself never did.
    checked = open_page()
    checked.goto(registrant_page)
    registered = axe_violations(checked)
    checked.goto(f"/events/{event['id']}/register")
    with checked.expect_navigation():
        checked.get_by_role("button", name="Register").click()
    errors = axe_violations(checked)
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_have_text("Your registration is cancelled.")
    expect(page.get_by_text("meet.example.org")).to_have_count(0)

    spanish = open_page(language="es")
    spanish.goto(registrant_page)
    expect(spanish.get_by_text("Esta inscripción está cancelada.")).to_be_visible()
    assert (errors, registered, axe_violations(spanish)) == ([], [], [])


def test_the_staff_roster_has_no_accessibility_fault_and_cancels_with_the_keyboard(
    open_page, sign_in, client, stack
):
    event = published_event(client, stack, capacity=1)
    for number in (1, 2):
        register(client, event["id"], registrant(number))
    page = open_page(width=320)
    sign_in(page, "staff")
    page.goto(f"/console/events/{event['id']}")
    faults = axe_violations(page)

    page.get_by_role("button", name="Cancel the registration of Registrant 1").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The registration is cancelled")
    expect(page.get_by_role("button", name="Cancel the registration of Registrant 1")).to_have_count(0)
    assert faults == []
