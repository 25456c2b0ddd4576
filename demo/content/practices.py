"""Demo content of the knowledge base: the ten instruments with a guide each, good practices
and publications (with small PDFs made by WeasyPrint). Idempotent: everything is found by its
slug or title before it is created, so loading twice changes nothing."""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents import get_document_model

from demo.content.practices_guides import INSTRUMENTS
from demo.content.practices_texts import NOTE, PATTERNS, PRACTICES
from practices.models import (
    Instrument,
    InstrumentPage,
    PracticeLocalLaw,
    PracticePage,
    PracticePartner,
    PublicationPage,
)

# English (name, short name) of each instrument, keyed by slug (shown under /en/).
INSTRUMENT_NAMES_EN = {
    "program-wspolpracy": ("annual cooperation programme", "cooperation programme"),
    "otwarty-konkurs-ofert": ("open call for proposals", "open call"),
    "male-granty": ("small grants (outside an open call)", "small grants"),
    "regranting": ("regranting", "regranting"),
    "inicjatywa-lokalna": ("local initiative", "local initiative"),
    "budzet-obywatelski": ("participatory budget", "participatory budget"),
    "fundusz-solecki": ("village fund", "village fund"),
    "pozyczki-poreczenia-gwarancje": ("loans, sureties and guarantees", "loans and sureties"),
    "dotacja-inwestycyjna": ("targeted grant for investments", "investment grant"),
    "umowa-wieloletnia": ("multi-annual agreement", "multi-annual agreement"),
}

LAW_AS_OF = datetime.date(2026, 11, 1)

PUBLICATIONS = [
    {
        "slug": "diagnoza-wspolpracy-finansowej",
        "title": "Diagnoza współpracy finansowej samorządów i organizacji pozarządowych",
        "authors": "Zespół ekspertów MSAP UEK",
        "year": 2026,
        "publisher": "Małopolska Szkoła Administracji Publicznej UEK",
        "abstract": "Raport podsumowuje, z jakich instrumentów współpracy finansowej korzystają gminy i powiaty, co utrudnia ich stosowanie i czego potrzebują urzędnicy oraz organizacje. Wersja demonstracyjna.",
        "sections": [
            (
                "Po co ta diagnoza",
                "Sprawdzamy, które instrumenty są stosowane, a które pozostają na papierze.",
            ),
            (
                "Najważniejsze wnioski",
                "Konkurs ofert dominuje, a małe granty, regranting i inicjatywa lokalna są używane rzadziej, niż pozwalają przepisy.",
            ),
            (
                "Rekomendacje",
                "Warto zaczynać od programu współpracy, który wskazuje instrumenty i ich budżet.",
            ),
        ],
    },
    {
        "slug": "kompendium-instrumentow",
        "title": "Kompendium instrumentów współpracy finansowej dla samorządów",
        "authors": "Eksperci FRDL i MSAP UEK",
        "year": 2026,
        "publisher": "Fundacja Rozwoju Demokracji Lokalnej",
        "abstract": "Zwięzły przewodnik po dziesięciu instrumentach: podstawa prawna, kto inicjuje, limity, kroki i dokumenty. Wersja demonstracyjna.",
        "sections": [(guide["title"], guide["lead"]) for guide in INSTRUMENTS],
    },
    {
        "slug": "studia-przypadkow-male-granty-regranting",
        "title": "Małe granty i regranting w praktyce gmin – studia przypadków",
        "authors": "Anna Przykładowa, Jan Demonstracyjny",
        "year": 2025,
        "publisher": "Program MWF",
        "abstract": "Opis kilku przykładowych wdrożeń małych grantów i regrantingu wraz z wnioskami dla innych samorządów. Wersja demonstracyjna; opisane miejsca są fikcyjne.",
        "sections": [(p[1], p[17]) for p in PRACTICES if {"male-granty", "regranting"} & set(p[7])],
    },
]


def _pdf(title, sections):
    from weasyprint import HTML

    body = "".join(f"<h2>{escape(h)}</h2><p>{escape(t)}</p>" for h, t in sections)
    html = (
        '<html lang="pl"><head><meta charset="utf-8"><title>'
        + escape(title)
        + "</title><style>body{font-family:sans-serif;font-size:11pt;margin:2cm}h1{font-size:18pt}"
        "h2{font-size:13pt}</style></head><body><h1>"
        + escape(title)
        + "</h1><p><em>Dokument demonstracyjny platformy MWF.</em></p>"
        + body
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def _document(title, filename, sections):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(filename, ContentFile(_pdf(title, sections)), save=False)
    document.save()
    return document


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_instruments():
    instruments = {}
    for order, data in enumerate(INSTRUMENTS):
        instrument, _created = Instrument.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "short_name": data["short_name"],
                "name_en": INSTRUMENT_NAMES_EN[data["slug"]][0],
                "short_name_en": INSTRUMENT_NAMES_EN[data["slug"]][1],
                "sort_order": order,
            },
        )
        instruments[data["slug"]] = instrument
    return instruments


