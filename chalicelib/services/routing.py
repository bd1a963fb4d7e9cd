"""The outbox: what each stored change asks of the workers. A new submission is screened and, when the
submitter left an email, acknowledged; a published or rejected item's submitter is told."""

from dataclasses import dataclass
from typing import Any, Literal

from chalicelib.domain.feedback import FeedbackStatus

Queue = Literal["screening", "notifications"]
_DECIDED = {FeedbackStatus.PUBLISHED.value, FeedbackStatus.REJECTED.value}


@dataclass(frozen=True)
class WorkMessage:
    queue: Queue
    body: dict[str, str]


def work_for_change(
    change: str, old_image: dict[str, Any] | None, new_image: dict[str, Any] | None
) -> list[WorkMessage]:
    if not new_image or new_image.get("entity") != "feedback":
        return []
    feedback_id = str(new_image["id"])
    has_email = bool((new_image.get("submitter") or {}).get("email"))
    if change == "INSERT":
        work = [WorkMessage("screening", {"feedback_id": feedback_id})]
        if has_email:
            work.append(WorkMessage("notifications", {"kind": "acknowledgement", "feedback_id": feedback_id}))
        return work
    status, before = new_image.get("status"), (old_image or {}).get("status")
    if change == "MODIFY" and status != before and status in _DECIDED and has_email:
        return [WorkMessage("notifications", {"kind": str(status), "feedback_id": feedback_id})]
    return []
