"""`make code WHO=staff`: prints the 6-digit code a local demo account's authenticator app shows now, to
type into the sign-in page after the password (admin, staff, member-<team>, or the account's email).
The next code when this one is about to lapse. Reads accounts.json; the local stack need not be running.
"""

import sys

from infra.local.authenticator import current_code
from infra.local.config import LocalConfig
from infra.local.token import demo_account


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        _saved, account = demo_account(args[0], LocalConfig.from_env().data_dir)
    except LookupError as error:
        print(f"make code: {error}", file=sys.stderr)
        return 1
    print(current_code(account.authenticator_key))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
