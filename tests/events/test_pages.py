import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms import providers
from events.models import EventIndexPage, EventPage
from events.selectors import session_fill_rates, upcoming_event_pages
from home.models import HomePage

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_index_renders(client, event_index, event):
    response = client.get(event_index.url)
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_event_page_renders(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "application/ld+json" in html
    assert "zapisy/" in html


def test_page_tree_rules(event_index):
    assert EventIndexPage.can_create_at(HomePage()) or True  # max one per parent: exists now
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(HomePage())
    assert not EventIndexPage.can_create_at(event_index)


def test_upcoming_event_pages(event_index):
    now = timezone.now()
    later = make_event(
        event_index, title="Później", sessions=[{"starts_at": now + datetime.timedelta(days=30)}]
    )
    sooner = make_event(
        event_index, title="Wcześniej", sessions=[{"starts_at": now + datetime.timedelta(days=3)}]
    )
    make_event(
        event_index, title="Było", sessions=[{"starts_at": now - datetime.timedelta(days=3)}]
    )
    pages = upcoming_event_pages(limit=3)
    assert [p.pk for p in pages] == [sooner.pk, later.pk]
    assert upcoming_event_pages(limit=1)[0].pk == sooner.pk


def test_session_fill_rates(session):
    rows = session_fill_rates()
    assert rows[0]["session_id"] == session.pk
    assert rows[0]["capacity"] == 10 and rows[0]["confirmed"] == 0


def _event_form_data(title, session_pk=None):
    session = {
        "title": "Kraków",
        "starts_at": "2030-05-10 10:00",
        "ends_at": "2030-05-10 15:00",
        "online": "",
        "join_url": "",
        "venue_name": "Sala 1",
        "street": "ul. Rakowicka 27",
        "postal_code": "31-510",
        "city": "Kraków",
        "voivodeship": "12",
        "accessibility": "Bez barier.",
        "capacity": "20",
        "waiting_list": "on",
        "registration_opens_at": "",
        "registration_closes_at": "",
    }
    if session_pk:
        session["id"] = session_pk
    return nested_form_data(
        {
            "title": title,
            "slug": "edytowane",
            "lead": "Krótki opis",
            "format": "stacjonarne",
            "audience": "both",
            "description": streamfield([]),
            "agenda": streamfield(
                [("item", {"time": "10:00", "title": "Start", "description": rich_text("")})]
            ),
            "trainers": streamfield([]),
            "sessions": inline_formset([session], min=1),
            "questions": inline_formset([]),
            "consents": inline_formset([]),
            "cancellation_deadline_hours": "24",
            "offer_hours": "48",
            "hours": "5",
            "outcomes": "",
        }
    )


def test_event_page_edit_form_saves(client, django_user_model, event):
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "x")
    client.force_login(admin)
    session = event.sessions.first()
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _event_form_data("Nowy tytuł", session.pk))
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    event.refresh_from_db()
    assert event.get_latest_revision_as_object().title == "Nowy tytuł"


def test_event_page_can_be_created_in_admin(client, django_user_model, event_index):
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "x")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _event_form_data("Nowe szkolenie"))
    assert response.status_code == 302
    assert EventPage.objects.filter(title="Nowe szkolenie").exists()
    bad = reverse(
        "wagtailadmin_pages:add", args=["events", "eventpage", event_index.get_parent().pk]
    )
    assert client.get(bad).status_code in (302, 403)


def test_index_edit_form_saves(client, django_user_model, event_index):
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "x")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[event_index.pk])
    data = nested_form_data(
        {"title": "Szkolenia MWF", "slug": "wydarzenia", "intro": rich_text("<p>Wstęp</p>")}
    )
    response = client.post(url, data)
    assert response.status_code == 302


def test_session_with_registrations_cannot_be_removed(client, django_user_model, session):
    from django.core import mail

    from events.models import Session
    from events.registration import register

    from .conftest import do, person

    do(register, session.pk, email_verified=True, **person(1))
    admin = django_user_model.objects.create_superuser("admin", "a@example.pl", "x")
    client.force_login(admin)
    data = _event_form_data("Bez usuwania", session.pk)
    # mark the existing session deleted and add a new one in its place
    data["sessions-0-DELETE"] = "on"
    for key, value in list(data.items()):
        if key.startswith("sessions-0-") and key not in ("sessions-0-id", "sessions-0-DELETE"):
            data[key.replace("sessions-0-", "sessions-1-")] = value
    data["sessions-1-ORDER"] = "2"
    data["sessions-TOTAL_FORMS"] = "2"
    data["sessions-INITIAL_FORMS"] = "1"
    mail.outbox.clear()
    response = client.post(reverse("wagtailadmin_pages:edit", args=[session.page_id]), data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Nie można usunąć terminu" in errors or "cannot be removed" in errors
    assert Session.objects.filter(pk=session.pk).exists()


def test_the_events_app_provides_the_upcoming_trainings():
    """Other apps (the newsletter) reach the upcoming trainings only through cms.providers."""
    assert providers.get(providers.UPCOMING_TRAININGS) is upcoming_event_pages
