"""Derive every practice's catalogue columns again (the normalised search text among them), as
saving each practice would: run after a change of the search's normalisation (cms.search),
then `manage.py update_index` for the site search."""

from django.core.management.base import BaseCommand

from practices.catalogue import bump_version
from practices.models import PracticePage

FIELDS = ["voivodeship", "instrument_keys", "search_text", "sort_title"]


class Command(BaseCommand):
    help = "Derive the catalogue's columns (search text, facets) of every practice again."

    def handle(self, *args, **options):
        practices = PracticePage.objects.prefetch_related("instruments", "partners")
        changed = []
        for practice in practices.iterator(chunk_size=500):
            practice.refresh_catalogue_fields()
            changed.append(practice)
            if len(changed) >= 500:
                PracticePage.objects.bulk_update(changed, FIELDS)
                changed = []
        PracticePage.objects.bulk_update(changed, FIELDS)
        bump_version()
        self.stdout.write(f"{practices.count()} practices refreshed.")
