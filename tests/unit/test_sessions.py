"""Sessions of the signed-in pages, with an in-memory user pool and store: signing in, the first sign-in's
new password, refreshing before the ID token expires, signing out, and the CSRF token."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.domain.errors import UnauthenticatedError
from chalicelib.domain.sessions import (
    CHALLENGE_LIFETIME,
    REFRESH_AHEAD,
    Session,
    SignInRefusedError,
    Stage,
    WrongCodeError,
    session_key,
)
from chalicelib.services import sessions as service
from chalicelib.services.sessions import Sessions
from tests.fakes import InMemoryPasswordSignIn, InMemorySessionStore, SettableClock, TokenVerifierOf

EMAIL, PASSWORD = "staff@example.org", "Correct-Horse-42"


@pytest.fixture
def pool() -> InMemoryPasswordSignIn:
    return InMemoryPasswordSignIn({EMAIL: PASSWORD})


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))


@pytest.fixture
def sessions(pool, clock) -> Sessions:
    return Sessions(sign_in=pool, store=InMemorySessionStore(), verifier=TokenVerifierOf(), clock=clock)


def test_a_session_is_stored_under_the_hash_of_its_secret_never_the_secret(sessions):
    started = service.sign_in(sessions, EMAIL, PASSWORD)

    assert list(sessions.store.sessions) == [session_key(started.secret)]
    assert started.secret not in repr(sessions.store.sessions)
    assert service.signed_in(sessions, started.secret).caller.email == EMAIL


def test_a_refused_sign_in_stores_nothing(sessions):
    with pytest.raises(SignInRefusedError):
        service.sign_in(sessions, EMAIL, "wrong")

    assert sessions.store.sessions == {}


def test_no_secret_or_an_unknown_one_is_signed_out(sessions):
    for secret in ("", "made-up"):
        with pytest.raises(UnauthenticatedError):
            service.signed_in(sessions, secret)


def test_the_tokens_are_refreshed_only_once_the_id_token_is_about_to_expire(sessions, pool, clock):
    started = service.sign_in(sessions, EMAIL, PASSWORD)
    first_token = started.session.id_token

    clock.now += timedelta(hours=1) - REFRESH_AHEAD - timedelta(seconds=1)
    assert service.signed_in(sessions, started.secret).session.id_token == first_token

    clock.now += timedelta(seconds=1)
    refreshed = service.signed_in(sessions, started.secret).session
    assert refreshed.id_token != first_token
    assert refreshed.refresh_token == started.session.refresh_token
    assert refreshed.refresh_at == clock.now + timedelta(hours=1) - REFRESH_AHEAD


class AnotherPageRefreshesFirst(InMemorySessionStore):
    """Another page of the same session stores its refreshed tokens just before this one does."""

    OTHER_PAGES_TOKEN = f"id-token-0-for-{EMAIL}"

    def update(self, session: Session) -> Session:
        current = self.sessions[session.key]
        if current.id_token != self.OTHER_PAGES_TOKEN:
            self.sessions[session.key] = replace(
                current, id_token=self.OTHER_PAGES_TOKEN, version=current.version + 1
            )
        return super().update(session)


def test_two_pages_refreshing_at_once_both_go_on_with_the_tokens_stored_first(pool, clock):
    sessions = Sessions(pool, AnotherPageRefreshesFirst(), TokenVerifierOf(), clock)
    started = service.sign_in(sessions, EMAIL, PASSWORD)
    clock.now += timedelta(minutes=56)

    person = service.signed_in(sessions, started.secret)

    assert person.caller.email == EMAIL
    assert person.session.id_token == AnotherPageRefreshesFirst.OTHER_PAGES_TOKEN


def test_a_token_the_verifier_refuses_is_refreshed_once_and_the_person_goes_on(sessions):
    started = service.sign_in(sessions, EMAIL, PASSWORD)
    sessions.verifier.refused.add(started.session.id_token)

    assert service.signed_in(sessions, started.secret).caller.email == EMAIL


def test_a_refresh_token_revoked_at_the_pool_ends_the_session_when_it_is_next_needed(sessions, pool, clock):
    started = service.sign_in(sessions, EMAIL, PASSWORD)
    pool.revoke(started.session.refresh_token)
    clock.now += timedelta(minutes=56)

    with pytest.raises(UnauthenticatedError):
        service.signed_in(sessions, started.secret)
    assert sessions.store.sessions == {}


def test_a_first_sign_in_waits_for_a_new_password_then_starts_a_session_with_a_new_secret(sessions, pool):
    pool.must_change.add(EMAIL)
    waiting = service.sign_in(sessions, EMAIL, PASSWORD)

    assert waiting.stage is Stage.NEW_PASSWORD
    with pytest.raises(UnauthenticatedError):
        service.signed_in(sessions, waiting.secret)

    started = service.choose_new_password(sessions, waiting.secret, "A-Longer-Password-7")

    assert started.secret != waiting.secret
    assert started.session.stage is Stage.SIGNED_IN
    assert service.awaiting_new_password(sessions, waiting.secret) is None
    assert service.signed_in(sessions, started.secret).caller.email == EMAIL


def test_a_first_sign_in_left_longer_than_cognitos_session_lasts_must_start_again(sessions, pool, clock):
    pool.must_change.add(EMAIL)
    waiting = service.sign_in(sessions, EMAIL, PASSWORD)
    clock.now += CHALLENGE_LIFETIME

    with pytest.raises(SignInRefusedError):
        service.choose_new_password(sessions, waiting.secret, "A-Longer-Password-7")


def test_signing_out_removes_the_session_and_revokes_its_refresh_token(sessions, pool):
    started = service.sign_in(sessions, EMAIL, PASSWORD)

    service.sign_out(sessions, started.secret)

    assert sessions.store.sessions == {}
    assert pool.live_refresh_tokens == {}
    service.sign_out(sessions, started.secret)  # twice: nothing left to do


def test_the_csrf_token_is_the_sessions_own_and_an_empty_one_is_never_accepted(sessions):
    one, other = service.sign_in(sessions, EMAIL, PASSWORD), service.sign_in(sessions, EMAIL, PASSWORD)

    assert one.session.accepts(one.session.csrf_token)
    assert not one.session.accepts(other.session.csrf_token)
    assert not one.session.accepts("")


def test_a_first_sign_in_sets_up_an_authenticator_after_the_new_password_then_signs_in(sessions, pool):
    # GIVEN a pool that requires an authenticator app, and an account on its first sign-in
    pool.authenticator_required = True
    pool.must_change.add(EMAIL)
    waiting = service.sign_in(sessions, EMAIL, PASSWORD)

    # WHEN the new password is chosen
    setting_up = service.choose_new_password(sessions, waiting.secret, "A-Longer-Password-7")

    # THEN the next step keeps the key for the page to show, and signs no one in yet
    assert setting_up.stage is Stage.AUTHENTICATOR_SETUP
    assert setting_up.session.authenticator_key.startswith("KEY")
    assert setting_up.session.email == EMAIL
    with pytest.raises(UnauthenticatedError):
        service.signed_in(sessions, setting_up.secret)
    # AND a wrong code keeps the step waiting; the right one signs in under a secret of its own
    with pytest.raises(WrongCodeError):
        service.set_up_authenticator(sessions, setting_up.secret, "000000")
    assert service.awaiting(sessions, setting_up.secret, Stage.AUTHENTICATOR_SETUP) is not None
    started = service.set_up_authenticator(sessions, setting_up.secret, pool.CODE)
    assert started.secret != setting_up.secret
    assert service.signed_in(sessions, started.secret).caller.email == EMAIL
    assert list(sessions.store.sessions) == [session_key(started.secret)]
    assert started.session.authenticator_key == ""


def test_every_later_sign_in_asks_for_the_authenticators_code(sessions, pool):
    pool.authenticator_required = True
    pool.authenticators[EMAIL] = "verified"

    waiting = service.sign_in(sessions, EMAIL, PASSWORD)

    assert waiting.stage is Stage.AUTHENTICATOR_CODE
    with pytest.raises(WrongCodeError):
        service.answer_authenticator_code(sessions, waiting.secret, "654321")
    started = service.answer_authenticator_code(sessions, waiting.secret, pool.CODE)
    assert service.signed_in(sessions, started.secret).caller.email == EMAIL


def test_a_code_after_cognitos_session_ended_starts_the_sign_in_again(sessions, pool):
    pool.authenticators[EMAIL] = "verified"
    waiting = service.sign_in(sessions, EMAIL, PASSWORD)
    pool.ended_challenges.add(waiting.session.challenge)

    with pytest.raises(SignInRefusedError):
        service.answer_authenticator_code(sessions, waiting.secret, pool.CODE)

    assert sessions.store.sessions == {}


def test_a_code_is_not_taken_for_another_step(sessions, pool):
    pool.must_change.add(EMAIL)
    waiting = service.sign_in(sessions, EMAIL, PASSWORD)

    with pytest.raises(SignInRefusedError):
        service.answer_authenticator_code(sessions, waiting.secret, pool.CODE)
