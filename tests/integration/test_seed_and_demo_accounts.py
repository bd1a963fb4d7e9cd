"""The program's team groups and the local demo accounts."""

import pytest
from botocore.exceptions import ClientError

from chalicelib.adapters.program_file import load_program
from infra.local.accounts import (
    AccountsFile,
    demo_accounts,
    ensure_accounts,
    known_passwords,
    read_accounts_file,
    write_accounts_file,
)
from infra.local.authenticator import current_code
from infra.seed import ensure_program_groups
from tests.integration.conftest import sign_in

PROGRAM = load_program("msip-6")


def test_each_team_gets_its_group_once_however_often_the_seed_runs(clients, resources):
    # WHEN the program's groups are seeded twice
    first = ensure_program_groups(clients.cognito, resources.user_pool_id, PROGRAM)
    second = ensure_program_groups(clients.cognito, resources.user_pool_id, PROGRAM)

    # THEN the first run created one group per team and the second none
    assert sorted(first) == sorted(f"team-{team.slug}" for team in PROGRAM.teams)
    assert len(first) == 6
    assert second == []
    groups = {
        group["GroupName"]
        for group in clients.cognito.list_groups(UserPoolId=resources.user_pool_id)["Groups"]
    }
    assert groups == {"admin", "staff", *first}


def test_every_demo_account_signs_in_with_its_group_in_the_id_token(clients, resources):
    # GIVEN the team groups and the demo accounts
    ensure_program_groups(clients.cognito, resources.user_pool_id, PROGRAM)
    accounts = ensure_accounts(
        clients.cognito, resources.user_pool_id, resources.user_pool_client_id, demo_accounts(PROGRAM, {})
    )

    # THEN there is an admin, a staff reviewer and one member per team, each signing in (with its
    # authenticator's code) with its groups
    handles = [account.handle for account in accounts]
    assert handles[:2] == ["admin", "staff"]
    assert handles[2:] == [f"member-{team.slug}" for team in PROGRAM.teams]
    for account in accounts:
        assert account.authenticator_key
        claims = sign_in(clients, resources, account)
        assert claims["cognito:groups"] == list(account.groups)
        assert claims["email"] == account.email
        assert claims["aud"] == resources.user_pool_client_id
        assert account.email.endswith("@example.org")


def test_demo_passwords_are_generated_once_and_kept(tmp_path, clients, resources):
    # GIVEN accounts written to accounts.json on a first start
    path = tmp_path / "accounts.json"
    first = demo_accounts(PROGRAM, known_passwords(path))
    write_accounts_file(path, AccountsFile("http://127.0.0.1:1", "us-east-1", "pool", "client", first))

    # WHEN a later start builds them again
    again = demo_accounts(PROGRAM, known_passwords(path))
    ensure_program_groups(clients.cognito, resources.user_pool_id, PROGRAM)
    ready = ensure_accounts(clients.cognito, resources.user_pool_id, resources.user_pool_client_id, again)
    ensure_accounts(clients.cognito, resources.user_pool_id, resources.user_pool_client_id, ready)

    # THEN the passwords are the same ones, and still sign in after the accounts were ensured twice
    assert again == first
    staff = read_accounts_file(path).account("staff")
    assert staff.password == first[1].password
    assert sign_in(clients, resources, ready[1])["cognito:groups"] == ["staff"]
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_a_demo_accounts_sign_in_asks_for_the_code_of_the_authenticator_set_up_for_it(clients, resources):
    ensure_program_groups(clients.cognito, resources.user_pool_id, PROGRAM)
    (admin,) = ensure_accounts(
        clients.cognito, resources.user_pool_id, resources.user_pool_client_id, demo_accounts(PROGRAM, {})[:1]
    )

    answer = clients.cognito.initiate_auth(
        ClientId=resources.user_pool_client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": admin.email, "PASSWORD": admin.password},
    )

    assert answer["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    wrong = str((int(current_code(admin.authenticator_key)) + 1) % 1_000_000).zfill(6)
    with pytest.raises(ClientError) as refused:
        clients.cognito.respond_to_auth_challenge(
            ClientId=resources.user_pool_client_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=answer["Session"],
            ChallengeResponses={"USERNAME": admin.email, "SOFTWARE_TOKEN_MFA_CODE": wrong},
        )
    assert refused.value.response["Error"]["Code"] == "CodeMismatchException"
    assert sign_in(clients, resources, admin)["cognito:groups"] == ["admin"]
