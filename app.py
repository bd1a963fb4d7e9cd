"""Composition root: the Chalice app, its middleware, its dependencies, and the blueprints it serves."""

import gc

# Start-up allocates only objects that live as long as the process (models, clients, routes); the
# collector would walk them again and again for nothing. It resumes, with them frozen, at the end.
gc.disable()

from chalicelib import dependencies
from chalicelib.api.application import PublicReviewApp
from chalicelib.api.approvals import approval_routes
from chalicelib.api.auth import auth_routes
from chalicelib.api.event_questions import question_routes
from chalicelib.api.event_records import record_routes
from chalicelib.api.events import event_routes
from chalicelib.api.exports import export_routes
from chalicelib.api.feedback import feedback_routes
from chalicelib.api.identity import identity_routes
from chalicelib.api.index import index_routes
from chalicelib.api.middleware import guard_request
from chalicelib.api.moderation import moderation_routes
from chalicelib.api.openapi import docs_routes
from chalicelib.api.public import public_routes
from chalicelib.api.published_recommendations import published_routes
from chalicelib.api.recommendations import recommendation_routes
from chalicelib.api.teams import team_routes
from chalicelib.events.handlers import event_handlers
from chalicelib.web.site import page_routes, serve_pages_to_browsers

app = PublicReviewApp(app_name="public-review")
app.register_middleware(guard_request, "http")
app.register_middleware(serve_pages_to_browsers, "http")
dependencies.current()  # built at import: Lambda's init phase, not the first request

for blueprint in (
    auth_routes,
    index_routes,
    public_routes,
    feedback_routes,
    identity_routes,
    moderation_routes,
    team_routes,
    recommendation_routes,
    approval_routes,
    published_routes,
    export_routes,
    record_routes,
    question_routes,
    event_routes,
    docs_routes,
    event_handlers,
    page_routes,
):
    app.register_blueprint(blueprint)

# Everything made so far lives as long as the process: the collector need not walk it on every pass.
gc.freeze()
gc.enable()
