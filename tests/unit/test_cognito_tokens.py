"""The token verifier against a key pair made here, with its JWKS served by an in-memory fetcher."""

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.adapters.cognito_tokens import CognitoTokenVerifier, InvalidTokenError

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool"
AUDIENCE = "app-client-id"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


SIGNING_KEY = new_key()
OTHER_KEY = new_key()


class CountingJwks:
    def __init__(self, *keys: tuple[str, rsa.RSAPrivateKey]) -> None:
        self.keys = list(keys)
        self.fetches = 0

    def __call__(self, url: str) -> dict:
        self.fetches += 1
        published = []
        for kid, key in self.keys:
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            published.append({**jwk, "kid": kid, "alg": "RS256", "use": "sig"})
        return {"keys": published}


def token(key=SIGNING_KEY, kid="k1", algorithm="RS256", **claims) -> str:
    now = int(time.time())
    payload = {
        "sub": "user-1",
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + 3600,
        "token_use": "id",
        "cognito:username": "staff",
        "cognito:groups": ["staff", "team-climate-and-culture"],
        **claims,
    }
    return jwt.encode(payload, key, algorithm=algorithm, headers={"kid": kid})


@pytest.fixture
def jwks() -> CountingJwks:
    return CountingJwks(("k1", SIGNING_KEY))


@pytest.fixture
def verifier(jwks) -> CognitoTokenVerifier:
    return CognitoTokenVerifier("https://example.invalid/jwks.json", ISSUER, AUDIENCE, fetch=jwks)


def test_a_valid_id_token_gives_the_caller_and_groups(verifier):
    caller = verifier.verify(token())

    assert caller.username == "staff"
    assert caller.is_staff and caller.teams == ("climate-and-culture",)


def test_keys_are_fetched_once_for_many_tokens(verifier, jwks):
    for _ in range(5):
        verifier.verify(token())

    assert jwks.fetches == 1


@pytest.mark.parametrize(
    "bad_token",
    [
        pytest.param(token(exp=int(time.time()) - 3600), id="expired"),
        pytest.param(token(aud="another-app"), id="wrong audience"),
        pytest.param(token(iss="https://cognito-idp.us-east-1.amazonaws.com/other"), id="wrong issuer"),
        pytest.param(token(key=OTHER_KEY), id="signed by another key"),
        pytest.param(token(kid="unknown"), id="unknown key id"),
        pytest.param(token(token_use="access"), id="an access token"),
        pytest.param(
            jwt.encode({"sub": "x", "iss": ISSUER, "aud": AUDIENCE}, None, algorithm="none"), id="unsigned"
        ),
        pytest.param(
            jwt.encode(
                {"sub": "x"}, "a-shared-secret-of-thirty-two-bytes!", algorithm="HS256", headers={"kid": "k1"}
            ),
            id="HMAC",
        ),
        pytest.param("not.a.token", id="garbage"),
        pytest.param("", id="empty"),
    ],
)
def test_a_token_that_does_not_verify_is_refused(verifier, bad_token):
    with pytest.raises(InvalidTokenError):
        verifier.verify(bad_token)


def test_a_rotated_key_is_picked_up_with_one_refetch(jwks):
    seconds = [1000.0]
    verifier = CognitoTokenVerifier("u", ISSUER, AUDIENCE, fetch=jwks, monotonic=lambda: seconds[0])
    verifier.verify(token())
    jwks.keys.append(("k2", OTHER_KEY))
    seconds[0] += 3600

    caller = verifier.verify(token(key=OTHER_KEY, kid="k2"))

    assert caller.subject == "user-1"
    assert jwks.fetches == 2


def test_unknown_key_ids_do_not_cause_a_fetch_per_request(verifier, jwks):
    verifier.verify(token())
    for _ in range(3):
        with pytest.raises(InvalidTokenError):
            verifier.verify(token(kid="forged"))

    assert jwks.fetches == 1
