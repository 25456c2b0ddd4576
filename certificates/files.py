"""The certificates' PDFs as stored files: rendered once (WeasyPrint takes a second), kept in the
default storage under certificates/<code>/ (a local folder no route maps, or the private
bucket) and handed out only by the download view after its permission check.

The file's name carries a fingerprint of every frozen field, so a certificate that changes
(its register number given, its holder's data erased) gets a new file; erasure also deletes
the old ones, which still show the name."""

import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from certificates import services
from cms import storage

FOLDER = "certificates"
# Not printed on the certificate: their changes need no new file.
_UNPRINTED = {"emailed_at"}


def _fingerprint(certificate):
    fields = {
        f.attname: getattr(certificate, f.attname)
        for f in certificate._meta.concrete_fields
        if f.attname not in _UNPRINTED
    }
    data = json.dumps(fields, default=str, sort_keys=True).encode()
    return hashlib.sha256(data).hexdigest()[:20]


def _folder(code):
    return f"{FOLDER}/{code}"


def stored_pdf(certificate):
    """The storage name of the certificate's PDF, rendered and stored when it is not yet."""
    name = f"{_folder(certificate.code)}/{_fingerprint(certificate)}.pdf"
    if not default_storage.exists(name):
        storage.save_exactly(default_storage, name, ContentFile(services.render_pdf(certificate)))
    return name


def pdf_bytes(certificate):
    with default_storage.open(stored_pdf(certificate), "rb") as fh:
        return fh.read()


def download(certificate):
    """The response for someone allowed to download it (the caller checks): from object storage
    a short-lived signed URL; from a local folder the bytes (a PDF of some 50 kB)."""
    name, filename = stored_pdf(certificate), services.pdf_filename(certificate)
    if storage.is_remote(default_storage):
        return storage.serve_private(
            default_storage, name, "application/pdf", filename=filename, attachment=True
        )
    with default_storage.open(name, "rb") as fh:
        response = HttpResponse(fh.read(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def delete_stored(codes):
    """Remove every stored PDF of the certificates with these codes."""
    for code in codes:
        folder = _folder(code)
        try:
            _dirs, files = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        for name in files:
            default_storage.delete(f"{folder}/{name}")
