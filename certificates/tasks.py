"""Background tasks (django-q2): they only call services."""

from certificates import services


def send_certificate_email(certificate_id):
    return services.send_certificate_email(certificate_id)
