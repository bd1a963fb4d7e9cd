"""Local demo accounts: one admin, one staff reviewer, one member of each team.

Passwords are generated once and kept in `<data dir>/accounts.json`, so they stay the same across
restarts. The user pool signs people in by email (`UsernameAttributes: [email]`), so each account's
sign-in name is its email; the short handle (`staff`, `member-<team>`) is what `make token USER=` takes.
The pool asks everyone for an authenticator app's code: each account's app is set up when it is made, its
key kept in accounts.json too, so `make code WHO=staff` can say the code it shows now.
"""

import contextlib
import json
import os
import secrets
import string
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from chalicelib.domain.identity import ADMIN_GROUP, STAFF_GROUP
from chalicelib.domain.program import Program
from infra.local import authenticator

EMAIL_DOMAIN = "example.org"


@dataclass(frozen=True)
class DemoAccount:
    handle: str
    email: str
    password: str
    groups: tuple[str, ...]
    authenticator_key: str = ""


@dataclass(frozen=True)
class AccountsFile:
    """What `make token` needs to sign in against the running local stack."""

    endpoint: str
    region: str
    user_pool_id: str
    user_pool_client_id: str
    accounts: tuple[DemoAccount, ...]

    def account(self, handle: str) -> DemoAccount | None:
        return next((account for account in self.accounts if handle in (account.handle, account.email)), None)


def generate_password() -> str:
    # Satisfies any Cognito password policy: every character class is present.
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "!#%+-=?")
    characters = [secrets.choice(chars) for chars in classes]
    characters += [secrets.choice(string.ascii_letters + string.digits) for _ in range(16)]
    return "".join(characters)


def demo_accounts(
    program: Program, known_passwords: dict[str, str], known_keys: dict[str, str] | None = None
) -> tuple[DemoAccount, ...]:
    wanted = [("admin", (ADMIN_GROUP,)), ("staff", (STAFF_GROUP,))]
    wanted += [(f"member-{team.slug}", (team.group_name,)) for team in program.teams]
    return tuple(
        DemoAccount(
            handle=handle,
            email=f"{handle}@{EMAIL_DOMAIN}",
            password=known_passwords.get(handle) or generate_password(),
            groups=groups,
            authenticator_key=(known_keys or {}).get(handle, ""),
        )
        for handle, groups in wanted
    )


def known_passwords(path: Path) -> dict[str, str]:
    saved = read_accounts_file(path)
    return {account.handle: account.password for account in saved.accounts} if saved else {}


def known_authenticator_keys(path: Path) -> dict[str, str]:
    saved = read_accounts_file(path)
    return {account.handle: account.authenticator_key for account in saved.accounts} if saved else {}


def ensure_accounts(
    cognito: Any, user_pool_id: str, client_id: str, accounts: Iterable[DemoAccount]
) -> tuple[DemoAccount, ...]:
    """Makes each account as it is described, its authenticator app set up; returns them with their keys."""
    ready = []
    for account in accounts:
        with contextlib.suppress(cognito.exceptions.UsernameExistsException):
            cognito.admin_create_user(
                UserPoolId=user_pool_id,
                Username=account.email,
                UserAttributes=[
                    {"Name": "email", "Value": account.email},
                    {"Name": "email_verified", "Value": "true"},
                ],
                MessageAction="SUPPRESS",
            )
        cognito.admin_set_user_password(
            UserPoolId=user_pool_id, Username=account.email, Password=account.password, Permanent=True
        )
        for group in account.groups:
            cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=account.email, GroupName=group)
        ready.append(
            replace(account, authenticator_key=_authenticator_key(cognito, user_pool_id, client_id, account))
        )
    return tuple(ready)


def _authenticator_key(cognito: Any, user_pool_id: str, client_id: str, account: DemoAccount) -> str:
    key = authenticator.enrol(cognito, user_pool_id, client_id, account.email, account.password)
    if key is None and not account.authenticator_key:
        raise RuntimeError(
            f"{account.email} has an authenticator whose key accounts.json no longer holds: "
            "restart `make run` (moto forgets authenticators on a restart) or `make run FRESH=1`"
        )
    return key or account.authenticator_key


def write_accounts_file(path: Path, saved: AccountsFile) -> None:
    document = asdict(saved)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
    temporary.replace(path)


def read_accounts_file(path: Path) -> AccountsFile | None:
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    accounts = tuple(
        DemoAccount(
            handle=item["handle"],
            email=item["email"],
            password=item["password"],
            groups=tuple(item["groups"]),
            authenticator_key=item.get("authenticator_key", ""),
        )
        for item in document.get("accounts", [])
    )
    return AccountsFile(
        endpoint=document.get("endpoint", ""),
        region=document.get("region", "us-east-1"),
        user_pool_id=document.get("user_pool_id", ""),
        user_pool_client_id=document.get("user_pool_client_id", ""),
        accounts=accounts,
    )
