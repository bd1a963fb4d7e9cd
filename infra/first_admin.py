"""Creates the first administrator of a user pool, with a one-time password to sign in with; the site's
sign-in pages then ask them to choose their own and to set up an authenticator app (the pool requires
one of everyone). Safe to run again: an existing account is added to the group and given a new one-time
password. Works against AWS, or the local stack:

python -m infra.first_admin --user-pool-id us-east-1_AbC123 --email alex@agency.gov
python -m infra.first_admin --stack-name public-review --email alex@agency.gov
"""

import argparse
import secrets
from dataclasses import dataclass
from typing import Any

from chalicelib.domain.identity import ADMIN_GROUP

PASSWORD_LENGTH = 20
# One of each class the pool's password policy asks for, whatever its length; no look-alikes, as the
# password is read off a terminal and typed in.
PASSWORD_CLASSES = ("abcdefghjkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789")


@dataclass(frozen=True)
class FirstAdmin:
    email: str
    one_time_password: str
    created: bool


def one_time_password(length: int = PASSWORD_LENGTH) -> str:
    alphabet = "".join(PASSWORD_CLASSES)
    characters = [secrets.choice(kind) for kind in PASSWORD_CLASSES]
    characters += [secrets.choice(alphabet) for _ in range(length - len(characters))]
    secrets.SystemRandom().shuffle(characters)
    return "".join(characters)


def create_first_admin(cognito: Any, user_pool_id: str, email: str, group: str = ADMIN_GROUP) -> FirstAdmin:
    """Creates (or finds) the account, makes it a member of group, and gives it a one-time password that
    the first sign-in replaces. Cognito sends no email: the password is returned, to be handed over."""
    password = one_time_password()
    try:
        cognito.admin_create_user(
            UserPoolId=user_pool_id,
            Username=email,
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
            ],
            TemporaryPassword=password,
            MessageAction="SUPPRESS",
        )
        created = True
    except cognito.exceptions.UsernameExistsException:
        cognito.admin_set_user_password(
            UserPoolId=user_pool_id, Username=email, Password=password, Permanent=False
        )
        created = False
    cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=email, GroupName=group)
    return FirstAdmin(email=email, one_time_password=password, created=created)


def stack_output(cloudformation: Any, stack_name: str, key: str) -> str:
    (stack,) = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    values = {output["OutputKey"]: output["OutputValue"] for output in stack.get("Outputs", [])}
    return str(values[key])


def main(argv: list[str] | None = None) -> int:
    import boto3

    parser = argparse.ArgumentParser(prog="python -m infra.first_admin", description=__doc__.splitlines()[0])
    pool = parser.add_mutually_exclusive_group(required=True)
    pool.add_argument("--user-pool-id")
    pool.add_argument("--stack-name", help="read the UserPoolId output of this stack")
    parser.add_argument("--email", required=True, help="the administrator's email address, their username")
    args = parser.parse_args(argv)
    user_pool_id = args.user_pool_id or stack_output(
        boto3.client("cloudformation"), args.stack_name, "UserPoolId"
    )
    admin = create_first_admin(boto3.client("cognito-idp"), user_pool_id, args.email)
    state = "created" if admin.created else "already existed; its password was reset"
    print(f"{admin.email}: {state}, member of '{ADMIN_GROUP}'.")
    print(f"One-time password: {admin.one_time_password}")
    print("Hand it over in person or by phone, not by email. At the site's sign-in page they enter it once")
    print("and then choose their own password. Until they do, running this again gives a new one.")
    print("Then the site asks them to set up an authenticator app (any app for time-based codes, on their")
    print("phone or computer): it shows a key to type in, or a link, and asks for the app's first code.")
    print("Every later sign-in asks for their password and the code the app shows.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
