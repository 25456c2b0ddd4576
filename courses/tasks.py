"""Background tasks (django-q2): they only call services."""


def send_invitation(invitation_id):
    from courses.mail import send_invitation

    return send_invitation(invitation_id)
