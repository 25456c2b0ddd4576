"""The "Programme staff" group (sees the dashboard, exports, data-rights requests, edits the
tracker and the indicator definitions) and the three default indicators (640 / 320 / 20)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Programme staff"
DASHBOARD_PERMS = [
    "view_dashboard",
    "export_records",
    "manage_data_rights",
    "view_indicator",
    "change_indicator",
    "add_supportedjst",
    "change_supportedjst",
    "delete_supportedjst",
    "view_supportedjst",
]
INDICATORS = [
    ("jst-trained", "Przeszkoleni przedstawiciele JST", "people", 640, "jst", 1),
    ("ngo-trained", "Przeszkoleni członkowie zarządów NGO", "people", 320, "ngo", 2),
    ("jst-supported", "JST wspierane we wdrażaniu instrumentów", "jst", 20, "", 3),
]


def forwards(apps, schema_editor):
    for label in ("dashboard", "wagtaildocs"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = list(
        Permission.objects.filter(content_type__app_label="dashboard", codename__in=DASHBOARD_PERMS)
    )
    perms += list(
        Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    perms += list(
        Permission.objects.filter(
            content_type__app_label="wagtaildocs",
            codename__in=["add_document", "choose_document"],
        )
    )
    group.permissions.add(*perms)

    Indicator = apps.get_model("dashboard", "Indicator")
    for code, name, kind, target, org, order in INDICATORS:
        Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "target": target,
                "organisation_type": org,
                "mode": "either",
                "milestone": 3,
                "sort_order": order,
            },
        )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
