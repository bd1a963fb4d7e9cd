"""`make token USER=staff`: prints a sign-in token for a local demo account (admin, staff, member-<team>).

It prints the Cognito ID token, not the access token: the API verifies the token's audience against the
app client id, and only ID tokens carry `aud` (access tokens carry `client_id`), and it requires
`token_use` = `id`. Send it as `Authorization: Bearer <token>`. The code the pool asks for after the
password is answered from the account's authenticator key. Needs `make run` to be running.
"""

import os
import sys
from pathlib import Path
from typing import Any

from botocore.exceptions import ClientError, EndpointConnectionError

from infra.local import authenticator
from infra.local.accounts import AccountsFile, DemoAccount, read_accounts_file
from infra.local.clients import AwsClients
from infra.local.config import ACCOUNTS_FILE, FAKE_CREDENTIALS, LocalConfig


def demo_account(handle: str, data_dir: Path) -> tuple[AccountsFile, DemoAccount]:
    saved = read_accounts_file(data_dir / ACCOUNTS_FILE)
    if saved is None:
        raise LookupError(f"no demo accounts in {data_dir}: start the local stack first with `make run`")
    account = saved.account(handle)
    if account is None:
        known = ", ".join(account.handle for account in saved.accounts)
        raise LookupError(f"no demo account {handle!r}; the accounts are: {known}")
    if not account.authenticator_key:
        raise LookupError(f"{account.email} has no authenticator yet: restart `make run` to set it up")
    return saved, account


def id_token(handle: str, data_dir: Path) -> str:
    saved, account = demo_account(handle, data_dir)
    for name, value in FAKE_CREDENTIALS.items():
        os.environ.setdefault(name, value)
    cognito = AwsClients.create(saved.endpoint, saved.region).cognito
    try:
        tokens: dict[str, Any] = authenticator.signed_in_with_code(
            cognito,
            saved.user_pool_id,
            saved.user_pool_client_id,
            account.email,
            account.password,
            account.authenticator_key,
        )
    except EndpointConnectionError as error:
        raise ConnectionError(
            f"the local stack is not running at {saved.endpoint}: start it with `make run`"
        ) from error
    except ClientError as error:
        raise ConnectionError(f"sign-in failed ({error}); is `make run` running from {data_dir}?") from error
    return str(tokens["IdToken"])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        print(id_token(args[0], LocalConfig.from_env().data_dir))
    except (LookupError, ConnectionError) as error:
        print(f"make token: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
