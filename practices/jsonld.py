"""schema.org JSON-LD of guide and practice pages (search engines and other catalogues)."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from cms.teryt import JstType

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))  # noqa: S308


def _date(value):
    return value.isoformat() if value else None


def guide_json_ld(page, request):
    steps = [
        {
            "@type": "HowToStep",
            "position": n,
            "name": step.value["title"],
            "text": strip_tags(str(step.value["description"] or "")) or step.value["title"],
        }
        for n, step in enumerate(page.steps, start=1)
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": page.title,
        "description": page.lead,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "about": {"@type": "DefinedTerm", "name": page.instrument.display_name},
        "citation": " ".join(filter(None, [page.legal_act, page.legal_provision])),
        "dateModified": _date(page.last_published_at),
        "step": steps,
    }
    faq = [
        {
            "@type": "Question",
            "name": item.value["question"],
            "acceptedAnswer": {"@type": "Answer", "text": strip_tags(str(item.value["answer"]))},
        }
        for item in page.faq
    ]
    if faq:
        data["subjectOf"] = {"@type": "FAQPage", "mainEntity": faq}
    return dumps(data)


def practice_json_ld(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.lead,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "datePublished": _date(page.first_published_at),
        "dateModified": _date(page.last_published_at),
        "keywords": [i.display_name for i in page.instruments.all()]
        + [k.strip() for k in page.keywords.split(",") if k.strip()],
        "spatialCoverage": {
            "@type": "AdministrativeArea",
            "name": page.jst_name,
            "identifier": page.teryt,
            "additionalType": str(JstType(page.jst_type).label) if page.jst_type else None,
            "containedInPlace": {"@type": "AdministrativeArea", "name": page.voivodeship_name},
        },
        "temporalCoverage": f"{page.start_year}/{page.end_year or '..'}",
        "contributor": [
            {"@type": "Organization", "name": p.name, **({"identifier": p.krs} if p.krs else {})}
            for p in page.partners.all()
        ],
    }
    if page.proposing_organisation:
        data["creditText"] = page.proposing_organisation
    return dumps(data)
