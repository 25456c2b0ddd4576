"""A completed course issues a frozen certificate and mails it (django-q2 in sync mode)."""

import pytest
from django.utils import formats, timezone, translation

from certificates import services
from certificates.models import Certificate
from courses import completion, enrolment
from tests.certificates.pdf_text import pdf_words

from . import factories

pytestmark = pytest.mark.django_db


def finish(participant, course, capture):
    with capture(execute=True):
        enrolment.enrol(participant, course)
    for lesson in factories.lessons_of(course):
        with capture(execute=True):
            completion.complete_lesson(participant, lesson, source="viewed")


def test_completion_issues_and_mails_a_frozen_certificate(
    home_page, mailoutbox, django_capture_on_commit_callbacks
):
    course = factories.course(home_page, modules=0, lessons_per_module=2)
    participant = factories.user()
    finish(participant, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.full_name == "Anna Nowak"
    assert certificate.title == course.title
    assert certificate.hours == course.duration_hours
    assert certificate.outcomes_list == course.outcomes_list
    assert certificate.user == participant
    assert len(mailoutbox) == 1 and mailoutbox[0].attachments
    # Later edits do not change the certificate.
    participant.last_name = "Kowalska"
    participant.save()
    course.title = "Nowy tytuł"
    course.save_revision().publish()
    certificate.refresh_from_db()
    assert certificate.full_name == "Anna Nowak" and certificate.title != "Nowy tytuł"


def test_no_certificate_when_the_course_gives_none(
    home_page, mailoutbox, django_capture_on_commit_callbacks
):
    course = factories.course(home_page, modules=0, lessons_per_module=1, certificate_enabled=False)
    finish(factories.user(), course, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()
    assert not mailoutbox


def test_my_courses_offers_the_pdf(client, home_page, django_capture_on_commit_callbacks):
    course = factories.course(home_page, modules=0, lessons_per_module=1)
    participant = factories.user()
    finish(participant, course, django_capture_on_commit_callbacks)
    client.force_login(participant)
    html = client.get("/moje-kursy/").content.decode()
    certificate = Certificate.objects.get()
    assert f"/certyfikat/{certificate.code}/pdf/" in html
    assert "100%" in html


def test_a_certificate_waits_for_the_name_and_follows_it(
    client, home_page, django_capture_on_commit_callbacks
):
    """Never a certificate made out to an e-mail address: without a name it waits, "Moje kursy"
    says why and where to add it, and saving the name issues it at once."""
    course = factories.course(home_page, modules=0, lessons_per_module=1)
    participant = factories.user("bez.nazwiska@example.pl", first_name="", last_name="")
    finish(participant, course, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()
    client.force_login(participant)
    html = client.get("/moje-kursy/").content.decode()
    assert 'href="/konto/profil/"' in html and "czeka na Twoje imię i nazwisko" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/profil/",
            {
                "first_name": "Zofia",
                "last_name": "Wąs",
                "organisation_type": "ngo",
                "organisation_name": "Fundacja Zielone Sołectwa",
                "position": "prezeska zarządu",
                "language": "pl",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    certificate = Certificate.objects.get()
    assert certificate.full_name == "Zofia Wąs"
    assert certificate.email == "bez.nazwiska@example.pl"
    assert "czeka na Twoje imię" not in client.get("/moje-kursy/").content.decode()


@pytest.fixture
def english_home(home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.save_revision().publish()
    return english


def test_an_english_course_gives_an_english_certificate(
    english_home, mailoutbox, django_capture_on_commit_callbacks
):
    course = factories.course(
        english_home,
        title="Small grants",
        modules=0,
        lessons_per_module=1,
        learning_outcomes="Knows the small grants procedure",
    )
    assert course.locale.language_code == "en"
    finish(factories.user(), course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.language == "en"
    assert certificate.organiser == "MWF programme"
    assert certificate.signatory_role == "MWF Programme Coordinator"
    text = pdf_words(services.render_pdf(certificate))
    with translation.override("en"):
        issued = formats.date_format(timezone.localtime(certificate.issued_at), "j F Y")
    for english in [
        "CERTIFICATE",
        "of completion of an online course",
        "This is to certify that",
        "completed the course",
        "“Small grants”",
        "Duration: 6 hours.",
        "Learning outcomes",
        "Programme “Strengthening the mechanisms",
        "The certificate can be verified at: http://",
        issued,
    ]:
        assert english in text, english
    assert f"/en/certificate/{certificate.code}/" in "".join(text.split())
    for polish in ["ZAŚWIADCZENIE", "Zaświadcza", "ukończył", "Wymiar", "Program „"]:
        assert polish not in text, polish
    (message,) = mailoutbox
    assert message.subject == "Your certificate: Small grants"
    assert "Hello Anna Nowak" in message.body
    assert f"/en/certificate/{certificate.code}/" in message.body
    assert message.attachments[0][0] == (
        f"certificate-{certificate.register_number.replace('/', '-')}.pdf"
    )


def test_a_polish_course_keeps_a_polish_certificate(
    home_page, english_home, mailoutbox, django_capture_on_commit_callbacks
):
    course = factories.course(home_page, modules=0, lessons_per_module=1)
    finish(factories.user(), course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.language == "pl"
    text = pdf_words(services.render_pdf(certificate))
    with translation.override("pl"):
        issued = formats.date_format(timezone.localtime(certificate.issued_at), "j E Y")
    for polish in [
        "ZAŚWIADCZENIE",
        "o ukończeniu szkolenia online",
        "Zaświadcza się, że",
        "ukończył(a) kurs",
        "„Małe granty”",
        "Wymiar: 6 godz.",
        "Efekty uczenia się",
        "Program „Wzmocnienie mechanizmów",
        issued,
    ]:
        assert polish in text, polish
    # The address may break across lines (the stylesheet lets it wrap anywhere).
    assert f"/certyfikat/{certificate.code}/" in "".join(text.split())
    assert "/en/" not in text and "This is to certify" not in text
    assert mailoutbox[0].attachments[0][0].startswith("zaswiadczenie-MWF-")
