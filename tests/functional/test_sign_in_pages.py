"""Signing in, staying signed in and signing out through the pages, on moto's Cognito: the password, then
the authenticator app's code (set up at the first sign-in); the session a cookie names, refreshed before
its ID token expires, ended with its refresh token revoked; the CSRF token every form that changes
something carries; the way back after sign-in only ever within this site."""

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from botocore.exceptions import ClientError

from chalicelib import dependencies
from chalicelib.adapters import keys
from chalicelib.domain.sessions import CHALLENGE_LIFETIME, session_key
from chalicelib.web.rendering import PAGE_POLICY
from infra.local.authenticator import current_code
from tests.fakes import SettableClock
from tests.support.page_sessions import (
    browser_headers,
    cookie_of,
    csrf_token_in,
    post_code,
    post_form,
    post_sign_in,
    post_sign_in_with_code,
    sign_in,
)
from tests.support.stack import PASSWORD, authenticator_code, email_of

TEMPORARY = "Temporary-Pass-1"


@pytest.fixture
def clock(client) -> Iterator[SettableClock]:
    before = dependencies.current()
    settable = SettableClock(datetime.now(UTC))
    dependencies.configure(replace(before, clock=settable))
    yield settable
    dependencies.configure(before)


def session_item(stack: Any, cookie: str) -> dict[str, Any] | None:
    secret = cookie.split("=", 1)[1]
    found = stack.aws("dynamodb").get_item(
        TableName=stack.table_name,
        Key={"PK": {"S": keys.session_pk(session_key(secret))}, "SK": {"S": keys.SESSION_SK}},
        ConsistentRead=True,
    )
    return found.get("Item")


def refresh(stack: Any, refresh_token: str) -> Any:
    return stack.aws("cognito-idp").initiate_auth(
        ClientId=stack.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": refresh_token},
    )


def error_summary(page: Any) -> str:
    found = re.search(
        r'<div class="usa-alert usa-alert--error error-summary".*?</div>', page.body.decode(), re.S
    )
    assert found, "the page shows no error summary"
    return found.group(0)


def new_account(stack: Any, name: str, groups: tuple[str, ...] = ("staff",), temporary: bool = False) -> str:
    cognito, email = stack.aws("cognito-idp"), email_of(name)
    cognito.admin_create_user(
        UserPoolId=stack.user_pool_id,
        Username=email,
        UserAttributes=[{"Name": "email", "Value": email}],
        MessageAction="SUPPRESS",
        **({"TemporaryPassword": TEMPORARY} if temporary else {}),
    )
    if not temporary:
        cognito.admin_set_user_password(
            UserPoolId=stack.user_pool_id, Username=email, Password=PASSWORD, Permanent=True
        )
    for group in groups:
        cognito.admin_add_user_to_group(UserPoolId=stack.user_pool_id, Username=email, GroupName=group)
    return email


@pytest.fixture
def disabled_account(stack) -> Iterator[str]:
    email = new_account(stack, "disabled-staff")
    stack.aws("cognito-idp").admin_disable_user(UserPoolId=stack.user_pool_id, Username=email)
    yield email
    stack.aws("cognito-idp").admin_delete_user(UserPoolId=stack.user_pool_id, Username=email)


@pytest.fixture
def first_time_account(stack) -> Iterator[str]:
    email = new_account(stack, "first-time-staff", temporary=True)
    yield email
    stack.aws("cognito-idp").admin_delete_user(UserPoolId=stack.user_pool_id, Username=email)


# Signing in


def test_staff_sign_in_with_their_email_password_and_authenticator_code_and_land_on_the_console(client):
    waiting = post_sign_in(client, email_of("staff"), PASSWORD)

    assert waiting.status_code == 303
    assert waiting.headers["Location"] == "/sign-in/code?next=%2Fwork"
    assert client.http.get("/console", headers=browser_headers(cookie=cookie_of(waiting))).status_code == 303
    answer = post_code(client, "/sign-in/code", waiting, authenticator_code(email_of("staff")))
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/work"
    cookie = cookie_of(answer)
    assert cookie != cookie_of(waiting)
    landing = client.http.get("/work", headers=browser_headers(cookie=cookie))
    assert landing.headers["Location"] == "/console"
    console = client.http.get("/console", headers=browser_headers(cookie=cookie))
    assert console.status_code == 200
    assert "staff@example.org" in console.body.decode()


