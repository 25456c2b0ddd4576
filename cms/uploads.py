"""Uploaded files are judged by their content, not their name.

A document must have an allowed extension (WAGTAILDOCS_EXTENSIONS) and start like a genuine file
of that type: a `.pdf` that is really HTML or SVG would otherwise be handed out as a PDF. Used
by the admin's document forms (WAGTAILDOCS_DOCUMENT_FORM_BASE) and by the participants' forms.
Images are checked by Wagtail itself (format against extension; no SVG in
WAGTAILIMAGES_EXTENSIONS).
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# Extension -> the first bytes every genuine file of that type starts with. Text formats have
# no signature: they are checked for markup instead (see _looks_like_markup).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "zip": ZIP,
    "rtf": (b"{\\rtf",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "ppt": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    # Recordings (the sign-language page): WebM is an EBML file; WebVTT captions open with the
    # word WEBVTT (after an optional byte-order mark). MP4 has no fixed first bytes: its first
    # box is "ftyp" at offset 4 (see _is_genuine).
    "webm": (b"\x1a\x45\xdf\xa3",),
    "vtt": (b"WEBVTT", b"\xef\xbb\xbfWEBVTT"),
    "mp4": (),
}
TEXT_EXTENSIONS = {"txt", "csv"}
HEAD_BYTES = 1024


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _looks_like_markup(head: bytes) -> bool:
    """HTML, SVG, XML: what a sniffing browser would run as a page. No table or note starts
    with "<"."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _read_head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def check_document(upload, *, allowed=None):
    """Raise ValidationError (a message in the user's language naming the file) unless `upload`
    has an allowed extension and content of that type."""
    allowed = allowed if allowed is not None else settings.WAGTAILDOCS_EXTENSIONS
    name = upload.name or ""
    extension = extension_of(name)
    if extension not in allowed or (
        extension not in SIGNATURES and extension not in TEXT_EXTENSIONS
    ):
        raise ValidationError(
            _("Files of this type cannot be uploaded: “%(name)s”. Allowed: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted(e.upper() for e in allowed))},
            code="document_extension",
        )
    head = _read_head(upload)
    if extension in TEXT_EXTENSIONS:
        genuine = b"\x00" not in head and not _looks_like_markup(head)
    elif extension == "mp4":
        genuine = head[4:8] == b"ftyp"
    else:
        genuine = head.startswith(SIGNATURES[extension])
        if genuine and SIGNATURES[extension] is ZIP:
            genuine = zipfile.is_zipfile(upload)
            upload.seek(0)
    if not genuine:
        raise ValidationError(
            _(
                "“%(name)s” is not a real %(type)s file (its content is of another type, "
                "e.g. a web page or an image). Save it again as %(type)s and upload it once more."
            )
            % {"name": name, "type": extension.upper()},
            code="document_content",
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload) with the content check."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on the edit form is the stored one: it was checked on upload.
        if upload and "file" in self.changed_data:
            check_document(upload)
        return upload

    def _post_clean(self):
        # A refused file leaves the model without one, and the model's own extension check
        # would add a second message about a nameless file: the form is invalid anyway.
        if self.has_error("file"):
            return
        super()._post_clean()
