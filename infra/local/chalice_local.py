"""Runs `chalice local` (same arguments) and ends it as soon as the process that started it is gone, so a
`make run` killed with SIGKILL never leaves a server holding the port."""

import os
import signal
import sys
import threading
import time


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.killpg(os.getpgrp(), signal.SIGTERM)


def main() -> int:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), name="parent-watch", daemon=True).start()
    from chalice.cli import main as chalice_main

    sys.argv[0] = "chalice"
    return int(chalice_main() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
