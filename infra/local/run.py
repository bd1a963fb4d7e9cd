"""`make run`: the whole system on this machine, no AWS account needed.

    python -m infra.local.run [--fresh]

PORT (8000) is the API's port, MOTO_PORT (5001) the AWS endpoint's, LOCAL_DATA_DIR (.local/) where the
data is kept between runs, PUMP_CONCURRENCY (4) how many invocations of a queue's handler run at once.
Ctrl-C stops everything and saves the data.
"""

import argparse
import logging
import signal
import sys
import time
from types import FrameType

from infra.local.config import LocalConfig
from infra.local.server import PortInUseError, ensure_port_free
from infra.local.stack import LocalStack


class _StopRequested(Exception):
    pass


def _request_stop(signum: int, frame: FrameType | None) -> None:
    raise _StopRequested(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.run", description="Runs the local stack.")
    parser.add_argument(
        "--fresh", action="store_true", help="start empty: forget the data saved by earlier runs"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[local] %(levelname)s %(name)s: %(message)s")
    for noisy in ("botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    config = LocalConfig.from_env()
    try:
        ensure_port_free(config.port, "PORT, the API")
        ensure_port_free(config.moto_port, "MOTO_PORT, the local AWS endpoint")
    except PortInUseError as error:
        print(
            f"make run: {error}.\nIs another `make run` still running? Stop it, or choose free ports: "
            "make run PORT=8001 MOTO_PORT=5002",
            file=sys.stderr,
        )
        return 2
    stack = LocalStack(config, fresh=args.fresh)
    signal.signal(signal.SIGINT, _request_stop)
    signal.signal(signal.SIGTERM, _request_stop)
    status = 0
    try:
        stack.start()
        _print_banner(stack)
        while stack.chalice is not None and stack.chalice.poll() is None:
            time.sleep(0.5)
        print("make run: chalice local stopped unexpectedly", file=sys.stderr)
        status = 1
    except _StopRequested:
        print("\nStopping: saving the data ...", flush=True)
    except Exception as error:
        logging.getLogger(__name__).exception("the local stack could not start: %s", error)
        status = 1
    finally:
        # A second Ctrl-C must not cut the shutdown short and leave processes behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()
    print(f"Stopped. Data kept in {config.data_dir}", flush=True)
    return status


def _print_banner(stack: LocalStack) -> None:
    config = stack.config
    width = max(len(account.email) for account in stack.accounts)
    lines = [
        "",
        "Public review is running on this machine.",
        f"  API           {config.api_url}   (try {config.api_url}/health, {config.api_url}/openapi.json)",
        f"  AWS (moto)    {config.endpoint}   (AWS_ENDPOINT_URL for the aws CLI or boto3; any fake keys)",
        f"  Data          {config.data_dir}   (`make run FRESH=1` starts empty)",
        "",
        "Demo accounts (sign in with the email, then the authenticator code `make code` prints):",
        *(
            f"  {account.email:<{width}}  {account.password}   {', '.join(account.groups)}"
            for account in stack.accounts
        ),
        "",
        "A demo account's code now:   make code WHO=staff    (or admin, member-<team>)",
        "A token for a demo account:  make token USER=staff   (or admin, member-<team>)",
        '  then: curl -H "Authorization: Bearer $(make -s token USER=staff)" ' + f"{config.api_url}/me",
        "Emails the app has sent:     make outbox",
        "Dead-lettered messages back: make redrive",
        "Ctrl-C stops everything.",
        "",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
