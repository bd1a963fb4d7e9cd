"""`chalice local` and the test client serve requests on threads: each handler must see its own request."""

import threading

from chalice.app import Blueprint
from chalice.test import Client

from chalicelib.api.application import PublicReviewApp


def test_a_handler_reads_its_own_request_while_another_is_served_on_another_thread():
    # GIVEN a route that reads the current request only after a second request has arrived
    both_arrived = threading.Barrier(2, timeout=10)
    callers = Blueprint(__name__)

    @callers.route("/callers/{name}")
    def who_is_calling(name: str) -> dict[str, str]:
        both_arrived.wait()
        return {"caller": callers.current_request.uri_params["name"]}

    app = PublicReviewApp(app_name="concurrent-requests")
    app.register_blueprint(callers)
    answers: dict[str, object] = {}

    def call(name: str) -> None:
        with Client(app) as client:
            answers[name] = client.http.get(f"/callers/{name}").json_body

    # WHEN two callers are served at the same time
    threads = [threading.Thread(target=call, args=(name,)) for name in ("ada", "grace")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # THEN each handler answered for its own caller
    assert answers == {"ada": {"caller": "ada"}, "grace": {"caller": "grace"}}
