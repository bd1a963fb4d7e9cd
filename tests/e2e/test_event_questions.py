"""A question about an event in a real browser: asked on its form with the keyboard alone, then claimed
and answered in the console; every page on the way has nothing axe-core can fault, in either language,
and fits a 320 px phone."""

from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.functional.held_events import held_event


def test_a_question_asked_with_the_keyboard_is_claimed_and_answered_in_the_console(
    open_page, sign_in, client
):
    held = held_event()
    checked = open_page(width=320, language="es")
    checked.goto(f"/events/{held.id}/ask")
    form_faults, phone_fits = axe_violations(checked), not scrolls_sideways(checked)
    asker = open_page(width=320, javascript=False, language="es")
    asker.goto(f"/events/{held.id}/ask")
    asker.get_by_label("Su nombre").focus()
    asker.keyboard.type("Lee Moss")
    asker.keyboard.press("Tab")
    asker.keyboard.type("lee.moss.browser@school.example")
    asker.keyboard.press("Tab")
    asker.keyboard.type("¿Habrá grabación del tercer día?")
    asker.keyboard.press("Tab")
    with asker.expect_navigation():
        asker.keyboard.press("Enter")
    sent = asker.get_by_role("status").inner_text()

    staff = open_page()
    sign_in(staff, "staff")
    staff.goto("/console/questions")
    queue_faults = axe_violations(staff)
    with staff.expect_navigation():
        staff.get_by_role("link", name="From Lee Moss").click()
    question_faults = axe_violations(staff)
    with staff.expect_navigation():
        staff.get_by_role("button", name="Claim").click()
    staff.get_by_label("Your answer").fill("Sí: todas las sesiones se graban.")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Send the answer").click()

    assert form_faults == queue_faults == question_faults == []
    assert "Se envió su pregunta" in sent and phone_fits
    assert "Answered." in staff.get_by_role("status").inner_text()
    assert "Sí: todas las sesiones se graban." in staff.locator("main").inner_text()
    assert axe_violations(staff) == []
