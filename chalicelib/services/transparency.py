"""The transparency dashboard's figures, read through the same listings as the public exports that let
anyone reproduce them: every screened item's moderation outcome, and every published recommendation."""

from chalicelib.domain.program import Program
from chalicelib.domain.transparency import Transparency, approval_of, decision_of, figures
from chalicelib.services.exports import (
    RecommendationExportListings,
    ScreenedFeedbackListings,
    every_published_recommendation,
    read_every_page,
    screened_feedback,
)


def transparency(
    *, program: Program, listings: ScreenedFeedbackListings, recommendations: RecommendationExportListings
) -> Transparency:
    screened = (item for read in screened_feedback(listings, program) for item in read_every_page(read))
    published = read_every_page(every_published_recommendation(recommendations, program.id))
    return figures(
        program.vocabulary("channels"),
        program.vocabulary("policy_goals"),
        (decision_of(item) for item in screened),
        (approval_of(listed) for listed in published),
    )