def load_guides(index, instruments, stdout):
    created = 0
    for data in INSTRUMENTS:
        if _child(index, InstrumentPage, data["slug"]):
            continue
        checklist = _document(
            f"Lista kontrolna: {data['name']}",
            f"lista-kontrolna-{data['slug']}.pdf",
            [(s["value"]["title"], s["value"]["who"] or "") for s in data["steps"]],
        )
        _publish(
            index,
            InstrumentPage(
                title=data["title"],
                slug=data["slug"],
                instrument=instruments[data["slug"]],
                lead=data["lead"],
                legal_act=data["act"],
                legal_provision=data["provision"],
                legal_state_date=LAW_AS_OF,
                initiator=data["initiator"],
                limits=data["limits"],
                steps=data["steps"],
                documents=[
                    {
                        "type": "document",
                        "value": {
                            "document": checklist.pk,
                            "title": f"Lista kontrolna: {data['name']}",
                        },
                    }
                ],
                pitfalls=data["pitfalls"],
                faq=data["faq"],
            ),
        )
        created += 1
    stdout.write(f"practices: {created} instrument guides created")


def _section(text):
    return [{"type": "paragraph", "value": f"<p>{escape(text)}</p>"}]


def load_practices(index, instruments, stdout):
    created = 0
    for row in PRACTICES:
        (slug, title, jst, jst_type, teryt, powiat, population, slugs, area, start, end, status,
         total, jst_share, partner_share, partners, law, problem, results, keywords) = row  # fmt: skip
        if _child(index, PracticePage, slug):
            continue
        course, difficulty, success, transfer = PATTERNS[slugs[0]]
        page = PracticePage(
            title=title,
            slug=slug,
            lead=f"{jst}: {problem[0].lower()}{problem[1:]}",
            jst_name=jst,
            jst_type=jst_type,
            teryt=teryt,
            powiat=powiat,
            population=population,
            benefit_area=area,
            start_year=start,
            end_year=end,
            status=status,
            budget_total=Decimal(total),
            budget_jst=Decimal(jst_share),
            budget_partner=Decimal(partner_share),
            funding_sources="budżet samorządu"
            + (", wkład organizacji i mieszkańców" if partner_share else ""),
            problem=_section(problem),
            objectives=_section(
                f"Celem było rozwiązanie tego problemu z pomocą instrumentu: {', '.join(instruments[s].name for s in slugs)}."
            ),
            course=_section(course),
            results=_section(results),
            difficulties=_section(difficulty),
            success_factors=_section(success),
            transferability=_section(transfer),
            contact_unit=f"Urząd – referat współpracy z organizacjami pozarządowymi ({jst})",
            keywords=keywords,
            editor_note=NOTE,
            verified_on=datetime.date(2026, 11, 1),
        )
        page.instruments = [instruments[s] for s in slugs]
        page.partners = [PracticePartner(name=name, krs=krs) for name, krs in partners]
        page.local_law = [
            PracticeLocalLaw(
                number=f"Uchwała nr {law[0]}",
                title="uchwała rady (przykład)",
                adopted_on=datetime.date.fromisoformat(law[1]),
            )
        ]
        _publish(index, page)
        created += 1
    stdout.write(f"practices: {created} good practices created")


def load_publications(index, stdout):
    created = 0
    for data in PUBLICATIONS:
        if _child(index, PublicationPage, data["slug"]):
            continue
        document = _document(data["title"], f"{data['slug']}.pdf", data["sections"])
        _publish(
            index,
            PublicationPage(
                title=data["title"],
                slug=data["slug"],
                authors=data["authors"],
                year=data["year"],
                publisher=data["publisher"],
                abstract=f"<p>{escape(data['abstract'])}</p>",
                document=document,
            ),
        )
        created += 1
    stdout.write(f"practices: {created} publications created")


def load(home, sections, stdout):
    instruments = load_instruments()
    load_guides(sections["instrumenty"], instruments, stdout)
    load_practices(sections["dobre-praktyki"], instruments, stdout)
    load_publications(sections["publikacje"], stdout)
