"""Builders for the knowledge base's tests (explicit parents, no demo fixture)."""

import datetime
import itertools

from practices.models import InstrumentPage, PracticePage

_counter = itertools.count(1)


def make_practice(parent, instruments, publish=True, **fields):
    n = next(_counter)
    defaults = {
        "title": f"Praktyka {n}",
        "slug": f"praktyka-{n}",
        "lead": "Krótki opis praktyki.",
        "jst_name": "Gmina Przykładowo",
        "jst_type": "gmina_wiejska",
        "teryt": "1206052",
        "benefit_area": "kultura",
        "start_year": 2020,
        "status": "ongoing",
        "budget_total": 50000,
    }
    defaults.update(fields)
    page = PracticePage(**defaults)
    page.instruments = list(instruments)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def make_guide(parent, instrument, **fields):
    defaults = {
        "title": f"Przewodnik: {instrument.name}",
        "slug": instrument.slug,
        "lead": "Jak stosować ten instrument.",
        "legal_act": "ustawa o działalności pożytku publicznego i o wolontariacie",
        "legal_provision": "art. 19a",
        "legal_state_date": datetime.date(2026, 1, 1),
        "initiator": "Organizacja pozarządowa z własnej inicjatywy.",
        "limits": [
            {
                "type": "limit",
                "value": {
                    "label": "Kwota",
                    "bound": "max",
                    "value": "10000",
                    "unit": "pln",
                    "note": "",
                },
            }
        ],
        "steps": [
            {
                "type": "step",
                "value": {
                    "title": "Złożenie oferty",
                    "who": "NGO",
                    "time_limit": "",
                    "description": "<p>Opis.</p>",
                },
            },
            {
                "type": "step",
                "value": {
                    "title": "Publikacja oferty",
                    "who": "JST",
                    "time_limit": "7 dni",
                    "description": "",
                },
            },
        ],
        "faq": [{"type": "question", "value": {"question": "Czy można?", "answer": "<p>Tak.</p>"}}],
    }
    defaults.update(fields)
    page = InstrumentPage(instrument=instrument, **defaults)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
