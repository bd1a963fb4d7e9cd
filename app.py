"""Composition root: the Chalice app, its middleware, and the blueprints it serves."""

from chalice import Chalice

from chalicelib.api.public import public_routes

app = Chalice(app_name="public-review")
app.register_blueprint(public_routes)
