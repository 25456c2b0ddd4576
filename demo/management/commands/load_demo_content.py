"""`python manage.py load_demo_content`: the demo site, written by the team.

Idempotent: each step finds what it made before, so running it again changes nothing. After the
site skeleton (`demo/content/site.py`), each domain app's content comes from
`demo/content/<app>.py: load(home, sections, stdout)`, in the order of settings.DOMAIN_APPS;
apps without demo content have no module there.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.content import site


def content_module(app):
    """`demo.content.<app>`, or None when the app has no demo content."""
    try:
        return importlib.import_module(f"demo.content.{app}")
    except ModuleNotFoundError as exc:
        if exc.name != f"demo.content.{app}":
            raise
        return None


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content of the MWF platform."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = site.load_site()
            sections = site.load_sections(home)
            site.load_settings(home, sections)
            site.load_editor()
            for app in settings.DOMAIN_APPS:
                module = content_module(app)
                if module is not None:
                    module.load(home=home, sections=sections, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
