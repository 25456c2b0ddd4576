"""Packages stored by earlier versions under MEDIA_ROOT/h5p/ (which the site served to anyone)
move to the private H5P storage (STORAGES["h5p"]); the database keeps the same names."""

from django.core.files.storage import default_storage
from django.db import migrations


def move_files(apps, schema_editor):
    # The storage helper, not a historical model: this moves files, the rows stay as they are.
    from h5p.storage import move_from_media

    move_from_media(default_storage)


class Migration(migrations.Migration):
    dependencies = [("h5p", "0003_staff_permissions")]

    operations = [migrations.RunPython(move_files, migrations.RunPython.noop, elidable=True)]
