"""Wagtail's migration wagtailcore 0048 names the default moderation workflow and its task after
the "Moderators" group in English ("Moderators approval"); editors of the Polish admin then read
"Wyślij do Moderators approval". Renamed only while they keep Wagtail's name, so an editor's own
name survives, and running it again changes nothing. The groups keep their names."""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
WORKFLOW_NAME = "Zatwierdzenie przez moderatorów"
TASK_NAME = "Akceptacja moderatora"


def rename(apps, names):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    (workflow_from, workflow_to), (task_from, task_to) = names
    Workflow.objects.filter(name=workflow_from).update(name=workflow_to)
    Task.objects.filter(name=task_from).update(name=task_to)


def to_polish(apps, schema_editor):
    rename(apps, [(WAGTAIL_NAME, WORKFLOW_NAME), (WAGTAIL_NAME, TASK_NAME)])


def to_wagtail(apps, schema_editor):
    rename(apps, [(WORKFLOW_NAME, WAGTAIL_NAME), (TASK_NAME, WAGTAIL_NAME)])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_sitesettings_funding_note_en_and_more"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_polish, to_wagtail)]
