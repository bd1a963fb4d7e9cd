"""The local AWS in a process of its own, so the app's handlers and moto never wait on one interpreter lock:
moto's server, the template's resources, the saved data put back, the data kept as it changes
(infra.local.snapshot) and each email written to the outbox file (infra.local.sent_mail).

    python -m infra.local.moto_process --port 5001 --data-dir .local [--fresh]

It prints READY once it can be used; SIGTERM (or the end of the process that started it) stops it, saving
what changed last. infra.local.server.MotoProcess starts and stops it.
"""

import argparse
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from infra.local import moto_fidelity, snapshot
from infra.local.clients import AwsClients
from infra.local.config import region_from_env
from infra.local.moto_server import KeepAliveMotoServer
from infra.local.outbox import OUTBOX_FILE
from infra.local.resources import create_resources
from infra.local.sent_mail import SentMail
from infra.local.server import READY, aws_environment

log = logging.getLogger("infra.local.moto")


def start_moto(port: int) -> KeepAliveMotoServer:
    # Pool and client ids derived from their definitions stay the same across restarts, so the app's
    # settings, accounts.json and tokens issued before a restart all stay valid.
    os.environ["MOTO_COGNITO_IDP_USER_POOL_ID_STRATEGY"] = "HASH"
    os.environ["MOTO_COGNITO_IDP_USER_POOL_CLIENT_ID_STRATEGY"] = "HASH"
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    moto_fidelity.apply()
    server = KeepAliveMotoServer("127.0.0.1", port)
    server.start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local.moto_process", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--fresh", action="store_true", help="forget the saved data first")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[local] %(levelname)s %(name)s: %(message)s")
    for noisy in ("botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    stopping = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    parent = os.getppid()
    if args.fresh:
        snapshot.forget(args.data_dir)
        (args.data_dir / OUTBOX_FILE).unlink(missing_ok=True)

    start_moto(args.port)
    endpoint, region = f"http://127.0.0.1:{args.port}", region_from_env()
    os.environ.update(aws_environment(endpoint, region))
    clients = AwsClients.create(endpoint, region)
    resources = create_resources(clients=clients)
    saved = snapshot.read(args.data_dir)
    if saved:
        snapshot.restore(clients, resources, saved)
        log.info("restored the data saved at %s", saved.get("saved_at"))
    persistence = snapshot.Persistence(args.data_dir, clients, resources)
    persistence.start()
    sent_mail = SentMail(args.data_dir / OUTBOX_FILE)
    sent_mail.start()
    print(READY, flush=True)
    while not stopping.wait(0.5) and os.getppid() == parent:
        pass
    started = time.monotonic()
    sent_mail.stop()
    persistence.stop()
    log.info("saved the last changes in %.1f s", time.monotonic() - started)
    # The server's threads end with the process; shutting it down first would only wait for its poll.
    return 0


if __name__ == "__main__":
    status = main()
    logging.shutdown()
    sys.stdout.flush()
    # Everything is saved; tearing down moto's many modules and threads would only make a stop slower.
    os._exit(status)
