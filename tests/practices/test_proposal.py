"""Participants' proposals: into moderation as drafts, spam and bad files refused, the proposer
told when the practice is published, personal data export and erasure."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from wagtail.models import WorkflowState

from practices import personal_data
from practices.models import PracticePage, PracticeProposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(django_user_model):
    return django_user_model.objects.create_user("uczestnik", "uczestnik@example.pl", "pw")


@pytest.fixture
def participant_client(client, participant):
    client.force_login(participant)
    return client


def form_data(instrument_map, **overrides):
    data = {
        "title": "Fundusz dla sołectw w Zielonce",
        "lead": "Jak sołectwa dzielą fundusz.",
        "organisation": "Stowarzyszenie Zielone Sołectwa",
        "jst_name": "Gmina Zielonka",
        "jst_type": "gmina_wiejska",
        "teryt": "12 06 05 2",
        "instruments": [instrument_map["male-granty"].pk],
        "benefit_area": "rozwoj_lokalny",
        "start_year": "2022",
        "status": "ongoing",
        "budget_total": "20000",
        "partners": "Stowarzyszenie A; 0000123456\nKoło Gospodyń",
        "local_law": "Uchwała nr X/1/2022; https://bip.example.pl/uchwala",
        "problem": "Mało pieniędzy.",
        "objectives": "Więcej działań.",
        "results": "Dziesięć projektów.",
        "website": "",
    }
    data.update(overrides)
    return data


def url(catalogue_page):
    return catalogue_page.url + "zglos/"


def test_anonymous_visitor_is_sent_to_log_in(client, catalogue_page):
    response = client.get(url(catalogue_page))
    assert response.status_code == 302
    assert "/konto/login" in response["Location"] or "login" in response["Location"]


def test_form_renders_with_labelled_fields(participant_client, catalogue_page, instruments):
    html = participant_client.get(url(catalogue_page)).content.decode()
    assert '<label for="id_teryt">' in html
    assert 'aria-describedby="id_teryt_help"' in html


def test_proposal_lands_as_draft_in_moderation(
    participant_client, participant, catalogue_page, instruments
):
    pdf = SimpleUploadedFile("uchwala.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = participant_client.post(
        url(catalogue_page), {**form_data(instruments), "attachment_1": pdf}
    )
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert not page.live
    assert page.teryt == "1206052" and page.voivodeship == "12"
    assert page.get_latest_revision() is not None
    assert WorkflowState.objects.filter(
        base_content_type__isnull=False, object_id=str(page.pk), status="in_progress"
    ).exists()
    assert page.proposal.proposer == participant
    assert [p.krs for p in page.partners.all()] == ["0000123456", ""]
    revision_page = page.get_latest_revision_as_object()
    assert revision_page.attachments[0].value["document"].title == "uchwala.pdf"


def test_publication_notifies_the_proposer_once(
    participant_client, catalogue_page, instruments, mailoutbox, django_capture_on_commit_callbacks
):
    participant_client.post(url(catalogue_page), form_data(instruments))
    page = PracticePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["uczestnik@example.pl"]
    assert page.title in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.save_revision().publish()
    assert len(mailoutbox) == 1
    html = participant_client.get(page.url).content.decode()
    assert "Stowarzyszenie Zielone Sołectwa" in html


def _download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_proposal_attachment_is_private_until_the_practice_is_published(
    client, django_user_model, participant, catalogue_page, instruments
):
    from django.contrib.auth.models import Group
    from wagtail.documents import get_document_model

    from practices import services

    content = b"%PDF-1.4\n%tajny wniosek\n"
    proposer = Client()
    proposer.force_login(participant)
    pdf = SimpleUploadedFile("wniosek.pdf", content, content_type="application/pdf")
    proposer.post(url(catalogue_page), {**form_data(instruments), "attachment_1": pdf})
    document = get_document_model().objects.get(title="wniosek.pdf")
    assert document.collection.name == services.PROPOSAL_COLLECTION
    assert document.collection.get_view_restrictions().exists()

    # An anonymous visitor is sent to log in and gets no file.
    response, body = _download(client, document)
    assert response.status_code == 302 and "login" in response["Location"]
    assert content not in body
    # Neither does another participant who is logged in but is not an editor.
    other = Client()
    other.force_login(django_user_model.objects.create_user("inny", "inny@example.pl", "pw"))
    response, body = _download(other, document)
    assert response.status_code != 200 and content not in body
    # An editor reviewing the proposal can download it.
    editor = django_user_model.objects.create_user("redaktor", "redaktor@example.pl", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor_client = Client()
    editor_client.force_login(editor)
    response, body = _download(editor_client, document)
    assert response.status_code == 200 and body == content

    # Once an editor publishes the practice, its attachment is public.
    page = PracticePage.objects.get()
    page.get_latest_revision().publish()
    document.refresh_from_db()
    assert document.collection.name == services.PUBLISHED_COLLECTION
    response, body = _download(Client(), document)
    assert response.status_code == 200 and body == content


def test_private_collection_restriction_is_created_once(db):
    from wagtail.models import CollectionViewRestriction

    from practices import services

    first = services._collection()
    second = services._collection()
    assert first.pk == second.pk
    [restriction] = CollectionViewRestriction.objects.filter(collection=first)
    assert restriction.restriction_type == CollectionViewRestriction.GROUPS
    assert {g.name for g in restriction.groups.all()} == {"Editors", "Moderators"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"teryt": "1206051"}, "teryt"),
        ({"teryt": "12"}, "teryt"),
        ({"teryt": "abc"}, "teryt"),
        ({"title": ""}, "title"),
        ({"instruments": []}, "instruments"),
        ({"start_year": "2022", "end_year": "2020"}, "end_year"),
        ({"budget_total": "100", "budget_jst": "500"}, "budget_total"),
        ({"budget_total": "-5"}, "budget_total"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_the_field(
    participant_client, catalogue_page, instruments, overrides, field
):
    response = participant_client.post(url(catalogue_page), form_data(instruments, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Fundusz dla sołectw w Zielonce" in html or field == "title"  # nothing typed is lost
    assert not PracticePage.objects.exists()


@pytest.mark.parametrize(
    ("upload", "field"),
    [
        (SimpleUploadedFile("wirus.exe", b"MZ\x90\x00"), "attachment_1"),
        (SimpleUploadedFile("udaje.pdf", b"MZ\x90\x00 not a pdf"), "attachment_1"),
        (SimpleUploadedFile("zdjecie.jpg", b"not an image"), "photo"),
    ],
)
def test_bad_files_are_refused(participant_client, catalogue_page, instruments, upload, field):
    response = participant_client.post(
        url(catalogue_page), {**form_data(instruments), field: upload}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not PracticePage.objects.exists()


def test_photo_needs_a_description(participant_client, catalogue_page, instruments):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(buffer, "PNG")
    photo = SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")
    response = participant_client.post(
        url(catalogue_page), {**form_data(instruments), "photo": photo}
    )
    assert "photo_alt" in response.context["form"].errors


def test_honeypot_refuses_bots(participant_client, catalogue_page, instruments):
    response = participant_client.post(
        url(catalogue_page), form_data(instruments, website="http://spam")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not PracticePage.objects.exists()


def test_rate_limit(participant_client, catalogue_page, instruments):
    for n in range(3):
        response = participant_client.post(
            url(catalogue_page), form_data(instruments, title=f"Praktyka {n}")
        )
        assert response.status_code == 302
    response = participant_client.post(url(catalogue_page), form_data(instruments, title="Czwarta"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert PracticePage.objects.count() == 3


def test_personal_data_export_and_erasure(
    participant_client, participant, catalogue_page, instruments
):
    participant_client.post(url(catalogue_page), form_data(instruments))
    exported = personal_data.export_for(participant)
    assert exported["practice_proposals"][0]["organisation"] == "Stowarzyszenie Zielone Sołectwa"
    personal_data.erase_for(participant)
    proposal = PracticeProposal.objects.get()
    assert proposal.proposer is None
    assert personal_data.export_for(participant) == {"practice_proposals": []}


def test_publication_notice_arrives_through_smtp(
    participant_client, catalogue_page, instruments, smtp_inbox, django_capture_on_commit_callbacks
):
    participant_client.post(url(catalogue_page), form_data(instruments))
    page = PracticePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish()
    message = smtp_inbox.only()
    assert message.recipients == ["uczestnik@example.pl"]
    assert page.title in message.subject
    assert "Stowarzyszenie Zielone Sołectwa" in message.text
    assert page.full_url in message.text.split()
    assert participant_client.get(page.url).status_code == 200
