"""django-q2 tasks of training events. Each only calls a service (see events.services and
events.notifications); schedules are created by migrations 0003 and 0005 (idempotent)."""

from events import certificates, notifications, services


def send_registration_email(registration_id, kind, old_session_id=None):
    return notifications.send_registration_email(registration_id, kind, old_session_id)


def expire_offers():
    return services.expire_offers()


def expire_unconfirmed():
    return services.expire_unconfirmed()


def send_due_reminders():
    return services.send_due_reminders()


def anonymise_expired_guests():
    return services.anonymise_expired_guests()


def issue_attendance_certificate(registration_id):
    return certificates.issue_for_registration(registration_id)


def notify_session_changes(session_ids):
    return services.notify_session_changes(session_ids)
