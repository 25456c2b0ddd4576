"""Personal data held by the JST recruitment (`export_for` / `erase_for`, called by
dashboard/data_rights.py): the applications a person wrote and their contact details. A submitted
application is the call's record of a local government's request, so erasure keeps it without
the person: the account link and the contact person's details go; drafts are deleted."""

from recruitment.models import Application, Status


def export_for(user):
    return {
        "jst_applications": [
            {
                "call": a.call.title,
                "local_government": a.jst_name,
                "teryt": a.teryt,
                "status": a.status,
                "contact_name": a.contact_name,
                "contact_position": a.contact_position,
                "contact_email": a.contact_email,
                "contact_phone": a.contact_phone,
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            }
            for a in Application.objects.filter(applicant=user).select_related("call")
        ]
    }


def erase_for(user):
    for draft in Application.objects.filter(applicant=user, status=Status.DRAFT):
        for attachment in draft.attachments.all():
            attachment.file.delete(save=False)
        draft.delete()
    Application.objects.filter(applicant=user).update(
        applicant=None, contact_name="", contact_position="", contact_email="", contact_phone=""
    )
