"""Receivers of other apps' domain events and of account changes; each calls one ledger rule."""

from . import ledger, tracker


def on_course_completed(sender, **payload):
    ledger.record_course_completion(**payload)


def on_attendance_marked(sender, **payload):
    ledger.record_attendance(**payload)


def on_jst_selected(sender, **payload):
    tracker.add_selected_jst(**payload)


def on_profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        ledger.refresh_for_user(instance.user)


def on_user_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    # A login only touches last_login: nothing the ledger cares about.
    if raw or created or (update_fields and set(update_fields) <= {"last_login"}):
        return
    ledger.refresh_for_user(instance)
