"""Background tasks (django-q2); each only calls a service."""

from practices import services


def send_published_notice(page_id):
    return services.send_published_notice(page_id)
