"""`python manage.py generate_load_data [--count 10000]`: volume data for the benchmark.

Tops the catalogue up to COUNT generated practices (slugs "gen-…"), so running it again adds
nothing. Pages are written in bulk: the tree paths are computed here (treebeard's materialised
path: the parent's path plus a 4-character step per child), the base page rows go in with one
bulk INSERT per batch, the PracticePage rows with another, and the parent's child count is
updated once. No revisions and no search index entries are made: the pages are for load tests,
not for editing."""

import random
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Site

from cms.teryt import VOIVODESHIPS
from practices import catalogue
from practices.models import Instrument, PracticeIndexPage, PracticePage

PREFIX = "gen-"
BATCH = 1000
TOPICS = [
    ("Świetlica", "kultura"),
    ("Klub seniora", "seniorzy"),
    ("Zajęcia sportowe", "sport"),
    ("Ogród społeczny", "ekologia"),
    ("Poradnictwo", "pomoc_spoleczna"),
    ("Festiwal", "kultura"),
    ("Warsztaty dla młodzieży", "mlodziez"),
    ("Wolontariat", "wsparcie_ngo"),
    ("Profilaktyka", "zdrowie"),
    ("Ścieżka rowerowa", "turystyka"),
]
PLACES = ["Łąkowa", "Źródlana", "Żytnia", "Słoneczna", "Dębowa", "Leśna", "Kamienna", "Nowa Wieś"]
TYPES = [
    ("gmina_wiejska", "Gmina", lambda w, r: f"{w}{r.randint(1, 40):02d}{r.randint(1, 20):02d}2"),
    (
        "gmina_miejsko_wiejska",
        "Gmina",
        lambda w, r: f"{w}{r.randint(1, 40):02d}{r.randint(1, 20):02d}3",
    ),
    (
        "gmina_miejska",
        "Gmina Miasto",
        lambda w, r: f"{w}{r.randint(1, 40):02d}{r.randint(1, 20):02d}1",
    ),
    ("miasto_na_prawach_powiatu", "Miasto", lambda w, r: f"{w}{r.randint(61, 65)}011"),
    ("powiat", "Powiat", lambda w, r: f"{w}{r.randint(1, 40):02d}"),
]


class Command(BaseCommand):
    help = "Generate good practices in bulk for load tests (default 10,000)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, seed, **options):
        instruments = list(Instrument.objects.all())
        if not instruments:
            raise CommandError("No instruments: load the demo content first (load_demo_content).")
        index = self._index()
        existing = PracticePage.objects.child_of(index).filter(slug__startswith=PREFIX).count()
        missing = max(0, count - existing)
        rng = random.Random(seed + existing)  # noqa: S311 (test data, not security)
        for start in range(0, missing, BATCH):
            with transaction.atomic():
                self._batch(index, instruments, min(BATCH, missing - start), existing + start, rng)
            index.refresh_from_db()
        if missing:
            # The bulk inserts send no signals: renew the catalogue's version by hand so that no
            # cached count from before the new pages is served.
            catalogue.bump_version()
        self.stdout.write(f"{existing + missing} generated practices ({missing} new).")

    def _index(self):
        index = PracticeIndexPage.objects.live().first()
        if index is None:
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                raise CommandError("No default site: load the demo content first.")
            index = PracticeIndexPage(title="Dobre praktyki", slug="dobre-praktyki")
            site.root_page.add_child(instance=index)
            index.save_revision().publish()
        return index

    def _batch(self, index, instruments, size, offset, rng):
        content_type = ContentType.objects.get_for_model(PracticePage)
        last = index.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        depth = index.depth + 1
        now = timezone.now()
        pages = []
        for n in range(size):
            number = offset + n + 1
            topic, area = rng.choice(TOPICS)
            jst_type, prefix, teryt = rng.choice(TYPES)
            woj = rng.choice(list(VOIVODESHIPS))
            place = rng.choice(PLACES)
            chosen = rng.sample(instruments, rng.choice((1, 1, 2)))
            title = f"{topic} – {place} {number}"
            slug = f"{PREFIX}{number}"
            page = PracticePage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index.path, depth, step + n),
                depth=depth,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                lead=f"{topic} prowadzone wspólnie przez samorząd i organizacje ({', '.join(i.name for i in chosen)}).",
                jst_name=f"{prefix} {place}",
                jst_type=jst_type,
                teryt=teryt(woj, rng),
                benefit_area=area,
                start_year=rng.randint(2012, 2026),
                status=rng.choice(("ongoing", "completed", "recurring")),
                budget_total=Decimal(rng.randrange(5_000, 2_000_000, 500)),
                keywords="dane testowe",
                editor_note="Dane wygenerowane do testów wydajności.",
            )
            page.refresh_catalogue_fields(instruments=chosen, partner_names=[])
            page._chosen = chosen
            pages.append(page)
        base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
        bases = Page.objects.bulk_create(
            [Page(**{name: getattr(p, name) for name in base_fields}) for p in pages]
        )
        for page, base in zip(pages, bases, strict=True):
            page.page_ptr_id = page.id = base.pk
        local_fields = PracticePage._meta.local_concrete_fields
        PracticePage._base_manager._insert(pages, fields=local_fields, using="default")
        through = PracticePage.instruments.through
        through.objects.bulk_create(
            [through(practicepage_id=p.pk, instrument_id=i.pk) for p in pages for i in p._chosen]
        )
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + size)
