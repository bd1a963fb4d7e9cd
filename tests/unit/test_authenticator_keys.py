"""The authenticator key as a person reads it and as an app takes it, and the codes the development tools
make from it (RFC 6238's own test vector)."""

import base64
from urllib.parse import parse_qs, urlparse

from chalicelib.web.pages.authenticator import authenticator_link, grouped_key
from infra.local.authenticator import code_at

RFC_6238_KEY = base64.b32encode(b"12345678901234567890").decode()


def test_the_key_is_shown_in_capital_groups_of_four():
    assert grouped_key("asdfasdfasdf") == "ASDF ASDF ASDF"
    assert grouped_key("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567AB") == ("ABCD EFGH IJKL MNOP QRST UVWX YZ23 4567 AB")


def test_the_link_names_the_site_and_the_account_and_carries_the_key_for_an_app():
    link = urlparse(authenticator_link("asdfasdfasdf", "alex+review@agency.gov"))

    assert (link.scheme, link.netloc, link.path) == (
        "otpauth",
        "totp",
        "/Public%20review%3Aalex%2Breview%40agency.gov",
    )
    assert parse_qs(link.query) == {
        "secret": ["ASDFASDFASDF"],
        "issuer": ["Public review"],
        "algorithm": ["SHA1"],
        "digits": ["6"],
        "period": ["30"],
    }


def test_codes_are_rfc_6238s_whatever_the_keys_spacing_or_case():
    assert code_at(RFC_6238_KEY, 59) == "287082"
    assert code_at(RFC_6238_KEY, 1111111109) == "081804"
    assert code_at(grouped_key(RFC_6238_KEY).lower(), 59) == "287082"
