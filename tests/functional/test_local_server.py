"""The app over HTTP through the local server `make run` uses: API Gateway's own refusals in the API's
shape, and an access log that never holds a secret."""

import json
import urllib.error
import urllib.request

from infra.local.access_log import without_secrets
from tests.functional.journeys import send_feedback


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as refusal:
        return refusal.code, dict(refusal.headers), refusal.read()


def test_a_signed_in_route_without_a_token_answers_in_the_apis_error_shape_with_its_headers(live_url):
    status, headers, body = get(f"{live_url}/me")

    assert status == 401
    assert json.loads(body)["error"]["code"] == "unauthenticated"
    assert headers["Cache-Control"] == "no-store"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_path_answers_404_in_the_apis_error_shape(live_url):
    status, _, body = get(f"{live_url}/no/such/path")

    assert status == 404
    assert json.loads(body)["error"]["code"] == "not_found"


def test_the_access_log_never_holds_a_receipt(live_url, client, capsys):
    answer = send_feedback(client, "general", "Please publish growth.")
    receipt = answer["receipt"]

    get(f"{live_url}/feedback/{answer['id']}?receipt={receipt}")
    get(f"{live_url}/feedback/{answer['id']}?%72eceipt={receipt}&limit=1")

    log = capsys.readouterr().err
    assert f"/feedback/{answer['id']}?receipt=***" in log
    assert receipt not in log


def test_every_secret_query_value_is_masked_and_other_values_kept():
    line = '"GET /x?cursor=abc&token=t0k&Receipt=r1&form_token=f&q=a+b HTTP/1.1" 200 -'

    assert (
        without_secrets(line)
        == '"GET /x?cursor=abc&token=***&Receipt=***&form_token=***&q=a+b HTTP/1.1" 200 -'
    )


def test_a_registrations_confirmation_code_is_masked_in_the_path():
    line = '"POST /events/E1/registrations/AB12-CD34-EF56-GH78/cancel HTTP/1.1" 303 -'

    assert without_secrets(line) == '"POST /events/E1/registrations/***/cancel HTTP/1.1" 303 -'
    assert without_secrets('"POST /events/E1/registrations HTTP/1.1" 201 -').endswith(
        'registrations HTTP/1.1" 201 -'
    )
