"""Seat and waiting-list counts kept on the session (see events.services), filled from the
registrations that exist."""

from django.db import migrations, models
from django.db.models import Count, Q

SEAT_STATUSES = ["confirmed", "offered", "attended", "no_show"]


def fill_counts(apps, schema_editor):
    Session = apps.get_model("events", "Session")
    rows = Session.objects.annotate(
        taken=Count("registrations", filter=Q(registrations__status__in=SEAT_STATUSES)),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    ).values_list("pk", "taken", "waiting")
    for pk, taken, waiting in rows:
        Session.objects.filter(pk=pk).update(seats_taken=taken, waitlisted_count=waiting)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_schedules"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="seats_taken",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="session",
            name="waitlisted_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill_counts, migrations.RunPython.noop),
    ]
