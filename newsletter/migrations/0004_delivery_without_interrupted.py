"""Deliveries are sent exactly once now (see newsletter.sending): the "interrupted" status is
gone. Rows that an earlier version set aside as interrupted (maybe sent, never resent) become
"failed", keeping their note, so they are still not sent again."""

from django.db import migrations, models


def interrupted_to_failed(apps, schema_editor):
    apps.get_model("newsletter", "Delivery").objects.filter(status="interrupted").update(
        status="failed"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0003_schedule'),
    ]

    operations = [
        migrations.RunPython(interrupted_to_failed, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='delivery',
            name='status',
            field=models.CharField(choices=[('pending', 'Waiting'), ('sending', 'Being sent'), ('sent', 'Sent'), ('retry', 'Failed, will retry'), ('failed', 'Failed'), ('skipped', 'Skipped (unsubscribed meanwhile)')], default='pending', max_length=20),
        ),
    ]
