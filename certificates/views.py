"""Public verification of certificates and the holder's PDF download (staff with the
permission download anyone's: cms.roles.can_download_certificate)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from certificates import files, services
from cms import roles


def _not_found(request, code):
    return render(request, "certificates/not_found.html", {"code": code[:40]}, status=404)


def verify(request, code):
    certificate = services.find(code)
    if certificate is None:
        return _not_found(request, code)
    return render(
        request,
        "certificates/verify.html",
        {"certificate": certificate, "verification_url": services.verification_url(certificate)},
    )


def pdf(request, code):
    certificate = services.find(code)
    if certificate is None:
        return _not_found(request, code)
    if not roles.can_download_certificate(request.user, certificate):
        raise PermissionDenied
    # Rendered once and stored; from object storage by a short-lived signed URL.
    return files.download(certificate)
