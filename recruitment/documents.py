"""The PDF of an application (WeasyPrint, as the certificates), in the language it was written in:
attached to the confirmation e-mail and downloadable by the applicant and staff."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from recruitment import services

STYLESHEET = Path(__file__).resolve().parent / "static" / "recruitment" / "application_pdf.css"


def pdf_context(application):
    call = application.call
    attachments = {a.requirement_id: a for a in application.attachments.all()}
    return {
        "application": application,
        "call": services.call_in_language(call),
        "instruments": [i.display_name for i in application.instruments.all()],
        "attachment_rows": [
            (label, attachments.get(requirement.pk))
            for requirement, label in services.in_call_order(call, "required_attachments")
        ],
    }


def application_pdf(application):
    # WeasyPrint (and pango under it) takes a second to load: only the processes that render a
    # PDF pay for it.
    from weasyprint import CSS, HTML

    with translation.override(application.language or "pl"):
        html = render_to_string("recruitment/application_pdf.html", pdf_context(application))
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )


def pdf_filename(application):
    return f"zgloszenie-{application.call_id}-{application.pk}.pdf"
