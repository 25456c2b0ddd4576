"""Background tasks (django-q2): they only call services."""

from courses import certificates, mail


def send_invitation(invitation_id):
    return mail.send_invitation(invitation_id)


def issue_course_certificate(user_id, course_id):
    return certificates.issue_for_course(user_id, course_id)
