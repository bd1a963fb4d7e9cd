"""GET /me through the built-in authorizer, with real RS256 tokens from moto's Cognito."""

import gzip
import json
import subprocess
import sys
import time
from importlib import resources

import jwt
import pytest

from tests.functional.conftest import body_of, signed_in


def me(client, token):
    return client.http.get("/me", headers={"Authorization": f"Bearer {token}"})


def moto_signing_key() -> tuple[str, object]:
    private = json.loads(
        gzip.decompress(
            resources.files("moto.cognitoidp").joinpath("resources/jwks-private.json.gz").read_bytes()
        )
    )
    return private["kid"], jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(private))


def test_a_signed_in_staff_member_sees_their_identity_and_roles(client, stack):
    response = me(client, stack.id_token("staff"))

    assert response.status_code == 200
    identity = body_of(response)
    assert identity["email"] == "staff@example.org"
    assert identity["roles"] == ["staff"]


def test_a_team_member_has_the_role_of_their_team(client, stack):
    identity = body_of(me(client, stack.id_token("member-academic-achievement")))

    assert identity["teams"] == ["academic-achievement"]
    assert identity["roles"] == ["member:academic-achievement"]


def test_without_a_token_a_signed_in_route_answers_401_in_the_apis_error_shape(client):
    response = client.http.get("/me")

    assert response.status_code == 401
    assert body_of(response)["error"]["code"] == "unauthenticated"
    assert set(body_of(response)["error"]) == {"code", "message", "fields"}


def test_a_token_that_is_not_a_token_answers_401_in_the_apis_error_shape(client):
    response = me(client, "not-a-token")

    assert response.status_code == 401
    assert body_of(response)["error"]["code"] == "unauthenticated"
    assert response.headers["Cache-Control"] == "no-store"


def test_an_unknown_path_answers_404_in_the_apis_error_shape(client, stack):
    for headers in ({}, signed_in(stack, "staff")):
        response = client.http.get("/no-such-thing", headers=headers)

        assert response.status_code == 404
        assert body_of(response)["error"]["code"] == "not_found"


def test_a_token_for_another_app_client_is_refused(client, stack):
    response = me(client, stack.id_token("staff", client_id=stack.other_client_id))

    assert response.status_code == 401
    assert body_of(response)["error"]["code"] == "unauthenticated"


def test_an_expired_token_signed_by_the_pool_is_refused(client, stack):
    kid, key = moto_signing_key()
    issued = int(time.time()) - 7200
    claims = {
        "sub": "someone",
        "aud": stack.client_id,
        "token_use": "id",
        "iat": issued,
        "exp": issued + 3600,
        "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{stack.user_pool_id}",
        "cognito:groups": ["admin"],
    }

    response = me(client, jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid}))

    assert response.status_code == 401
    assert "expired" in body_of(response)["error"]["message"]


@pytest.mark.parametrize("tamper", ["payload", "signature"])
def test_a_tampered_token_is_refused(client, stack, tamper):
    header, payload, signature = stack.id_token("member-academic-achievement").split(".")
    if tamper == "payload":
        claims = json.loads(jwt.utils.base64url_decode(payload))
        claims["cognito:groups"] = ["admin"]
        payload = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    else:
        signature = signature[::-1]

    assert me(client, f"{header}.{payload}.{signature}").status_code == 401


def test_an_unsigned_token_is_refused(client, stack):
    claims = {"sub": "x", "aud": stack.client_id, "token_use": "id", "cognito:groups": ["admin"]}

    assert me(client, jwt.encode(claims, None, algorithm="none")).status_code == 401


def test_the_authorizer_runs_as_its_own_function_without_importing_app(stack):
    # In AWS the authorizer is a separate Lambda whose handler is chalicelib.api.auth.cognito_token.
    script = (
        "import json, sys\n"
        "from chalicelib.api.auth import cognito_token\n"
        "event = {'type': 'TOKEN', 'authorizationToken': sys.argv[1], 'methodArn': 'arn:aws:execute-api:"
        "us-east-1:123456789012:abc/api/GET/me'}\n"
        "print(json.dumps(cognito_token(event, None)))\n"
        "assert 'app' not in sys.modules\n"
    )
    token = stack.id_token("staff")

    done = subprocess.run(
        [sys.executable, "-c", script, f"Bearer {token}"], capture_output=True, text=True, check=True
    )

    policy = json.loads(done.stdout.strip().splitlines()[-1])
    assert policy["context"]["signed_in"] == "true"
    assert policy["context"]["groups"] == "staff"
