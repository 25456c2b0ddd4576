"""`python manage.py load_demo_content`: the demo site, written by the team.

Idempotent: each step finds what it made before, so running it again changes nothing. Each
domain app contributes its own content through `<app>/demo.py: load(home, sections, stdout)`.
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo

DOMAIN_APPS = ["practices", "courses", "quizzes", "h5p", "events", "newsletter", "dashboard"]


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content of the MWF platform."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = demo.load_site()
            sections = demo.load_sections(home)
            demo.load_settings(home, sections)
            demo.load_editor()
            for app in DOMAIN_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                module.load(home=home, sections=sections, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
