""" "Moje dane": seeing, downloading and erasing one's own data; staff acting on a request;
nobody reaching another person's data."""

import json

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import ModelLogEntry

from dashboard import data_rights, indicators
from dashboard.models import DataRightsRequest, Indicator

pytestmark = pytest.mark.django_db

NAME = "Zgrzytalska"
EMAIL = "agnieszka.zgrzytalska@example.pl"


@pytest.fixture
def agnieszka_client(client, programme):
    client.force_login(programme["agnieszka"])
    return client


def test_my_data_shows_my_data_only(agnieszka_client, programme):
    response = agnieszka_client.get(reverse("dashboard:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert EMAIL in html
    assert "Regranting od podstaw" in html  # her course, from the dashboard's ledger
    assert "Urząd Miasta Krakowa" in html  # her profile, from accounts
    assert "Bartosz" not in html and "bartosz@example.pl" not in html
    # Another user's id in the query string changes nothing.
    other = programme["bartosz"].pk
    html = agnieszka_client.get(reverse("dashboard:my_data") + f"?user={other}").content.decode()
    assert "bartosz@example.pl" not in html


def test_my_data_speaks_plain_polish(agnieszka_client, programme):
    """Labels in Polish, codes by their names, dates formatted: nothing shown raw."""
    html = agnieszka_client.get(reverse("dashboard:my_data")).content.decode()
    for raw in ("Username", "Date joined", "Enrolments", "in_progress", ">12<", "T0", "+00:00"):
        assert raw not in html, raw
    for plain in ("Nazwa użytkownika", "Konto założone", "Województwo", "małopolskie"):
        assert plain in html, plain


def test_my_data_needs_login(client, db):
    response = client.get(reverse("dashboard:my_data"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_download_json_is_logged(agnieszka_client, programme):
    response = agnieszka_client.get(reverse("dashboard:my_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    payload = json.loads(response.content)
    assert payload["data"]["account"]["email"] == EMAIL
    assert len(payload["data"]["dashboard"]["training_records"]) == 2
    entry = ModelLogEntry.objects.get(action="dashboard.data_download")
    assert entry.user_id == programme["agnieszka"].pk
    assert entry.data["subject_user_id"] == programme["agnieszka"].pk


def test_participant_cannot_reach_staff_tools(agnieszka_client, programme):
    other = programme["bartosz"].pk
    for url in (
        reverse("dashboard_admin:person_data", args=[other]),
        reverse("dashboard_admin:index"),
        reverse("dashboard_admin:people") + "?indicator=all&format=csv",
    ):
        response = agnieszka_client.get(url)
        assert response.status_code in (302, 403)
        assert b"bartosz@example.pl" not in response.content
    response = agnieszka_client.post(
        reverse("dashboard_admin:person_data", args=[other]),
        {"action": "erase", "reference": "x", "confirm": "yes"},
    )
    assert response.status_code in (302, 403)
    programme["bartosz"].refresh_from_db()
    assert programme["bartosz"].is_active


@pytest.fixture
def fake_consents(monkeypatch):
    """Consents as the newsletter module would list them, for two people."""
    store = {}

    def lister(user):
        return [c for c in store.values() if c["user_id"] == user.pk]

    def withdraw(user, consent_id):
        store[int(consent_id)]["withdrawn_at"] = "2026-11-26"

    monkeypatch.setattr(data_rights, "consent_functions", lambda: (lister, withdraw))
    return store


def test_withdraw_own_consent_but_not_another_persons(agnieszka_client, programme, fake_consents):
    fake_consents[1] = {
        "id": 1,
        "user_id": programme["agnieszka"].pk,
        "label": "Newsletter",
        "given_at": None,
        "withdrawn_at": None,
    }
    fake_consents[2] = {
        "id": 2,
        "user_id": programme["bartosz"].pk,
        "label": "Newsletter",
        "given_at": None,
        "withdrawn_at": None,
    }
    html = agnieszka_client.get(reverse("dashboard:my_data")).content.decode()
    assert 'name="consent_id" value="1"' in html and 'value="2"' not in html
    response = agnieszka_client.post(reverse("dashboard:my_data_withdraw"), {"consent_id": 2})
    assert response.status_code == 403
    assert fake_consents[2]["withdrawn_at"] is None
    response = agnieszka_client.post(reverse("dashboard:my_data_withdraw"), {"consent_id": 1})
    assert response.status_code == 302
    assert fake_consents[1]["withdrawn_at"] is not None
    assert ModelLogEntry.objects.filter(action="dashboard.consent_withdraw").count() == 1


def test_withdraw_without_a_newsletter_function_says_so(agnieszka_client, monkeypatch):
    monkeypatch.setattr(data_rights, "consent_functions", lambda: (None, None))
    response = agnieszka_client.post(
        reverse("dashboard:my_data_withdraw"), {"consent_id": 1}, follow=True
    )
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()


def test_erase_needs_confirmation(agnieszka_client, programme):
    response = agnieszka_client.post(reverse("dashboard:my_data_erase"), {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-describedby="id_confirm_error"' in html
    programme["agnieszka"].refresh_from_db()
    assert programme["agnieszka"].is_active


def _figures():
    result = {}
    for row in indicators.summary():
        result[row["indicator"].code] = (row["value"], row["pending"])
    for indicator in [None, *Indicator.objects.filter(kind="people")]:
        for dimension in indicators.DIMENSIONS:
            key = (indicator.code if indicator else "all", dimension.code)
            result[key] = sorted(indicators.breakdown(indicator, dimension))
        result[("months", indicator and indicator.code)] = indicators.people_by_month(indicator)
    return result


def _database_dump():
    """Every value of every row of every table, as text."""
    chunks = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields]
        for row in model._default_manager.all().values_list(*fields):
            chunks.append(repr(row))
    return "\n".join(chunks)


def test_erasure_leaves_no_personal_field_and_keeps_the_figures(agnieszka_client, programme):
    from certificates.services import issue_certificate

    agnieszka = programme["agnieszka"]
    certificate = issue_certificate(
        kind="course",
        user=agnieszka,
        email=EMAIL,
        full_name=f"Agnieszka {NAME}",
        title="Regranting od podstaw",
        hours=None,
        outcomes=["Zna zasady regrantingu"],
        organiser="MSAP UEK",
        dates_text="15.01.2026",
        place="online",
        source_key=f"course:11:user:{agnieszka.pk}",
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=agnieszka, email=EMAIL, verified=True, primary=True)
    _subscribe(EMAIL)
    before = _figures()
    assert NAME in _database_dump() and EMAIL in _database_dump()

    response = agnieszka_client.post(reverse("dashboard:my_data_erase"), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:erased")

    dump = _database_dump()
    assert NAME.lower() not in dump.lower()
    assert EMAIL not in dump.lower()
    assert _figures() == before
    # Logged out, and the account cannot be used again.
    assert agnieszka_client.get(reverse("dashboard:my_data")).status_code == 302
    agnieszka.refresh_from_db()
    assert not agnieszka.is_active and not agnieszka.has_usable_password()
    # The certificate still verifies, without the name.
    page = agnieszka_client.get(reverse("certificates:verify", args=[certificate.code]))
    assert page.status_code == 200
    assert certificate.register_number in page.content.decode()
    assert NAME not in page.content.decode()
    # The erasure is in the audit log, naming the person only by id.
    request = DataRightsRequest.objects.get(action="erase")
    assert request.subject_user_id == agnieszka.pk
    assert ModelLogEntry.objects.filter(action="dashboard.data_erase").exists()


def test_staff_acts_on_a_request_with_a_reference(client, staff_user, programme):
    client.force_login(staff_user)
    bartosz = programme["bartosz"]
    found = client.get(reverse("dashboard_admin:person_search") + "?email=BARTOSZ@example.pl")
    assert reverse("dashboard_admin:person_data", args=[bartosz.pk]) in found.content.decode()
    url = reverse("dashboard_admin:person_data", args=[bartosz.pk])
    html = client.get(url).content.decode()
    assert "Fundacja Razem" in html
    assert ModelLogEntry.objects.filter(action="dashboard.data_view", user=staff_user).exists()
    # No reference: nothing happens.
    client.post(url, {"action": "download"})
    assert not ModelLogEntry.objects.filter(action="dashboard.data_download").exists()
    response = client.post(url, {"action": "download", "reference": "RODO/2026/7"})
    assert json.loads(response.content)["data"]["account"]["email"] == "bartosz@example.pl"
    before = _figures()
    response = client.post(url, {"action": "erase", "reference": "RODO/2026/8", "confirm": "yes"})
    assert response.status_code == 302
    bartosz.refresh_from_db()
    assert not bartosz.is_active and "bartosz" not in bartosz.email
    assert _figures() == before
    entry = ModelLogEntry.objects.get(action="dashboard.data_erase")
    assert entry.user_id == staff_user.pk and entry.data["reference"] == "RODO/2026/8"
    assert "RODO/2026/8" in client.get(reverse("dashboard_admin:audit")).content.decode()


def test_staff_accounts_are_not_erased_here(client, staff_user, programme):
    other = staff_user.__class__.objects.create_user(
        username="s2", email="s2@example.pl", password="x", is_staff=True
    )
    client.force_login(staff_user)
    url = reverse("dashboard_admin:person_data", args=[other.pk])
    client.post(url, {"action": "erase", "reference": "R", "confirm": "yes"})
    other.refresh_from_db()
    assert other.is_active


def _subscribe(email):
    from django.utils import timezone

    from newsletter.models import NewsletterList, Subscriber

    subscriber = Subscriber.objects.create(
        email=email, status=Subscriber.Status.CONFIRMED, confirmed_at=timezone.now()
    )
    newsletter_list, _ = NewsletterList.objects.get_or_create(
        slug="aktualnosci", defaults={"name": "Aktualności"}
    )
    subscriber.lists.add(newsletter_list)
    return subscriber


def test_withdraw_newsletter_consent_through_the_newsletter_module(agnieszka_client, programme):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=programme["agnieszka"], email=EMAIL, verified=True)
    mine = _subscribe(EMAIL)
    other = _subscribe("bartosz@example.pl")
    html = agnieszka_client.get(reverse("dashboard:my_data")).content.decode()
    assert "Aktualności" in html and 'value="newsletter"' in html
    response = agnieszka_client.post(reverse("dashboard:my_data_withdraw"), {"consent_id": "x"})
    assert response.status_code == 403
    response = agnieszka_client.post(
        reverse("dashboard:my_data_withdraw"), {"consent_id": "newsletter"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.unsubscribed_at is not None
    assert other.unsubscribed_at is None
