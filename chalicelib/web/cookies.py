"""Reading the request's cookies and writing the few the site sets: all strictly necessary."""

ONE_YEAR = 365 * 24 * 3600


def request_cookies(header: str | None) -> dict[str, str]:
    from http.cookies import CookieError, SimpleCookie  # first used by a page, not by the API

    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header or "")
    except CookieError:
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def preference_cookie(name: str, value: str, secure: bool) -> str:
    attributes = [f"{name}={value}", "Path=/", f"Max-Age={ONE_YEAR}", "SameSite=Lax", "HttpOnly"]
    if secure:
        attributes.append("Secure")
    return "; ".join(attributes)
