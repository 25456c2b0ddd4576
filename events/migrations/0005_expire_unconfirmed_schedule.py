"""The django-q2 schedule that expires guests' registrations not confirmed in time
(EVENTS_GUEST_CONFIRMATION_HOURS), created idempotently like those of migration 0003."""

from django.db import migrations

NAME = "events: expire unconfirmed guest registrations"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=NAME,
        defaults={
            "func": "events.tasks.expire_unconfirmed",
            "schedule_type": "I",
            "minutes": 15,
            "repeats": -1,
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_session_counters"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
