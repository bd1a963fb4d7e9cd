"""Signing in and out in a real browser: sent to sign in and back, each person's navigation."""

from urllib.parse import urlparse

from tests.support.stack import PASSWORD, email_of


def test_a_signed_out_person_visiting_the_console_signs_in_and_comes_back_to_it(open_page):
    page = open_page()

    page.goto("/console")
    assert urlparse(page.url).path == "/sign-in"
    page.fill("#email", email_of("staff"))
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    assert urlparse(page.url).path == "/console"
    assert page.get_by_role("heading", level=1).inner_text() == "Staff console"


def test_the_sign_in_fixture_signs_a_member_in_to_their_workspace_with_javascript_off(open_page, sign_in):
    page = open_page(javascript=False)

    sign_in(page, "member-climate-and-culture")

    assert urlparse(page.url).path == "/workspace"
    assert page.get_by_role("link", name="Staff console").count() == 0
    page.get_by_role("button", name="Sign out").click()
    assert urlparse(page.url).path == "/sign-in"
    page.goto("/workspace")
    assert urlparse(page.url).path == "/sign-in"
