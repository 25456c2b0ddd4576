"""django-q2 tasks of training events. Each only calls a service (events.waiting_list,
events.registration, events.reminders, events.retention, events.session_changes,
events.notifications); schedules are created by migrations 0003 and 0005 (idempotent)."""

from events import (
    certificates,
    notifications,
    registration,
    reminders,
    retention,
    session_changes,
    waiting_list,
)


def send_registration_email(registration_id, kind, old_session_id=None):
    return notifications.send_registration_email(registration_id, kind, old_session_id)


def expire_offers():
    return waiting_list.expire_offers()


def expire_unconfirmed():
    return registration.expire_unconfirmed()


def send_due_reminders():
    return reminders.send_due_reminders()


def anonymise_expired_guests():
    return retention.anonymise_expired_guests()


def issue_attendance_certificate(registration_id):
    return certificates.issue_for_registration(registration_id)


def notify_session_changes(session_ids):
    return session_changes.notify_session_changes(session_ids)
