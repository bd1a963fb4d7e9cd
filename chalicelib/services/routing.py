"""The outbox: what each stored change asks of the workers. A new submission is screened and then, when
the submitter left an email, acknowledged (screening decides whether the address is written to at all);
a published or rejected item's submitter is told; so is the submitter of feedback that a published
recommendation answers."""

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
    entity = (new_image or {}).get("entity")
    if entity == "recommendation":
        return _recommendation_work(change, old_image, new_image or {})
    if entity == "recommendation_link" and change == "INSERT" and (new_image or {}).get("while_published"):
        assert new_image is not None
        citation = {key: str(new_image[key]) for key in ("recommendation_id", "feedback_id")}
        return [WorkMessage("notifications", {"kind": "cited", **citation})]
    if not new_image or entity != "feedback":
        return []
    feedback_id = str(new_image["id"])
    has_email = bool((new_image.get("submitter") or {}).get("email"))
    if change == "INSERT":
        return [WorkMessage("screening", {"feedback_id": feedback_id})]
    status, before = new_image.get("status"), (old_image or {}).get("status")
    if change != "MODIFY" or status == before or not has_email:
        return []
    if status == FeedbackStatus.SCREENED.value and before == FeedbackStatus.RECEIVED.value:
        return [WorkMessage("notifications", {"kind": "acknowledgement", "feedback_id": feedback_id})]
    if status in _DECIDED:
        return [WorkMessage("notifications", {"kind": str(status), "feedback_id": feedback_id})]
    return []


def _recommendation_work(
    change: str, old_image: dict[str, Any] | None, new_image: dict[str, Any]
) -> list[WorkMessage]:
    first_publication = not (old_image or {}).get("publication") and new_image.get("publication")
    if change in ("INSERT", "MODIFY") and first_publication:
        # The links made before it was published are told now; those made later, as they are made.
        return [
            WorkMessage(
                "notifications", {"kind": "first_published", "recommendation_id": str(new_image["id"])}
            )
        ]
    return []
