"""moto keeps the emails SES accepted but not when it accepted them. This stamps each one, within a
quarter of a second, with `sent_at`, which moto's /moto-api/data.json then shows next to the message
(`make outbox` reads it there). Runs in the process that runs the moto server; moto is pinned
(requirements-dev.txt) and this reaches into its models."""

import threading
from datetime import UTC, datetime

from moto.ses.models import Message, RawMessage, TemplateMessage

SENT_AT = "sent_at"
_MODELS = (Message, RawMessage, TemplateMessage)


def stamp_new_messages(now: datetime | None = None) -> int:
    stamp = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    stamped = 0
    for model in _MODELS:
        for message in list(model.instances_tracked):  # type: ignore[union-attr]
            if not hasattr(message, SENT_AT):
                setattr(message, SENT_AT, stamp)
                stamped += 1
    return stamped


class SendTimes:
    def __init__(self, interval: float = 0.25) -> None:
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ses-send-times", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stopping.wait(self._interval):
            stamp_new_messages()
