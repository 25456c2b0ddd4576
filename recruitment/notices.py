"""E-mails to applicants (built by cms.mail, sent by tasks after commit)."""

from django.template.loader import render_to_string
from django.utils import translation

from cms import mail
from recruitment import documents, services
from recruitment.models import Application, Status


def send_submission_confirmation(application_id):
    """The confirmation of a submitted application with its PDF, to the contact person and the
    applicant's account (once each address)."""
    application = (
        Application.objects.filter(pk=application_id)
        .exclude(status=Status.DRAFT)
        .select_related("call", "applicant")
        .first()
    )
    if application is None:
        return False
    recipients = []
    for address in (application.contact_email, getattr(application.applicant, "email", "")):
        if address and address.lower() not in {r.lower() for r in recipients}:
            recipients.append(address)
    if not recipients:
        return False
    with translation.override(application.language or "pl"):
        context = {
            "application": application,
            "call": services.call_in_language(application.call),
            "deadline": services.deadline_text(application.call),
        }
        subject = render_to_string("recruitment/email/confirmation_subject.txt", context)
        text = render_to_string("recruitment/email/confirmation.txt", context)
    mail.send(
        subject=subject,
        text=text,
        to=recipients,
        attachments=[
            (
                documents.pdf_filename(application),
                documents.application_pdf(application),
                "application/pdf",
            )
        ],
    )
    return True
