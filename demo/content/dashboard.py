"""Demo content of the dashboard: a few supported JSTs at different milestones (idempotent:
each JST is found by its TERYT code, milestones by their stage)."""

import datetime

from cms.teryt import JstType
from dashboard.indicators import ensure_default_indicators
from dashboard.models import JstMilestone, Milestone, SupportedJst
from practices.models import Instrument

DEMO_JSTS = [
    {
        "teryt": "1261011",
        "name": "Gmina Miejska Kraków",
        "jst_type": JstType.CITY_COUNTY,
        "instruments": ["regranting", "inicjatywa-lokalna"],
        "notes": (
            "Miasto rozszerza regranting na dzielnice. Diagnoza objęła rozmowy z radami "
            "dzielnic i fundacjami, które prowadziły już konkursy mikrodotacji."
        ),
        "milestones": [
            (Milestone.DIAGNOSIS, datetime.date(2025, 10, 14)),
            (Milestone.DRAFT_RESOLUTION, datetime.date(2026, 1, 20)),
            (Milestone.RESOLUTION_ADOPTED, datetime.date(2026, 3, 11)),
            (Milestone.FIRST_CALL, datetime.date(2026, 5, 4)),
        ],
    },
    {
        "teryt": "1219063",
        "name": "Gmina Wieliczka",
        "jst_type": JstType.URBAN_RURAL,
        "instruments": ["male-granty"],
        "notes": "Doradca pomaga przygotować regulamin małych grantów dla sołectw.",
        "milestones": [
            (Milestone.DIAGNOSIS, datetime.date(2026, 2, 3)),
            (Milestone.DRAFT_RESOLUTION, datetime.date(2026, 6, 18)),
        ],
    },
    {
        "teryt": "1217",
        "name": "Powiat tatrzański",
        "jst_type": JstType.POWIAT,
        "instruments": ["fundusz-wkladow-wlasnych"],
        "notes": "Powiat chce wspierać wkład własny organizacji startujących w konkursach.",
        "milestones": [(Milestone.DIAGNOSIS, datetime.date(2026, 4, 22))],
    },
    {
        "teryt": "0663011",
        "name": "Miasto Lublin",
        "jst_type": JstType.CITY_COUNTY,
        "instruments": ["regranting"],
        "notes": "Pierwsza edycja zakończona; ewaluacja przygotowana z operatorem regrantingu.",
        "milestones": [
            (Milestone.DIAGNOSIS, datetime.date(2025, 6, 2)),
            (Milestone.DRAFT_RESOLUTION, datetime.date(2025, 8, 28)),
            (Milestone.RESOLUTION_ADOPTED, datetime.date(2025, 9, 30)),
            (Milestone.FIRST_CALL, datetime.date(2025, 11, 15)),
            (Milestone.EVALUATION, datetime.date(2026, 6, 30)),
        ],
    },
]


def load(home, sections, stdout):
    ensure_default_indicators()
    created = 0
    for spec in DEMO_JSTS:
        jst, was_created = SupportedJst.objects.get_or_create(
            teryt=spec["teryt"],
            defaults={"name": spec["name"], "jst_type": spec["jst_type"], "notes": spec["notes"]},
        )
        created += was_created
        if was_created:
            jst.instruments.set(Instrument.objects.filter(slug__in=spec["instruments"]))
        for order, (stage, day) in enumerate(spec["milestones"]):
            JstMilestone.objects.get_or_create(
                jst=jst, stage=stage, defaults={"date": day, "sort_order": order}
            )
    stdout.write(f"dashboard: {created} supported JSTs added ({len(DEMO_JSTS)} in the demo).")
