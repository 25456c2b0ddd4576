"""What courses do when something happens elsewhere (or in their own events):

- a completed course issues its certificate (when the course has certificates on) and queues
  the e-mail with the PDF;
- a confirmed e-mail address accepts the course invitations left by staff bulk enrolment.
"""

from django.contrib.auth import get_user_model
from django.dispatch import receiver

from courses import services, signals


@receiver(signals.course_completed, dispatch_uid="courses.issue_course_certificate")
def issue_course_certificate(sender, user_id, course_id, **payload):
    from courses.certificates import issue_for_course

    issue_for_course(user_id, course_id)


def on_email_confirmed(request, email_address, **kwargs):
    user = get_user_model().objects.filter(pk=email_address.user_id).first()
    if user is not None:
        services.accept_invitations(user, email_address.email)


def connect():
    from allauth.account.signals import email_confirmed

    email_confirmed.connect(on_email_confirmed, dispatch_uid="courses.accept_invitations")
