"""The Chalice app, with the request it is serving kept per thread."""

import threading
from typing import Any

from chalice.app import Chalice, Request


class PublicReviewApp(Chalice):
    """Chalice keeps the request being served on the app itself. Lambda sends a process one request at a
    time, but `chalice local` and the test client serve requests on threads: with one shared attribute, a
    handler could read another caller's request, and act as that caller."""

    def __init__(self, app_name: str) -> None:
        self._serving = threading.local()
        super().__init__(app_name=app_name)

    @property
    def current_request(self) -> Request | None:
        return getattr(self._serving, "request", None)

    @current_request.setter
    def current_request(self, request: Request | None) -> None:
        self._serving.request = request

    @property
    def lambda_context(self) -> Any:
        return getattr(self._serving, "lambda_context", None)

    @lambda_context.setter
    def lambda_context(self, context: Any) -> None:
        self._serving.lambda_context = context
