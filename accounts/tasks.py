"""Background tasks (django-q2): they only call services."""

from accounts import services


def send_email(*, subject, body, from_email, to, html=None):
    return services.send_email(subject=subject, body=body, from_email=from_email, to=to, html=html)
