"""Public verification of certificates and the holder's PDF download."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render

from certificates import services


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
    if not services.can_download(request.user, certificate):
        raise PermissionDenied
    response = HttpResponse(services.render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.pdf_filename(certificate)}"'
    return response
