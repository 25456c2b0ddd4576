"""What courses do when something happens elsewhere (or in their own events):

- a passed quiz or H5P exercise (cms.activities.activity_passed, sent inside the activity's
  transaction) completes its lesson, in that same transaction;
- a completed course queues the task that issues its certificate (when the course has
  certificates on) and mails the PDF;
- a confirmed e-mail address accepts the course invitations left by staff bulk enrolment.
"""

from allauth.account.signals import email_confirmed
from django.contrib.auth import get_user_model
from django.dispatch import receiver

from cms import activities
from cms.tasks import enqueue
from courses import signals
from courses.completion import complete_lesson
from courses.enrolment import accept_invitations


@receiver(activities.activity_passed, dispatch_uid="courses.complete_activity_lesson")
def complete_activity_lesson(sender, user, lesson, source, **payload):
    """Raises PermissionDenied (to the activity app) when the person is not a participant."""
    complete_lesson(user, lesson, source=source)
    return True


@receiver(signals.course_completed, dispatch_uid="courses.issue_course_certificate")
def issue_course_certificate(sender, user_id, course_id, **payload):
    enqueue("courses.tasks.issue_course_certificate", user_id, course_id)


def on_email_confirmed(request, email_address, **kwargs):
    user = get_user_model().objects.filter(pk=email_address.user_id).first()
    if user is not None:
        accept_invitations(user, email_address.email)


def connect():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="courses.accept_invitations")
