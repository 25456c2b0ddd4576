"""Editors write the call in Wagtail's page editor: rules, criteria with weights (inline), the
deadline and the required attachments; and the applicants' personal data ("Moje dane")."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from demo.content.site import load_editor
from recruitment import personal_data, services
from recruitment.models import Application, RecruitmentCallPage, Status
from tests.recruitment.conftest import complete_application

pytestmark = pytest.mark.django_db


def test_an_editor_creates_and_edits_a_call(client, home_page):
    client.force_login(load_editor())
    url = reverse(
        "wagtailadmin_pages:add", args=["recruitment", "recruitmentcallpage", home_page.pk]
    )
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Nabór 2027",
            "slug": "nabor-2027",
            "intro": rich_text("<p>Wstęp do naboru.</p>"),
            "rules": rich_text("<p>Jedno zgłoszenie na jednostkę.</p>"),
            "deadline": "2027-02-15 15:00",
            "places": "20",
            "criteria": inline_formset(
                [
                    {"name": "Gotowość", "description": "", "weight": "60", "max_points": "5"},
                    {"name": "Diagnoza", "description": "", "weight": "40", "max_points": "10"},
                ]
            ),
            "required_attachments": inline_formset(
                [{"name": "List intencyjny", "description": "Podpisany przez wójta."}]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    call = RecruitmentCallPage.objects.get(slug="nabor-2027")
    assert call.live and call.url == "/nabor-2027/"
    assert [c.name for c in call.criteria.all()] == ["Gotowość", "Diagnoza"]
    assert call.required_attachments.get().name == "List intencyjny"
    assert client.get(reverse("wagtailadmin_pages:edit", args=[call.pk])).status_code == 200
    # A weight over 100 is refused with a message, not a 500.
    data["criteria-0-weight"] = "150"
    data["slug"] = "nabor-2028"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not RecruitmentCallPage.objects.filter(slug="nabor-2028").exists()


def test_an_applicants_data_is_exported_and_erased(call, applicant, instruments):
    submitted = services.submit(complete_application(call, applicant, instruments))
    data = personal_data.export_for(applicant)
    [row] = data["jst_applications"]
    assert row["contact_email"] == "ewa.kowal@wieliczka.example.pl"
    assert row["status"] == Status.SUBMITTED
    personal_data.erase_for(applicant)
    submitted.refresh_from_db()
    # The call keeps the unit's application; the person is gone from it.
    assert submitted.applicant is None and submitted.contact_email == ""
    assert submitted.jst_name == "Gmina Wieliczka"
    assert personal_data.export_for(applicant) == {"jst_applications": []}


def test_erasure_deletes_drafts_with_their_files(call, applicant, instruments):
    draft = complete_application(call, applicant, instruments)
    stored = draft.attachments.first().file
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    personal_data.erase_for(applicant)
    assert not Application.objects.exists()
    assert not storage.exists(name)
