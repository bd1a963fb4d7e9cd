from typing import Any

from chalice import Blueprint

public_routes = Blueprint(__name__)


@public_routes.route("/health", methods=["GET"])
def health() -> dict[str, Any]:
    return {"status": "ok"}
