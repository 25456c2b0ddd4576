"""Sign-up, e-mail confirmation, login and the profile form."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import Profile
from cms.models import SiteSettings
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def privacy_page(home_page):
    page = StandardPage(title="Polityka prywatności", slug="prywatnosc")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    settings = SiteSettings.for_site(home_page.get_site())
    settings.privacy_policy = page
    settings.save()
    return page


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user(
        "jan@example.pl", "jan@example.pl", "Haslo-testowe-123"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_signup_confirm_and_login(
    client, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/signup/",
            {
                "first_name": "Nowa",
                "last_name": "Uczestniczka",
                "organisation_type": "ngo",
                "email": "nowa@example.pl",
                "password1": "Dobre-haslo-2026",
                "password2": "Dobre-haslo-2026",
            },
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[-1]
    assert "Potwierd" in client.get(path).content.decode()
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="nowa@example.pl").verified
    client.logout()
    response = client.post(
        "/konto/login/", {"login": "nowa@example.pl", "password": "Dobre-haslo-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/moje-kursy/"


def test_signup_keeps_the_name_and_organisation_type(client, home_page):
    response = client.post(
        "/konto/signup/",
        {
            "first_name": "  Zofia ",
            "last_name": "Żółć-Wąs",
            "organisation_type": "jst",
            "email": "zofia@example.pl",
            "password1": "Dobre-haslo-2026",
            "password2": "Dobre-haslo-2026",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="zofia@example.pl")
    assert (user.first_name, user.last_name) == ("Zofia", "Żółć-Wąs")
    assert user.profile.organisation_type == "jst"


@pytest.mark.parametrize("missing", ["first_name", "last_name", "organisation_type"])
def test_signup_without_a_name_or_organisation_type_is_refused_clearly(client, home_page, missing):
    data = {
        "first_name": "Zofia",
        "last_name": "Nowak",
        "organisation_type": "ngo",
        "email": "zofia@example.pl",
        "password1": "Dobre-haslo-2026",
        "password2": "Dobre-haslo-2026",
        missing: "   ",
    }
    response = client.post("/konto/signup/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{missing}_error"' in html
    # Nothing typed is lost: the other fields come back filled in.
    assert 'value="zofia@example.pl"' in html
    assert not get_user_model().objects.exists()


def test_login_message_names_the_person_not_the_generated_username(client, home_page):
    user = get_user_model().objects.create_user(
        "u-8f3a2c", "ewa@example.pl", "Dobre-haslo-2026", first_name="Ewa", last_name="Wąs"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/konto/login/", {"login": "ewa@example.pl", "password": "Dobre-haslo-2026"}, follow=True
    )
    html = response.content.decode()
    assert "Ewa Wąs" in html and "u-8f3a2c" not in html


def test_signup_errors_are_linked_to_fields(client, home_page):
    response = client.post(
        "/konto/signup/", {"email": "to-nie-email", "password1": "a", "password2": "b"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'id="id_email_error"' in html
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("path", ["/konto/signup/", "/konto/login/", "/konto/password/reset/"])
def test_account_pages_link_the_privacy_notice(client, privacy_page, path):
    html = client.get(path).content.decode()
    assert html.count(privacy_page.url) >= 2  # the form's notice and the footer


def test_english_login_page(client, home_page):
    html = client.get("/en/account/login/").content.decode()
    assert "Log in" in html and 'lang="en"' in html


def test_polish_login_page(client, home_page):
    html = client.get("/konto/login/").content.decode()
    assert "Zaloguj" in html


def test_profile_requires_login(client, home_page):
    assert client.get("/konto/profil/").status_code == 302


def test_profile_saves_and_validates_teryt(client, home_page, member, privacy_page):
    client.force_login(member)
    html = client.get("/konto/profil/").content.decode()
    assert privacy_page.url in html
    data = {
        "first_name": "Jan",
        "last_name": "Kowalski",
        "organisation_type": "jst",
        "organisation_name": "Urząd Miasta Krakowa",
        "jst_type": "miasto_na_prawach_powiatu",
        "jst_teryt": "12 61 01 1",
        "position": "inspektor",
        "gender": "m",
        "age_group": "35-44",
        "language": "pl",
    }
    response = client.post("/konto/profil/", {**data, "jst_teryt": "1201011"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_jst_teryt_error"' in html and "61" in html
    response = client.post("/konto/profil/", {**data, "jst_teryt": "99"})
    assert response.status_code == 400
    response = client.post("/konto/profil/", data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.jst_teryt == "1261011"
    assert profile.voivodeship == "12"
    member.refresh_from_db()
    assert member.get_full_name() == "Jan Kowalski"
    assert profile.missing_monitoring_fields() == []


def test_profile_jst_needs_teryt(client, home_page, member):
    client.force_login(member)
    response = client.post(
        "/konto/profil/",
        {
            "first_name": "Jan",
            "last_name": "Kowalski",
            "organisation_type": "jst",
            "organisation_name": "Gmina",
            "position": "sekretarz",
            "language": "pl",
        },
    )
    assert response.status_code == 400
    assert "TERYT" in response.content.decode()


def test_personal_data_export_and_erase(member):
    from accounts import personal_data

    Profile.objects.create(
        user=member, organisation_name="Fundacja X", position="prezes", gender="f"
    )
    exported = personal_data.export_for(member)
    assert exported["email"] == "jan@example.pl"
    assert exported["profile"]["organisation_name"] == "Fundacja X"
    personal_data.erase_for(member)
    member.refresh_from_db()
    profile = Profile.objects.get(user=member)
    assert member.email.endswith("@invalid.example") and not member.is_active
    assert profile.organisation_name == "" and profile.gender == "f"
