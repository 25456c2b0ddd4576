"""Issuing, freezing, verifying and mailing certificates."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from wagtail.models import Site

from certificates import files, personal_data, services
from certificates.models import Certificate
from cms.models import SiteSettings
from tests.certificates.pdf_text import pdf_text, pdf_words

pytestmark = pytest.mark.django_db


def issue(**overrides):
    fields = {
        "kind": Certificate.Kind.EVENT,
        "email": "anna@example.pl",
        "full_name": "Anna Nowak",
        "title": "Regranting w praktyce",
        "hours": Decimal("8"),
        "outcomes": ["Zna zasady regrantingu", "Umie przygotować umowę"],
        "organiser": "MSAP UEK",
        "dates_text": "12.03.2026",
        "place": "Kraków",
        "source_key": "event:1:registration:1",
    }
    fields.update(overrides)
    return services.issue_certificate(**fields)


def test_issue_is_idempotent_per_source_key():
    first = issue()
    second = issue(full_name="Ktoś Inny")
    assert first.pk == second.pk
    assert Certificate.objects.count() == 1
    assert first.register_number.startswith("MWF/") and first.register_number.endswith(
        f"{first.pk:05d}"
    )
    assert first.outcomes_list == ["Zna zasady regrantingu", "Umie przygotować umowę"]


def test_codes_are_checked_before_lookup():
    certificate = issue()
    assert services.is_well_formed(certificate.code)
    assert services.find(certificate.code.lower()) == certificate
    tampered = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    assert not services.is_well_formed(tampered)
    assert services.find(tampered) is None
    assert services.find("nonsense") is None


def test_verification_page(client, home_page):
    certificate = issue()
    response = client.get(f"/certyfikat/{certificate.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anna Nowak" in html and certificate.register_number in html


@pytest.mark.parametrize("code", ["ABCDEFGHJKMNPQ", "x" * 14, "<script>", "1"])
def test_unknown_or_tampered_code_is_a_clear_404(client, home_page, code):
    response = client.get(f"/certyfikat/{code}/")
    assert response.status_code == 404
    assert "Certificate not found" in response.content.decode() or "Nie znaleziono" in (
        response.content.decode()
    )


def test_pdf_only_for_the_holder_and_staff(client, home_page, django_user_model):
    holder = django_user_model.objects.create_user("anna", "anna@example.pl", "x")
    certificate = issue(user=holder)
    url = f"/certyfikat/{certificate.code}/pdf/"
    assert client.get(url).status_code == 403
    client.force_login(django_user_model.objects.create_user("obcy", "obcy@example.pl", "x"))
    assert client.get(url).status_code == 403
    client.force_login(holder)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")


def test_erasure_deletes_the_stored_pdf_with_the_name(client, home_page, django_user_model):
    holder = django_user_model.objects.create_user("anna", "anna@example.pl", "x")
    certificate = issue(user=holder)
    stored = files.stored_pdf(certificate)
    assert "Anna Nowak" in pdf_text(files.pdf_bytes(certificate))
    personal_data.erase_for(holder)
    assert not default_storage.exists(stored)
    certificate.refresh_from_db()
    assert "Anna Nowak" not in pdf_text(files.pdf_bytes(certificate))


def test_pdf_contains_frozen_name_and_qr():
    certificate = issue(full_name="Zofia Żółć")
    pdf = services.render_pdf(certificate)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_email_task_in_sync_mode_attaches_the_pdf(mailoutbox, django_capture_on_commit_callbacks):
    certificate = issue()
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_certificate_email(certificate)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["anna@example.pl"]
    assert certificate.register_number in message.body
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    certificate.refresh_from_db()
    assert certificate.emailed_at is not None
    # A second run sends nothing more.
    assert services.send_certificate_email(certificate.pk) is False


def test_erasure_keeps_the_code_verifiable(client, home_page, django_user_model):
    holder = django_user_model.objects.create_user("anna", "anna@example.pl", "x")
    certificate = issue(user=holder)
    assert personal_data.export_for(holder)["certificates"][0]["full_name"] == "Anna Nowak"
    personal_data.erase_for(holder)
    response = client.get(f"/certyfikat/{certificate.code}/")
    assert response.status_code == 200
    assert "Anna Nowak" not in response.content.decode()


def test_staff_list_and_search(client, home_page, django_user_model):
    certificate = issue()
    issue(full_name="Jan Kowalski", source_key="event:2:registration:2")
    client.force_login(django_user_model.objects.create_user("zwykly", "z@example.pl", "x"))
    assert client.get("/admin/certificates/").status_code in (302, 403)
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.pl", "x"))
    response = client.get("/admin/certificates/", {"q": "Nowak"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [certificate]
    response = client.get("/admin/certificates/", {"q": certificate.code})
    assert list(response.context["page_obj"]) == [certificate]


def test_pdf_text_has_the_name_and_a_signature_line(home_page):
    from wagtail.models import Site

    from certificates.models import CertificateSettings

    site = Site.objects.get(is_default_site=True)
    config = CertificateSettings.for_site(site)
    config.signatory_name = "dr Joanna Wierzbicka"
    config.signatory_role = "Koordynatorka Programu MWF"
    config.save()
    certificate = issue(full_name="Zofia Żółć")
    text = pdf_words(services.render_pdf(certificate))
    assert "Zofia Żółć" in text
    assert "dr Joanna Wierzbicka" in text
    assert "Koordynatorka Programu MWF" in text
    # Frozen at issue: a later change of the signatory does not touch this certificate.
    config.signatory_name = "Jan Nowy"
    config.save()
    text = pdf_words(services.render_pdf(Certificate.objects.get(pk=certificate.pk)))
    assert "dr Joanna Wierzbicka" in text and "Jan Nowy" not in text


def test_signature_defaults_to_the_role_without_settings():
    certificate = issue()
    assert certificate.signatory_name == ""
    assert certificate.signatory_role == "Koordynator(ka) Programu MWF"

    assert "Koordynator(ka) Programu MWF" in pdf_words(services.render_pdf(certificate))


def test_signatory_can_be_given_when_issuing():
    certificate = issue(signatory_name="Piotr Zieliński", signatory_role="Dyrektor MSAP")
    assert (certificate.signatory_name, certificate.signatory_role) == (
        "Piotr Zieliński",
        "Dyrektor MSAP",
    )


def test_certificate_email_arrives_through_smtp_with_the_pdf(
    smtp_inbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(full_name="Zofia Żółć", title="Fundusz sołecki – warsztaty")
        services.queue_certificate_email(certificate)
    message = smtp_inbox.only()
    assert message.recipients == ["anna@example.pl"]
    assert "Fundusz sołecki – warsztaty" in message.subject + message.text
    ((name, content_type, data),) = message.attachments("application/pdf")
    assert name == services.pdf_filename(certificate)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Zofia Żółć" in text
    assert services.verification_url(certificate) in message.text


def test_one_date_format_for_every_certificate():
    assert services.dates_text(date(2026, 3, 12)) == "12.03.2026"
    assert services.dates_text(date(2026, 3, 12), date(2026, 3, 12)) == "12.03.2026"
    assert services.dates_text(date(2026, 3, 12), date(2026, 3, 14)) == "12.03.2026 – 14.03.2026"


def test_the_organiser_is_the_default_sites_organisation(home_page):
    assert services.organiser_name() == "Program MWF"
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"organisation": "MSAP UEK"})
    assert services.organiser_name() == "MSAP UEK"


@pytest.fixture
def english_home(home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.save_revision().publish()
    return english


def test_verification_page_speaks_the_visitors_language(client, english_home):
    certificate = issue(language="en", title="Regranting in practice")
    polish = client.get(f"/certyfikat/{certificate.code}/").content.decode()
    assert "Weryfikacja zaświadczenia" in polish and "Wydane dla" in polish
    assert '<html lang="pl"' in polish
    english = client.get(f"/en/certificate/{certificate.code}/")
    assert english.status_code == 200
    html = english.content.decode()
    assert "Certificate verification" in html and "Issued to" in html
    assert "Weryfikacja" not in html and "Regranting in practice" in html
    # The address printed before the English segments (and any /en/ link with the Polish
    # segment) leads to the English page.
    old = client.get(f"/en/certyfikat/{certificate.code}/")
    assert old.status_code == 301
    assert old["Location"] == f"/en/certificate/{certificate.code}/"
    assert client.get(f"/en/certyfikat/{certificate.code}/pdf/")["Location"] == (
        f"/en/certificate/{certificate.code}/pdf/"
    )
    # The QR code and the printed address of an English certificate lead to the English page,
    # of a Polish one to the Polish page.
    assert services.verification_url(certificate).endswith(f"/en/certificate/{certificate.code}/")
    polish_one = issue(source_key="event:2:registration:2")
    assert services.verification_url(polish_one).endswith(f"/certyfikat/{polish_one.code}/")


def test_english_event_certificate_pdf(home_page):
    certificate = issue(language="en", title="Regranting in practice", outcomes=["Knows it"])
    text = pdf_words(services.render_pdf(certificate))
    assert "of participation in a training" in text and "took part in the training" in text
    assert "Dates: 12.03.2026." in text and "Organiser: MSAP UEK." in text
    assert "Kraków," in text and "udział" not in text
    polish = pdf_words(services.render_pdf(issue(source_key="event:2:registration:2")))
    assert "o udziale w szkoleniu" in polish and "wziął(-ęła) udział w szkoleniu" in polish
    assert "Termin: 12.03.2026." in polish and "Organizator: MSAP UEK." in polish


def test_an_unknown_language_gives_the_default_one():
    assert issue(language="xx").language == "pl"
