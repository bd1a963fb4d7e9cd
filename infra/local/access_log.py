"""The local server's access log, with the value of every secret query parameter masked: a receipt in
`GET /feedback/{id}?receipt=…` is as good as a password for that item. So is a registration's
confirmation code in `/events/{id}/registrations/{code}`, masked in the path."""

import re
from urllib.parse import unquote_plus

SECRET_QUERY_PARAMETERS = frozenset(
    {"receipt", "token", "access_token", "id_token", "form_token", "password", "secret", "api_key"}
)
MASK = "***"
_QUERY = re.compile(r"\?([^\s\"]*)")
_REGISTRATION_CODE = re.compile(r"(/registrations/)[^/?\s\"]+")


def without_secrets(line: str) -> str:
    line = _REGISTRATION_CODE.sub(lambda found: found.group(1) + MASK, line)
    return _QUERY.sub(lambda query: "?" + "&".join(map(_masked, query.group(1).split("&"))), line)


def _masked(pair: str) -> str:
    name, equals, _value = pair.partition("=")
    # Named as the app will read it: percent-decoded, so `%72eceipt=` is masked like `receipt=`.
    if equals and unquote_plus(name).strip().lower() in SECRET_QUERY_PARAMETERS:
        return f"{name}={MASK}"
    return pair