def test_a_team_member_lands_on_the_team_workspace_and_is_offered_no_staff_console(client):
    member = sign_in(client, "member-climate-and-culture")

    assert member.get(client, "/work").headers["Location"] == "/workspace"
    workspace = member.get(client, "/workspace").body.decode()
    assert 'href="/workspace"' in workspace
    assert 'href="/console"' not in workspace


def test_the_session_cookie_is_http_only_and_same_site_lax_and_secure_except_on_plain_http_localhost(client):
    on_localhost = post_sign_in(client, email_of("staff"), PASSWORD)
    deployed_host = {**browser_headers(), "Host": "review.example.org"}
    form = client.http.get("/sign-in", headers=deployed_host)
    deployed = client.http.post(
        "/sign-in",
        headers={
            **deployed_host,
            "Cookie": cookie_of(form, "sign_in"),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=urlencode({"csrf_token": csrf_token_in(form), "email": email_of("staff"), "password": PASSWORD}),
    )

    local_cookie, deployed_cookie = (
        next(cookie for cookie in answer.headers["Set-Cookie"] if cookie.startswith("session="))
        for answer in (on_localhost, deployed)
    )
    for cookie in (local_cookie, deployed_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in local_cookie
    assert "Secure" in deployed_cookie


def test_the_cookie_holds_only_a_secret_and_the_tokens_stay_on_the_server(client, stack):
    cookie = cookie_of(post_sign_in_with_code(client, email_of("staff"), PASSWORD))

    stored = session_item(stack, cookie)
    assert stored is not None
    assert stored["id_token"]["S"].count(".") == 2 and stored["refresh_token"]["S"]
    assert len(cookie) < 100
    assert stored["id_token"]["S"] not in cookie


def test_a_wrong_password_an_unknown_account_and_a_disabled_account_read_the_same(client, disabled_account):
    answers = [
        post_sign_in(client, email_of("staff"), "Not-The-Password-1"),
        post_sign_in(client, "nobody@example.org", PASSWORD),
        post_sign_in(client, disabled_account, PASSWORD),
    ]

    assert {answer.status_code for answer in answers} == {400}
    assert len({error_summary(answer) for answer in answers}) == 1
    assert "The email address or password is not right" in error_summary(answers[0])
    for answer in answers:
        assert not any(cookie.startswith("session=") for cookie in answer.headers["Set-Cookie"])
        assert answer.body.decode().count('value="Not-The-Password-1"') == 0


def test_a_refused_sign_in_keeps_the_email_typed_and_never_the_password(client):
    answer = post_sign_in(client, email_of("staff"), "Not-The-Password-1")

    html = answer.body.decode()
    assert 'value="staff@example.org"' in html
    assert "Not-The-Password-1" not in html
    assert "<title>Error: Sign in" in html


def test_empty_fields_are_named_in_the_error_summary(client):
    answer = post_sign_in(client, "", "")

    assert answer.status_code == 400
    assert 'href="#email">Enter your email address' in answer.body.decode()
    assert 'href="#password">Enter your password' in answer.body.decode()


def test_a_sign_in_form_posted_from_another_site_without_its_cookie_signs_no_one_in(client):
    form = client.http.get("/sign-in", headers=browser_headers())

    answer = post_form(
        client,
        "/sign-in",
        {"csrf_token": csrf_token_in(form), "email": email_of("staff"), "password": PASSWORD},
    )

    assert answer.status_code == 400
    assert not any(cookie.startswith("session=") for cookie in answer.headers["Set-Cookie"])
    assert "The sign-in form had expired" in answer.body.decode()


def test_the_sign_in_page_speaks_spanish(client):
    page = client.http.get("/sign-in", headers=browser_headers("es"))

    assert "<h1>Iniciar sesión</h1>" in page.body.decode()


# The first sign-in


def test_the_first_sign_in_asks_for_a_new_password_and_then_signs_the_person_in(client, first_time_account):
    answer = post_sign_in(client, first_time_account, TEMPORARY, next_path="/console")

    assert answer.status_code == 303
    assert answer.headers["Location"] == "/sign-in/new-password?next=%2Fconsole"
    waiting = cookie_of(answer)
    assert client.http.get("/console", headers=browser_headers(cookie=waiting)).status_code == 303
    form = client.http.get(answer.headers["Location"], headers=browser_headers(cookie=waiting))
    assert form.status_code == 200
    token = csrf_token_in(form)

    def choose(new_password: str, again: str) -> Any:
        fields = {
            "csrf_token": token,
            "next": "/console",
            "new_password": new_password,
            "confirm_password": again,
        }
        return post_form(client, "/sign-in/new-password", fields, cookie=waiting)

    assert "Enter the same password twice" in choose("Brand-New-Pass-9", "Brand-New-Pass-8").body.decode()
    weak = choose("short", "short")
    assert weak.status_code == 400
    assert "at least 12 characters" in weak.body.decode()

    chosen = choose("Brand-New-Pass-9", "Brand-New-Pass-9")

    # The pool then asks for an authenticator app: its key is shown, on a page, never in an address
    assert chosen.status_code == 303
    assert chosen.headers["Location"] == "/sign-in/authenticator?next=%2Fconsole"
    setting_up = cookie_of(chosen)
    assert setting_up != waiting
    assert client.http.get("/console", headers=browser_headers(cookie=setting_up)).status_code == 303
    page = client.http.get(chosen.headers["Location"], headers=browser_headers(cookie=setting_up))
    html = page.body.decode()
    key = re.search(r'class="authenticator-key" id="authenticator-key"><code>([A-Z2-7 ]+)</code>', html)
    assert key, html
    assert re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", key.group(1))
    link = f"otpauth://totp/Public%20review%3A{first_time_account.replace('@', '%40')}?secret="
    assert link + key.group(1).replace(" ", "") in html
    assert page.headers["Cache-Control"] == "no-store"
    assert 'autocomplete="one-time-code" spellcheck="false" inputmode="numeric"' in html
    qr_code = re.search(
        r'<svg role="img" width="(\d+)" height="\1" class="qr-code"><title>([^<]+)</title>', html
    )
    assert qr_code and qr_code.group(2) == "QR code that adds this account to an authenticator app"

    wrong = post_code(client, "/sign-in/authenticator", chosen, "000000")
    assert wrong.status_code == 400
    assert 'href="#code">That code is not right' in wrong.body.decode()
    assert key.group(1) in wrong.body.decode()
    set_up = post_code(client, "/sign-in/authenticator", chosen, current_code(key.group(1)))

    assert set_up.status_code == 303
    assert set_up.headers["Location"] == "/console"
    signed_in = cookie_of(set_up)
    assert client.http.get("/console", headers=browser_headers(cookie=signed_in)).status_code == 200
    # From then on the password leads to the code
    again = post_sign_in(client, first_time_account, "Brand-New-Pass-9")
    assert again.headers["Location"] == "/sign-in/code?next=%2Fwork"
    assert (
        post_code(client, "/sign-in/code", again, current_code(key.group(1))).headers["Location"] == "/work"
    )


def test_a_code_is_asked_again_when_wrong_or_malformed_keeping_the_sign_in_under_way(client):
    waiting = post_sign_in(client, email_of("staff"), PASSWORD)

    for typed, message in (
        ("", "Enter the 6-digit code from your authenticator app"),
        ("12 34", "Enter the code as 6 digits, like 123456"),
        ("abcdef", "Enter the code as 6 digits, like 123456"),
        ("000000", "That code is not right. Enter the code your authenticator app shows now"),
    ):
        answer = post_code(client, "/sign-in/code", waiting, typed)
        assert answer.status_code == 400
        html = answer.body.decode()
        assert f'href="#code">{message}' in html
        assert "<title>Error: Enter the code from your authenticator app" in html
        assert 'aria-describedby="code-hint code-error"' in html
        assert ('value="12 34"' in html) is (typed == "12 34")
        assert "session=" not in str(answer.headers.get("Set-Cookie"))

    spaced = authenticator_code(email_of("staff"))
    answer = post_code(client, "/sign-in/code", waiting, f"{spaced[:3]} {spaced[3:]}")
    assert answer.headers["Location"] == "/work"


def test_a_code_sent_after_the_sign_in_timed_out_leads_back_to_sign_in_saying_so(client, clock):
    waiting = post_sign_in(client, email_of("staff"), PASSWORD)
    form = client.http.get(waiting.headers["Location"], headers=browser_headers(cookie=cookie_of(waiting)))
    clock.now += CHALLENGE_LIFETIME

    answer = post_form(
        client,
        "/sign-in/code",
        {"csrf_token": csrf_token_in(form), "code": "123456"},
        cookie=cookie_of(waiting),
    )

    assert answer.status_code == 400
    assert "Your sign-in timed out before it was finished. Sign in again" in error_summary(answer)
    assert "<h1>Sign in</h1>" in answer.body.decode()


def test_the_code_pages_without_a_sign_in_under_way_send_the_person_to_sign_in(client):
    for path in ("/sign-in/code", "/sign-in/authenticator"):
        answer = client.http.get(path, headers=browser_headers())
        assert answer.status_code == 303
        assert answer.headers["Location"].startswith("/sign-in?next=")


def test_a_code_posted_without_the_forms_token_is_refused(client):
    waiting = post_sign_in(client, email_of("staff"), PASSWORD)

    answer = post_form(client, "/sign-in/code", {"code": "123456"}, cookie=cookie_of(waiting))

    assert answer.status_code == 403


def test_the_code_page_speaks_spanish(client):
    waiting = post_sign_in(client, email_of("staff"), PASSWORD)

    page = client.http.get(
        waiting.headers["Location"], headers=browser_headers("es", cookie=cookie_of(waiting))
    )

    assert "<h1>Introduzca el código de su aplicación de autenticación</h1>" in page.body.decode()


def test_the_new_password_page_without_a_first_sign_in_under_way_sends_the_person_to_sign_in(client):
    answer = client.http.get("/sign-in/new-password", headers=browser_headers())

    assert answer.status_code == 303
    assert answer.headers["Location"].startswith("/sign-in?next=")


def test_a_new_password_posted_without_the_forms_token_is_refused(client, first_time_account):
    waiting = cookie_of(post_sign_in(client, first_time_account, TEMPORARY))

    answer = post_form(
        client,
        "/sign-in/new-password",
        {"new_password": "Brand-New-Pass-9", "confirm_password": "Brand-New-Pass-9"},
        cookie=waiting,
    )

    assert answer.status_code == 403
    assert post_sign_in(client, first_time_account, TEMPORARY).status_code == 303


# Staying signed in


def test_the_tokens_are_refreshed_before_the_id_token_expires(client, stack, clock):
    staff = sign_in(client, "staff")
    before = session_item(stack, staff.cookie)

    clock.now += timedelta(minutes=50)
    assert staff.get(client, "/console").status_code == 200
    assert session_item(stack, staff.cookie)["version"] == before["version"]

    clock.now += timedelta(minutes=6)
    assert staff.get(client, "/console").status_code == 200

    after = session_item(stack, staff.cookie)
    assert int(after["version"]["N"]) == int(before["version"]["N"]) + 1
    assert after["id_token"]["S"] != before["id_token"]["S"]
    assert float(after["refresh_at"]["N"]) > float(before["refresh_at"]["N"])
    assert after["refresh_token"] == before["refresh_token"]


def test_a_session_whose_refresh_token_was_revoked_elsewhere_is_sent_to_sign_in_when_it_needs_refreshing(
    client, stack, clock
):
    staff = sign_in(client, "staff")
    refresh_token = session_item(stack, staff.cookie)["refresh_token"]["S"]
    stack.aws("cognito-idp").revoke_token(Token=refresh_token, ClientId=stack.client_id)

    clock.now += timedelta(minutes=56)
    answer = staff.get(client, "/console")

    assert answer.status_code == 303
    assert answer.headers["Location"] == "/sign-in?next=%2Fconsole"
    assert session_item(stack, staff.cookie) is None


def test_a_session_ends_after_twelve_hours_whatever_happens(client, clock):
    staff = sign_in(client, "staff")

    clock.now += timedelta(hours=12, seconds=1)

    assert staff.get(client, "/console").status_code == 303


# Signing out


def test_signing_out_ends_the_session_and_revokes_its_refresh_token(client, stack):
    staff = sign_in(client, "staff")
    refresh_token = session_item(stack, staff.cookie)["refresh_token"]["S"]
    assert refresh(stack, refresh_token)["AuthenticationResult"]["IdToken"]

    answer = staff.post(client, "/sign-out")

    assert answer.status_code == 303
    assert answer.headers["Location"] == "/sign-in?signed_out=1"
    assert "session=;" in answer.headers["Set-Cookie"][0] and "Max-Age=0" in answer.headers["Set-Cookie"][0]
    assert session_item(stack, staff.cookie) is None
    assert staff.get(client, "/console").status_code == 303
    with pytest.raises(ClientError) as refused:
        refresh(stack, refresh_token)
    assert refused.value.response["Error"]["Code"] == "NotAuthorizedException"
    assert (
        "You have signed out."
        in client.http.get(answer.headers["Location"], headers=browser_headers()).body.decode()
    )


def test_signing_in_again_ends_the_session_the_browser_had(client, stack):
    first = sign_in(client, "staff")
    form = client.http.get("/sign-in", headers=browser_headers(cookie=first.cookie))
    assert form.status_code == 303  # already signed in: sent on

    signed_out = first.post(client, "/sign-out")
    assert signed_out.status_code == 303
    again = post_sign_in(client, email_of("staff"), PASSWORD)

    assert cookie_of(again) != first.cookie
    assert session_item(stack, first.cookie) is None


# CSRF


def test_a_post_without_its_csrf_token_answers_403_and_changes_nothing(client, stack):
    staff = sign_in(client, "staff")

    answer = staff.post(client, "/sign-out", csrf=False)

    assert answer.status_code == 403
    assert "<h1>You cannot do this</h1>" in answer.body.decode()
    assert answer.headers["Cache-Control"] == "no-store"
    assert session_item(stack, staff.cookie) is not None
    assert staff.get(client, "/console").status_code == 200


def test_a_post_with_another_sessions_csrf_token_answers_403_and_changes_nothing(client, stack):
    staff, other = sign_in(client, "staff"), sign_in(client, "other-staff")

    answer = post_form(client, "/sign-out", {"csrf_token": other.csrf_token}, cookie=staff.cookie)

    assert answer.status_code == 403
    assert staff.get(client, "/console").status_code == 200
    assert other.get(client, "/console").status_code == 200


def test_each_session_has_its_own_csrf_token(client):
    assert sign_in(client, "staff").csrf_token != sign_in(client, "staff").csrf_token


# Going back where the person was going


def test_a_signed_out_person_is_sent_to_sign_in_and_then_back_where_they_were_going(client):
    sent = client.http.get("/console?team=climate-and-culture&lang=es", headers=browser_headers())

    assert sent.status_code == 303
    location = sent.headers["Location"]
    assert location == "/sign-in?next=%2Fconsole%3Fteam%3Dclimate-and-culture%26lang%3Des&lang=es"
    form = client.http.get(location, headers=browser_headers())
    assert 'name="next" value="/console?team=climate-and-culture&amp;lang=es"' in form.body.decode()

    back = post_sign_in_with_code(
        client, email_of("staff"), PASSWORD, next_path="/console?team=climate-and-culture&lang=es"
    )
    assert back.headers["Location"] == "/console?team=climate-and-culture&lang=es"


@pytest.mark.parametrize(
    "hostile",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        " //evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/\u3002/evil.example",
    ],
)
def test_a_next_address_off_this_site_is_ignored(client, hostile):
    back = post_sign_in_with_code(client, email_of("staff"), PASSWORD, next_path=hostile)

    assert back.status_code == 303
    assert back.headers["Location"] == "/work"


def test_a_next_address_off_this_site_is_not_even_put_in_the_form(client):
    form = client.http.get("/sign-in?next=%2F%2Fevil.example", headers=browser_headers())

    assert 'name="next" value="/work"' in form.body.decode()


# What a signed-in page answers


def test_a_member_of_a_team_reaches_no_staff_page_and_sees_the_403_page_in_their_language(client):
    member = sign_in(client, "member-academic-achievement")

    english = member.get(client, "/console")
    spanish = member.get(client, "/console", language="es")

    assert english.status_code == spanish.status_code == 403
    assert "<h1>You do not have access to this page</h1>" in english.body.decode()
    assert "<h1>No tiene acceso a esta página</h1>" in spanish.body.decode()
    assert "Sign out" in english.body.decode()


def test_staff_who_belong_to_no_team_have_no_team_workspace(client):
    assert sign_in(client, "staff").get(client, "/workspace").status_code == 403


def test_signed_in_pages_are_never_stored_and_carry_the_sites_strict_policy(client):
    staff = sign_in(client, "staff")

    for answer in (
        staff.get(client, "/console"),
        staff.get(client, "/work"),
        client.http.get("/console", headers=browser_headers()),
        client.http.get("/sign-in", headers=browser_headers()),
    ):
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["Content-Security-Policy"] == PAGE_POLICY
        assert answer.headers["Referrer-Policy"] == "no-referrer"
