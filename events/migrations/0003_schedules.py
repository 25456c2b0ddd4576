"""The django-q2 schedules of training events, created (or brought up to date) idempotently:
running the migration again, or on a database that already has them, changes nothing."""

from django.db import migrations

SCHEDULES = [
    # Unanswered waiting-list offers pass to the next person.
    ("events: expire seat offers", "events.tasks.expire_offers", "I", 15),
    # The reminder e-mail 24 hours before a session.
    ("events: reminders", "events.tasks.send_due_reminders", "I", 15),
    # Guests' personal data anonymised after the retention period.
    ("events: anonymise old guest data", "events.tasks.anonymise_expired_guests", "D", None),
]


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type, minutes in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": schedule_type, "minutes": minutes, "repeats": -1},
        )


def remove_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[s[0] for s in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_event_pages_sessions_registrations"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
