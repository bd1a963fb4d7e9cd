"""Certificates: a participant is emailed the code of the one they earned; anyone checks a code, and is
told whether it is valid and nothing the certificate does not show."""

from typing import Protocol

from chalicelib.domain.attendance_views import CertificateView
from chalicelib.domain.certificates import Certificate, normalised_code
from chalicelib.domain.events import Event, Registration
from chalicelib.domain.work import NotificationKind
from chalicelib.services.notifications import Delivery, MailAllowance, Mailer


class CertificateFinder(Protocol):
    def certificate(self, code: str) -> Certificate | None: ...


class EventCertificates(Protocol):
    def certificates(self, program_id: str, event_id: str) -> dict[str, Certificate]: ...


class RegistrationFinder(Protocol):
    def get(self, program_id: str, event_id: str) -> Event | None: ...

    def registration(self, program_id: str, event_id: str, code: str) -> Registration | None: ...


def verify(typed_code: str, *, records: CertificateFinder) -> CertificateView:
    code = normalised_code(typed_code)
    found = records.certificate(code) if code else None
    return CertificateView(valid=found is not None, certificate=found)


def notify_certificate(
    event_id: str,
    registration_code: str,
    *,
    program_id: str,
    events: RegistrationFinder,
    records: EventCertificates,
    mailer: Mailer,
    allowance: MailAllowance,
) -> Delivery:
    """Tells a participant the code of the certificate they earned, unless it was withdrawn meanwhile."""
    certificate = records.certificates(program_id, event_id).get(registration_code)
    registration = events.registration(program_id, event_id, registration_code)
    if certificate is None or registration is None:
        return Delivery.NOTHING_TO_SEND
    if not allowance.permits(registration.email, f"{NotificationKind.CERTIFICATE_ISSUED}#{certificate.code}"):
        return Delivery.OVER_DAILY_LIMIT
    credits = ", ".join(f"{credit.amount} {credit.kind}" for credit in certificate.credits)
    text = (
        f"Hello {registration.name},\n\nYou earned {credits} for attending {certificate.event_title}.\n\n"
        f"Your certificate's verification code is {certificate.code}. To print your certificate, open "
        f"/certificates/{certificate.code} on the public review site; anyone can check the code at "
        "/certificates/verify.\n"
    )
    mailer.send(registration.email, f"Your certificate for {certificate.event_title}", text)
    return Delivery.SENT
