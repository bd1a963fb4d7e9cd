"""The rows of the CSV exports. A public row holds exactly what a public page shows; a staff row adds the
moderation or review columns. No row ever holds a submitter's name or email, nor feedback as sent:
only the masked text, which is what a file that travels by email should carry."""

from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.clusters import ClusterSummary
from chalicelib.domain.feedback import Feedback
from chalicelib.domain.feedback_views import public_item
from chalicelib.domain.recommendation_records import ListedRecommendation, Recommendation
from chalicelib.domain.transparency import Decision

Row = dict[str, str]

PUBLIC_FEEDBACK_COLUMNS = (
    "id",
    "team",
    "published_at",
    "policy_goals",
    "submitter_role",
    "count",
    "body",
)
STAFF_FEEDBACK_COLUMNS = (
    "id",
    "team",
    "submitted_at",
    "status",
    "consent_to_publish",
    "policy_goals",
    "submitter_role",
    "spam",
    "spam_signals",
    "personal_information",
    "cluster_id",
    "cluster_size",
    "decided_by",
    "decided_at",
    "rejection_reason",
    "published_at",
    "listed_publicly",
    "team_state",
    "body",
)
PUBLIC_RECOMMENDATION_COLUMNS = (
    "id",
    "team",
    "title",
    "policy_goals",
    "revision",
    "approved_at",
    "first_approved_at",
    "submitted_for_approval_at",
    "body",
)
# What moderation made of each screened item, for anyone to check the dashboard: never text, name or email.
DECISION_COLUMNS = (
    "id",
    "team",
    "policy_goals",
    "received_at",
    "decided_at",
    "outcome",
    "rejection_reason",
    "cluster_id",
)
STAFF_RECOMMENDATION_COLUMNS = (
    "id",
    "team",
    "status",
    "current_title",
    "current_revision",
    "submitted_revision",
    "submitted_at",
    "claimed_by",
    "last_decision",
    "decided_revision",
    "decided_by",
    "decided_at",
    "decision_comment",
    "linked_feedback_count",
    "created_by",
    "created_at",
    "updated_at",
    # then what the public export holds of it, blank while nothing is published
    *PUBLIC_RECOMMENDATION_COLUMNS[2:],
)


@dataclass(frozen=True)
class ExportPart:
    """Rows of an export, and where the next part starts when one response cannot hold them all."""

    columns: tuple[str, ...]
    rows: list[Row]
    cursor: str | None


def public_feedback_row(feedback: Feedback, cluster: ClusterSummary | None) -> Row:
    shown = public_item(feedback, cluster)
    return {
        "id": shown.id,
        "team": shown.team,
        "published_at": _when(shown.published_at),
        "policy_goals": _listed(shown.policy_goals),
        "submitter_role": shown.submitter_role or "",
        "count": str(shown.count),
        "body": shown.body,
    }


def staff_feedback_row(feedback: Feedback, cluster: ClusterSummary | None) -> Row:
    screening = feedback.screening
    return {
        "id": feedback.id,
        "team": feedback.team,
        "submitted_at": _when(feedback.submitted_at),
        "status": feedback.status.value,
        "consent_to_publish": _yes_no(feedback.consent_to_publish),
        "policy_goals": _listed(feedback.policy_goals),
        "submitter_role": feedback.submitter.role.value
        if feedback.submitter and feedback.submitter.role
        else "",
        "spam": _yes_no(screening.spam) if screening else "",
        "spam_signals": _listed(screening.spam_signals) if screening else "",
        "personal_information": _listed(screening.personal_information) if screening else "",
        "cluster_id": screening.cluster_id if screening else "",
        "cluster_size": str(cluster.size) if cluster else "",
        "decided_by": feedback.decided_by or "",
        "decided_at": _when(feedback.decided_at),
        "rejection_reason": feedback.rejection_reason.value if feedback.rejection_reason else "",
        "published_at": _when(feedback.published_at),
        "listed_publicly": _yes_no(feedback.listed_publicly),
        "team_state": feedback.team_state.value if feedback.team_state else "",
        "body": feedback.public_body or "",
    }


def decision_row(decision: Decision) -> Row:
    return {
        "id": decision.id,
        "team": decision.team,
        "policy_goals": _listed(decision.policy_goals),
        "received_at": _when(decision.received_at),
        "decided_at": _when(decision.decided_at),
        "outcome": decision.outcome.value,
        "rejection_reason": decision.rejection_reason or "",
        "cluster_id": decision.cluster_id,
    }


def public_recommendation_row(listed: ListedRecommendation, body: str) -> Row:
    publication = listed.publication
    return {
        "id": listed.id,
        "team": listed.team,
        "title": publication.title,
        "policy_goals": _listed(publication.policy_goals),
        "revision": str(publication.revision),
        "approved_at": _when(publication.approved_at),
        "first_approved_at": _when(listed.first_approved_at),
        "submitted_for_approval_at": _when(publication.submitted_at),
        "body": body,
    }


def staff_recommendation_row(recommendation: Recommendation, published_body: str) -> Row:
    decision = recommendation.last_decision
    row = {
        "id": recommendation.id,
        "team": recommendation.team,
        "status": recommendation.status.value,
        "current_title": recommendation.title,
        "current_revision": str(recommendation.current_revision),
        "submitted_revision": _number(recommendation.submitted_revision),
        "submitted_at": _when(recommendation.submitted_at),
        "claimed_by": recommendation.claim.holder.name if recommendation.claim else "",
        "last_decision": decision.action if decision else "",
        "decided_revision": str(decision.revision) if decision else "",
        "decided_by": decision.reviewer if decision else "",
        "decided_at": _when(decision.at) if decision else "",
        "decision_comment": (decision.comment or "") if decision else "",
        "linked_feedback_count": str(recommendation.linked_feedback_count),
        "created_by": recommendation.created_by,
        "created_at": _when(recommendation.created_at),
        "updated_at": _when(recommendation.updated_at),
    }
    listed = recommendation.as_listed()
    if listed is None:
        return row | dict.fromkeys(PUBLIC_RECOMMENDATION_COLUMNS[2:], "")
    return row | public_recommendation_row(listed, published_body)


def _role(feedback: Feedback) -> str:
    return feedback.submitter.role.value if feedback.submitter and feedback.submitter.role else ""


def _when(at: datetime | None) -> str:
    return at.isoformat().replace("+00:00", "Z") if at else ""


def _listed(values: list[str] | tuple[str, ...]) -> str:
    return "; ".join(values)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)
