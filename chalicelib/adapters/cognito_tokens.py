"""Verifies Cognito ID tokens against the user pool's published keys (JWKS), in AWS, locally and in tests."""

import json
import threading
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from chalicelib.domain.identity import Caller

JwksFetcher = Callable[[str], dict[str, Any]]
_REFRESH_AT_MOST_EVERY_SECONDS = 60
_LEEWAY_SECONDS = 30


class InvalidTokenError(Exception):
    pass


def fetch_jwks(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=5) as response:
        document: dict[str, Any] = json.load(response)
        return document


class CognitoTokenVerifier:
    """Keys are fetched once and kept; an unknown key id triggers one refetch (pool key rotation)."""

    def __init__(
        self,
        jwks_url: str,
        issuer: str,
        audience: str,
        fetch: JwksFetcher = fetch_jwks,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._audience = audience
        self._fetch = fetch
        self._monotonic = monotonic
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = threading.Lock()

    def verify(self, token: str) -> Caller:
        import jwt  # imported here: public routes never pay for the crypto stack

        try:
            header = jwt.get_unverified_header(token)
            key = self._key(str(header.get("kid", "")))
            claims = jwt.decode(
                token,
                key=key,
                algorithms=["RS256"],
                audience=self._audience,
                issuer=self._issuer,
                leeway=_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise InvalidTokenError("token has expired") from error
        except jwt.PyJWTError as error:
            raise InvalidTokenError("token is not valid") from error
        if claims.get("token_use") != "id":
            raise InvalidTokenError("an ID token is required")
        return Caller(
            subject=str(claims["sub"]),
            username=str(claims.get("cognito:username", claims["sub"])),
            email=claims.get("email"),
            groups=tuple(str(group) for group in claims.get("cognito:groups", [])),
        )

    def _key(self, kid: str) -> Any:
        if kid not in self._keys:
            self._refresh()
        try:
            return self._keys[kid]
        except KeyError:
            raise InvalidTokenError("token was signed by an unknown key") from None

    def _refresh(self) -> None:
        import jwt

        with self._lock:
            if self._keys and self._monotonic() - self._fetched_at < _REFRESH_AT_MOST_EVERY_SECONDS:
                return
            try:
                document = self._fetch(self._jwks_url)
            except OSError as error:
                raise InvalidTokenError("signing keys are unavailable") from error
            self._keys = {jwk["kid"]: jwt.PyJWK(jwk).key for jwk in document.get("keys", []) if "kid" in jwk}
            self._fetched_at = self._monotonic()
