"""What paths do when something happens elsewhere: every fact that may complete a step (a
completed course, a finished pre-test, recorded attendance) and a name given at last queue the
task that issues the certificates of the paths the person has now completed."""

from django.dispatch import receiver

from accounts.signals import names_given
from cms.tasks import enqueue
from courses.signals import course_completed
from events.signals import attendance_marked
from quizzes.signals import attempt_finished

TASK = "paths.tasks.award_path_certificates"


@receiver(course_completed, dispatch_uid="paths.course_completed")
def on_course_completed(sender, user_id, **payload):
    enqueue(TASK, user_id)


@receiver(attempt_finished, dispatch_uid="paths.attempt_finished")
def on_attempt_finished(sender, user_id, course_id=None, **payload):
    if course_id is not None:  # only a course's pre-test or post-test can be a step
        enqueue(TASK, user_id)


@receiver(attendance_marked, dispatch_uid="paths.attendance_marked")
def on_attendance_marked(sender, user_id=None, attended=False, **payload):
    if user_id is not None and attended:
        enqueue(TASK, user_id)


@receiver(names_given, dispatch_uid="paths.names_given")
def on_names_given(sender, user_id, **payload):
    enqueue(TASK, user_id)


def connect():
    """The receivers above connect when this module is imported (from AppConfig.ready)."""
