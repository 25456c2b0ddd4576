"""Background tasks (django-q2): they only call services."""

from paths import certificates


def award_path_certificates(user_id):
    return [certificate.pk for certificate in certificates.award(user_id)]
