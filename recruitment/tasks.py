"""Background tasks (django-q2): they only call services."""

from recruitment import notices


def send_submission_confirmation(application_id):
    return notices.send_submission_confirmation(application_id)
