"""What the public may see of a recommendation's revisions: the approved ones only, and what changed
between two of them."""

from chalicelib.domain.errors import FieldProblem, NotFoundError
from chalicelib.domain.recommendation_moves import require_revision_of
from chalicelib.domain.recommendation_records import Recommendation, Revision, RevisionDiff
from chalicelib.domain.revision_changes import changes_between


def require_published(recommendation: Recommendation, *revision_numbers: int) -> None:
    """The public sees approved revisions only; any other number reads as absent."""
    for number in revision_numbers:
        if number not in recommendation.approved_revisions:
            raise NotFoundError(
                f"Revision {number} of this recommendation is not published.",
                [FieldProblem("revision", f"{number} is not a published revision")],
            )


def published_diff(recommendation: Recommendation, old: Revision, new: Revision) -> RevisionDiff:
    for revision in (old, new):
        require_revision_of(recommendation, revision)
    require_published(recommendation, old.number, new.number)
    return RevisionDiff(from_revision=old.number, to_revision=new.number, **dict(changes_between(old, new)))
