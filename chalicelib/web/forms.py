"""Reading a plain HTML form post, as browsers send it with JavaScript off."""

from urllib.parse import parse_qs

from chalice.app import Request

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 64 * 1024


def form_fields(request: Request) -> dict[str, list[str]]:
    raw = request.raw_body or b""
    body = raw.encode() if isinstance(raw, str) else raw
    if len(body) > MAX_FORM_BYTES:
        return {}
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=100)
    except (UnicodeDecodeError, ValueError):
        return {}


def first(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name) or [""]
    return values[0]


def local_path(candidate: str) -> str:
    """Where to send someone back to: only a path of this site, never another host. Browsers drop tabs and
    line breaks from an address and read a backslash as a slash: either could turn a path into "//host"."""
    if (
        candidate.startswith("/")
        and not candidate.startswith("//")
        and "\\" not in candidate
        and candidate.isascii()
        and all(character.isprintable() and not character.isspace() for character in candidate)
    ):
        return candidate
    return "/"
