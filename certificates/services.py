"""Issuing, rendering and verifying certificates; used by courses (on completion) and events
(attendance). One certificate per `source_key`: issuing twice returns the first one."""

import secrets
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext, pgettext
from wagtail.models import Site

from certificates.models import DEFAULT_SIGNATORY_ROLE, Certificate, CertificateSettings
from cms import mail
from cms.models import SiteSettings
from cms.tasks import enqueue

STYLESHEET = Path(__file__).resolve().parent / "static" / "certificates" / "certificate_pdf.css"
# No 0/O, 1/I/L: codes are read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 10
CHECK_LENGTH = 4


def _check(body):
    digest = salted_hmac("certificates.code", body).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:CHECK_LENGTH])


def new_code():
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + _check(body)


def normalise_code(code):
    return (code or "").strip().upper().replace("-", "").replace(" ", "")


def is_well_formed(code):
    """True when the code has our shape and its check part matches: a code with a changed
    character fails here before any database lookup."""
    code = normalise_code(code)
    if len(code) != BODY_LENGTH + CHECK_LENGTH or any(c not in ALPHABET for c in code):
        return False
    return constant_time_compare(code[BODY_LENGTH:], _check(code[:BODY_LENGTH]))


def find(code):
    """The certificate with this verification code, or None (unknown or tampered)."""
    if not is_well_formed(code):
        return None
    return Certificate.objects.filter(code=normalise_code(code)).first()


def issue_certificate(
    *,
    kind,
    user=None,
    email,
    full_name,
    title,
    hours,
    outcomes,
    organiser,
    dates_text,
    place,
    source_key,
    signatory_name=None,
    signatory_role=None,
    language=None,
):
    """Issue (or return the already issued) certificate for `source_key`; every printed value
    is frozen in the row. `outcomes` is a list of strings or one string, one per line. The
    signatory comes from the certificate settings unless given. `language` is the language of
    what the certificate attests (a course's or a training's page): the PDF, its e-mail and the
    address in its QR code are in it; the site's default language when not given or unknown."""
    existing = Certificate.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing
    language = certificate_language(language)
    if signatory_name is None or signatory_role is None:
        default_name, default_role = signatory()
        signatory_name = default_name if signatory_name is None else signatory_name
        signatory_role = default_role if signatory_role is None else signatory_role
    if signatory_role == DEFAULT_SIGNATORY_ROLE:
        # The settings' default role is Polish; an English certificate prints it in English.
        with translation.override(language):
            signatory_role = gettext("MWF Programme Coordinator")
    if not isinstance(outcomes, str):
        outcomes = "\n".join(str(o) for o in outcomes or [])
    now = timezone.now()
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                kind=kind,
                user=user,
                email=email or "",
                full_name=full_name,
                title=title,
                hours=hours,
                outcomes=outcomes,
                organiser=organiser,
                dates_text=dates_text or "",
                place=place or "",
                signatory_name=signatory_name or "",
                signatory_role=signatory_role or "",
                language=language,
                issued_at=now,
                source_key=source_key,
                code=new_code(),
                # A unique placeholder until the row has its number.
                register_number=f"tmp-{secrets.token_hex(8)}",
            )
            certificate.register_number = f"MWF/{timezone.localdate(now).year}/{certificate.pk:05d}"
            certificate.save(update_fields=["register_number"])
    except IntegrityError:
        # A parallel request issued it first.
        return Certificate.objects.get(source_key=source_key)
    return certificate


def certificate_language(language):
    """`language` when the site has it, else the default language."""
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def signatory():
    """(name, role) of who signs certificates now: the default site's certificate settings,
    else no name and the default role."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "", DEFAULT_SIGNATORY_ROLE
    config = CertificateSettings.for_site(site)
    return config.signatory_name, config.signatory_role


def organiser_name(language=None):
    """Who organises what a certificate attests (course or training): the organisation named in
    the default site's settings, else the programme (named in `language`)."""
    site = Site.objects.filter(is_default_site=True).first()
    organisation = SiteSettings.for_site(site).organisation if site else ""
    if organisation:
        return organisation
    with translation.override(certificate_language(language)):
        return gettext("MWF programme")


def dates_text(first_day, last_day=None):
    """The dates printed on a certificate: "12.03.2026", or "12.03.2026 – 14.03.2026" for more
    than one day (numeric, so the same in every language)."""
    if last_day is None or last_day == first_day:
        return f"{first_day:%d.%m.%Y}"
    return f"{first_day:%d.%m.%Y} – {last_day:%d.%m.%Y}"


def verification_url(certificate):
    """The public verification page in the certificate's language (printed and in the QR
    code); the page itself speaks the language of whoever opens it."""
    with translation.override(certificate_language(certificate.language)):
        path = reverse("certificates:verify", args=[certificate.code])
    return settings.BASE_URL + path


def qr_svg_data_uri(url):
    import segno  # only the PDF and e-mail tasks need it: a web process never loads it

    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def render_pdf(certificate):
    """The certificate as PDF bytes (WeasyPrint). Rendered from the frozen row, so the same
    certificate always gives the same document."""
    # WeasyPrint (and pango under it) takes a second to load: only the processes that render a
    # PDF pay for it.
    from weasyprint import CSS, HTML

    url = verification_url(certificate)
    with translation.override(certificate_language(certificate.language)):
        html = render_to_string(
            "certificates/certificate_pdf.html",
            {"certificate": certificate, "verification_url": url, "qr": qr_svg_data_uri(url)},
        )
    stylesheet = CSS(filename=str(STYLESHEET))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[stylesheet])


def pdf_filename(certificate):
    with translation.override(certificate_language(certificate.language)):
        # Translators: the start of a certificate's PDF file name: ASCII, no spaces.
        stem = pgettext("file name", "certificate")
    return f"{stem}-{certificate.register_number.replace('/', '-')}.pdf"


def queue_certificate_email(certificate):
    """Send the certificate to its holder by e-mail, through a task after commit."""
    if certificate.email:
        enqueue("certificates.tasks.send_certificate_email", certificate.pk)


def send_certificate_email(certificate_id):
    """Used by the task: e-mail the PDF to the holder (once)."""
    certificate = Certificate.objects.filter(pk=certificate_id, emailed_at__isnull=True).first()
    if certificate is None or not certificate.email:
        return False
    with translation.override(certificate_language(certificate.language)):
        body = render_to_string(
            "certificates/email/certificate.txt",
            {"certificate": certificate, "verification_url": verification_url(certificate)},
        )
        subject = render_to_string(
            "certificates/email/certificate_subject.txt", {"certificate": certificate}
        ).strip()
    # certificates.files renders through this module: importing it at the top is a cycle.
    from certificates import files

    mail.send(
        subject=subject,
        text=body,
        to=[certificate.email],
        attachments=[(pdf_filename(certificate), files.pdf_bytes(certificate), "application/pdf")],
    )
    Certificate.objects.filter(pk=certificate.pk).update(emailed_at=timezone.now())
    return True
