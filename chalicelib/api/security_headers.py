"""The headers every answer carries: browsers never sniff a type nor fall back to plain HTTP, JSON never
runs as a page, and an answer meant for one person is never kept by a cache."""

from collections.abc import Mapping

HSTS = "max-age=63072000; includeSubDomains"
JSON_CSP = "default-src 'none'; frame-ancestors 'none'"
NO_STORE = "no-store"

Headers = Mapping[str, str | list[str]]


def with_security_headers(headers: Headers, *, private: bool) -> dict[str, str | list[str]]:
    added: dict[str, str | list[str]] = {
        "X-Content-Type-Options": "nosniff",
        "Strict-Transport-Security": HSTS,
    }
    if private:
        added["Cache-Control"] = NO_STORE
    if _is_json(headers):
        added["Content-Security-Policy"] = JSON_CSP
    kept = {name: value for name, value in headers.items() if name.lower() not in _lowered(added)}
    return {**kept, **added}


def _is_json(headers: Headers) -> bool:
    content_type = next((value for name, value in headers.items() if name.lower() == "content-type"), None)
    # Chalice sends a view's answer without a Content-Type as JSON.
    return content_type is None or str(content_type).split(";")[0].strip().lower() == "application/json"


def _lowered(headers: Headers) -> set[str]:
    return {name.lower() for name in headers}
