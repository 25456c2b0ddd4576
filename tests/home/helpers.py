"""Builders and admin helpers shared by the home and site tests."""

import datetime

from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html

from home.models import AccessibilityStatementPage

ALWAYS_REQUIRED_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-kontakt",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-data-sporzadzenie",
    "a11y-architektura",
    "a11y-komunikacja",
]
OPTIONAL_IDS = ["a11y-data-przeglad", "a11y-ocena", "a11y-aplikacje", "a11y-architektura-url"]


def statement_fields(**overrides):
    fields = {
        "title": "Deklaracja dostępności",
        "slug": "deklaracja-dostepnosci",
        "entity_name": "Małopolska Szkoła Administracji Publicznej UEK",
        "site_name": "Platforma MWF",
        "site_url": "https://mwf.example.pl/",
        "published_on": datetime.date(2026, 3, 2),
        "updated_on": datetime.date(2026, 11, 20),
        "prepared_on": datetime.date(2026, 3, 1),
        "status": AccessibilityStatementPage.STATUS_PARTIAL,
        "non_compliance": "<p>Część skanów nie ma warstwy tekstowej.</p>",
        "contact_person": "Jan Kowalski",
        "contact_email": "dostepnosc@example.pl",
        "contact_phone": "+48 12 000 00 00",
        "architecture": "<p>Wejście bez progów.</p>",
        "communication": "<p>Tłumacz PJM na życzenie.</p>",
    }
    fields.update(overrides)
    return fields


def add_statement(parent, **overrides):
    page = AccessibilityStatementPage(**statement_fields(**overrides))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def edit_and_publish(client, page, **changes):
    """Open the page's edit form in the admin, change fields, publish; return the response."""
    path = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(path)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    # StreamFields are drawn by JavaScript, so their (empty, in these tests) data is not in the
    # HTML: an empty stream is zero blocks.
    for field in type(page)._meta.get_fields():
        if isinstance(field, StreamField) and f"{field.name}-count" not in data:
            data[f"{field.name}-count"] = "0"
    for name, value in changes.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    return client.post(path, data)
