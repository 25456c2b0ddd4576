"""E-mails of the courses app, sent only from tasks (courses/tasks.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cms import mail
from courses.models import CourseInvitation


def send_invitation(invitation_id):
    invitation = CourseInvitation.objects.select_related("course").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at:
        return False
    with translation.override("pl"):
        context = {
            "course": invitation.course,
            "course_url": invitation.course.get_full_url(),
            "signup_url": settings.BASE_URL + reverse("account_signup"),
        }
        subject = render_to_string("courses/email/invitation_subject.txt", context).strip()
        body = render_to_string("courses/email/invitation.txt", context)
    mail.send(subject=subject, text=body, to=[invitation.email])
    return True
