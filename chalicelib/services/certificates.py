"""Certificates: a participant's printable certificate, and the public check of a code, which says
whether it is valid and shows nothing the certificate does not."""

from typing import Protocol

from chalicelib.domain.attendance_views import CertificateView
from chalicelib.domain.certificates import Certificate, normalised_code


class CertificateFinder(Protocol):
    def certificate(self, code: str) -> Certificate | None: ...


def verify(typed_code: str, *, records: CertificateFinder) -> CertificateView:
    code = normalised_code(typed_code)
    found = records.certificate(code) if code else None
    return CertificateView(valid=found is not None, certificate=found)
