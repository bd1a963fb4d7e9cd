"""High contrast and text size, chosen with plain forms and remembered in cookies; the site's static files."""

from chalice.app import Request, Response

from chalicelib.web.cookies import preference_cookie
from chalicelib.web.forms import first, form_fields, local_path
from chalicelib.web.rendering import redirect
from chalicelib.web.static_files import by_hashed_name
from chalicelib.web.visit import CONTRAST_COOKIE, CONTRASTS, TEXT_SIZE_COOKIE, TEXT_SIZES, Visit

YEAR_LONG = "public, max-age=31536000, immutable"


def choose_display(visit: Visit, request: Request) -> Response:
    fields = form_fields(request)
    cookies = []
    if (contrast := first(fields, "contrast")) in CONTRASTS:
        cookies.append(preference_cookie(CONTRAST_COOKIE, contrast, visit.secure))
    if (size := first(fields, "text_size")) in TEXT_SIZES:
        cookies.append(preference_cookie(TEXT_SIZE_COOKIE, size, visit.secure))
    return redirect(visit.base + local_path(first(fields, "return_to")), cookies)


def static_file(visit: Visit, request: Request, name: str) -> Response:
    found = by_hashed_name(name)
    if found is None:
        return Response(
            body="Not found", status_code=404, headers={"Content-Type": "text/plain; charset=utf-8"}
        )
    return Response(
        body=found.content,
        status_code=200,
        headers={
            "Content-Type": found.content_type,
            "Cache-Control": YEAR_LONG,
        },
    )
