"""Signing in and out in a real browser: sent to sign in and back, the authenticator app's code, the first
sign-in's new password and authenticator set-up, the 403 page, each with nothing axe-core can fault in
either language, with JavaScript off and on a 320 px phone."""

from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from infra.local.authenticator import current_code
from tests.e2e.conftest import axe_violations, scrolls_sideways
from tests.support.stack import PASSWORD, authenticator_code, email_of

TEMPORARY = "Temporary-Pass-1"


@pytest.fixture
def first_time_account(stack) -> Iterator[str]:
    cognito, email = stack.aws("cognito-idp"), email_of("first-time-member")
    cognito.admin_create_user(
        UserPoolId=stack.user_pool_id,
        Username=email,
        UserAttributes=[{"Name": "email", "Value": email}],
        TemporaryPassword=TEMPORARY,
        MessageAction="SUPPRESS",
    )
    cognito.admin_add_user_to_group(
        UserPoolId=stack.user_pool_id, Username=email, GroupName="team-climate-and-culture"
    )
    yield email
    cognito.admin_delete_user(UserPoolId=stack.user_pool_id, Username=email)


def fill_in(page, email: str, password: str) -> None:
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def type_code(page, code: str) -> None:
    """Types the code with the keyboard alone and sends it with Enter."""
    page.focus("#code")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_signed_out_person_visiting_the_console_signs_in_and_comes_back_to_it(open_page):
    page = open_page()

    page.goto("/console")
    assert urlparse(page.url).path == "/sign-in"
    fill_in(page, email_of("staff"), PASSWORD)
    assert urlparse(page.url).path == "/sign-in/code"
    type_code(page, authenticator_code(email_of("staff")))

    assert urlparse(page.url).path == "/console"
    assert page.get_by_role("heading", level=1).inner_text() == "Staff console"
    assert page.get_by_text("Signed in as staff@example.org").is_visible()


def test_a_member_signs_in_and_out_with_javascript_off_on_a_320_pixel_phone(open_page, sign_in):
    page = open_page(width=320, javascript=False)

    sign_in(page, "member-climate-and-culture")

    assert urlparse(page.url).path == "/workspace"
    assert not scrolls_sideways(page)
    assert page.get_by_role("link", name="Team workspace").get_attribute("aria-current") == "page"
    assert page.get_by_role("link", name="Staff console").count() == 0
    page.get_by_role("button", name="Sign out").click()
    assert urlparse(page.url).path == "/sign-in"
    assert page.get_by_text("You have signed out.").is_visible()
    page.goto("/workspace")
    assert urlparse(page.url).path == "/sign-in"


def test_a_wrong_password_is_told_in_the_error_summary_with_the_email_kept(open_page):
    page = open_page(javascript=False)
    page.goto("/sign-in")

    fill_in(page, email_of("staff"), "Not-The-Password-1")

    assert page.title().startswith("Error: ")
    assert (
        page.get_by_role("alert")
        .get_by_role("link")
        .inner_text()
        .startswith("The email address or password is not right")
    )
    assert page.input_value("#email") == email_of("staff")
    assert page.input_value("#password") == ""


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_sign_in_page_and_its_errors_have_no_accessibility_violations(open_page, language):
    page = open_page(language=language)
    page.goto("/sign-in")
    assert axe_violations(page) == []

    fill_in(page, email_of("staff"), "Not-The-Password-1")

    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_403_page_has_no_accessibility_violations(open_page, sign_in, language):
    page = open_page(language=language)
    sign_in(page, "member-climate-and-culture")

    answer = page.goto("/console")

    assert answer.status == 403
    assert page.get_by_role("heading", level=1).inner_text() in (
        "You do not have access to this page",
        "No tiene acceso a esta página",
    )
    assert axe_violations(page) == []


def test_a_new_account_sets_a_password_and_an_authenticator_then_signs_in_again_with_its_code(
    open_page, first_time_account
):
    # GIVEN a new account's first sign-in, on a 320 px phone without JavaScript
    page = open_page(width=320, javascript=False)
    page.goto("/workspace")
    fill_in(page, first_time_account, TEMPORARY)
    assert urlparse(page.url).path == "/sign-in/new-password"

    # WHEN they choose a password with the keyboard
    page.fill("#new_password", "Brand-New-Pass-9")
    page.fill("#confirm_password", "Brand-New-Pass-9")
    with page.expect_navigation():
        page.press("#confirm_password", "Enter")

    # THEN they are asked to set up an authenticator app: a QR code, its key grouped for typing, or a link
    assert urlparse(page.url).path == "/sign-in/authenticator"
    assert page.get_by_role("heading", level=1).inner_text() == "Set up your authenticator app"
    assert not scrolls_sideways(page)
    assert page.get_by_role("img", name="QR code that adds this account to an authenticator app").is_visible()
    key = page.inner_text("#authenticator-key")
    link = page.get_by_role("link", name="Add the account to my authenticator app").get_attribute("href")
    assert link.startswith("otpauth://totp/Public%20review%3A") and key.replace(" ", "") in link
    assert "secret" not in page.url and key.replace(" ", "") not in page.url
    # AND a wrong code is told beside the field, the key still there
    type_code(page, "000000")
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").get_by_role("link").inner_text().startswith("That code is not right")
    assert page.get_attribute("#code", "aria-invalid") == "true"
    assert page.inner_text("#authenticator-key") == key
    # AND the app's code signs them in where they were going
    type_code(page, current_code(key))
    assert urlparse(page.url).path == "/workspace"
    assert page.get_by_role("heading", level=1).inner_text() == "Team workspace"

    # WHEN they sign out and in again
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    fill_in(page, first_time_account, "Brand-New-Pass-9")

    # THEN the password leads to the code alone, which signs them in
    assert urlparse(page.url).path == "/sign-in/code"
    assert page.get_attribute("#code", "autocomplete") == "one-time-code"
    assert page.get_attribute("#code", "inputmode") == "numeric"
    type_code(page, current_code(key))
    assert urlparse(page.url).path == "/workspace"


@pytest.mark.parametrize("language", ["en-US", "es"])
def test_the_new_password_authenticator_and_code_pages_have_no_accessibility_violations(
    open_page, first_time_account, language
):
    page = open_page(width=320, language=language)
    page.goto("/sign-in")
    fill_in(page, first_time_account, TEMPORARY)
    assert axe_violations(page) == []
    page.fill("#new_password", "short")
    page.fill("#confirm_password", "short")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []

    page.fill("#new_password", "Brand-New-Pass-9")
    page.fill("#confirm_password", "Brand-New-Pass-9")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlparse(page.url).path == "/sign-in/authenticator"
    assert axe_violations(page) == []
    type_code(page, "12")
    assert page.get_by_role("alert").is_visible()
    assert axe_violations(page) == []
    assert not scrolls_sideways(page)

    code_page = open_page(width=320, language=language)
    code_page.goto("/sign-in")
    fill_in(code_page, email_of("staff"), PASSWORD)
    assert urlparse(code_page.url).path == "/sign-in/code"
    assert axe_violations(code_page) == []
    type_code(code_page, "000000")
    assert code_page.get_by_role("alert").is_visible()
    assert axe_violations(code_page) == []
    assert not scrolls_sideways(code_page)


def test_a_next_address_pointing_to_another_host_is_ignored_in_the_browser(open_page, site):
    page = open_page()
    page.goto("/sign-in?next=//evil.example/")

    fill_in(page, email_of("staff"), PASSWORD)
    type_code(page, authenticator_code(email_of("staff")))

    assert urlparse(page.url).netloc == urlparse(site).netloc
    assert urlparse(page.url).path == "/console"
