"""moto keeps the emails SES accepted in memory, without the time it accepted them. This writes each one,
within a quarter of a second, as one JSON line with `sent_at` to the outbox file in the data folder, which
`make outbox` reads and which outlives a restart. Runs in the process that runs the moto server; moto is
pinned and this reaches into its models."""

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from moto.ses.models import Message, RawMessage

_RECORDED = "_recorded_in_outbox"
_FIELDS = {
    Message: ("source", "destinations", "subject", "body"),
    RawMessage: ("source", "destinations", "raw_data"),
}


def record_new_messages(path: Path, now: datetime | None = None) -> int:
    """Appends the emails not yet recorded to the outbox file; how many there were."""
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    lines = []
    for model, fields in _FIELDS.items():
        for message in list(model.instances_tracked):  # type: ignore[attr-defined]
            if not getattr(message, _RECORDED, False):
                setattr(message, _RECORDED, True)
                lines.append(_line(model.__name__, message, fields, stamp))
    if lines:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as outbox:
            outbox.write("".join(lines))
            outbox.flush()
            os.fsync(outbox.fileno())
    return len(lines)


def _line(kind: str, message: Any, fields: tuple[str, ...], stamp: str) -> str:
    document = {"kind": kind, **{field: getattr(message, field, None) for field in fields}, "sent_at": stamp}
    return json.dumps(document, separators=(",", ":")) + "\n"


class SentMail:
    def __init__(self, path: Path, interval: float = 0.25) -> None:
        self.path = path
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sent-mail", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        record_new_messages(self.path)

    def _run(self) -> None:
        while not self._stopping.wait(self._interval):
            record_new_messages(self.path)
