"""A participant's certificate, printable, and the public check of a certificate's code: valid or not,
and nothing more than the certificate itself shows."""

from zoneinfo import ZoneInfo

from chalice.app import Request, Response

from chalicelib import dependencies
from chalicelib.domain.certificates import Certificate
from chalicelib.domain.errors import NotFoundError
from chalicelib.services.certificates import verify
from chalicelib.web.pages.common import program_for, render_with_program
from chalicelib.web.visit import Visit

CODE_FIELD = "code"


def certificate(visit: Visit, request: Request, code: str) -> Response:
    checked = verify(code, records=dependencies.current().event_records)
    if checked.certificate is None:
        raise NotFoundError("No certificate has this code.")
    # Printed on paper, the address must be whole: scheme and host too.
    scheme = "https" if visit.secure else "http"
    check_at = f"{scheme}://{request.headers.get('host', '')}{visit.url('/certificates/verify')}"
    return render_with_program(
        visit, "certificate.html", private=True, check_at=check_at, **_shown(visit, checked.certificate)
    )


def check(visit: Visit, request: Request) -> Response:
    typed = dict(request.query_params or {}).get(CODE_FIELD, "").strip()
    if not typed:
        return render_with_program(
            visit, "certificate_check.html", private=True, typed="", checked=None, errors={}
        )
    checked = verify(typed, records=dependencies.current().event_records)
    shown = _shown(visit, checked.certificate) if checked.certificate else {}
    return render_with_program(
        visit, "certificate_check.html", private=True, typed=typed, checked=checked, errors={}, **shown
    )


def _shown(visit: Visit, found: Certificate) -> dict[str, object]:
    """The certificate, its days in the agency's own time zone (a session at 9 p.m. Central is that day)."""
    zone = ZoneInfo(program_for(visit).time_zone)
    return {
        "certificate": found,
        "first_day": found.first_day.astimezone(zone).date(),
        "last_day": found.last_day.astimezone(zone).date(),
    }
