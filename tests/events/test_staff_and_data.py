"""Staff tools, attendance documents, retention and personal data."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import documents, personal_data
from events.attendance import mark_attendance
from events.models import Registration, Status
from events.registration import confirm_email, register
from events.retention import anonymise_expired_guests

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db


def reg(session, n=1, verified=True, **extra):
    return do(register, session.pk, email_verified=verified, **person(n, **extra))


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.pl", "x")
    client.force_login(user)
    return client


def test_attendance_pdf_per_day_with_signature_column(staff, event_index):
    start = timezone.now() + datetime.timedelta(days=3)
    page = make_event(
        event_index, sessions=[{"starts_at": start, "ends_at": start + datetime.timedelta(days=1)}]
    )
    session = page.sessions.first()
    reg(session, 1, last_name="Zielińska")
    days = documents.session_days(session)
    assert len(days) == 2
    pdf = documents.attendance_pdf(session, days[1])
    assert pdf.startswith(b"%PDF")
    html = documents.render_to_string(
        "events/admin/attendance_pdf.html",
        {
            "session": session,
            "day": days[1],
            "rows": documents.attendance_rows(session),
            "days": days,
            "day_number": 2,
        },
    )
    assert "Podpis" in html and "Zielińska" in html and "dzień 2 z 2" in html
    url = reverse("events_admin:attendance_pdf", args=[session.pk, days[0].isoformat()])
    response = staff.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        staff.get(
            reverse("events_admin:attendance_pdf", args=[session.pk, "2001-01-01"])
        ).status_code
        == 404
    )
    assert (
        staff.get(reverse("events_admin:attendance_pdf", args=[session.pk, "zly"])).status_code
        == 404
    )


def test_exports(staff, session):
    reg(session, 1, organisation="=HYPERLINK(1)")
    response = staff.get(reverse("events_admin:export", args=[session.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nazwisko" and rows[1][0] == "Kowalski1"
    assert rows[1][3].startswith("'=")  # no formula injection
    response = staff.get(reverse("events_admin:export", args=[session.pk, "xlsx"]))
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Kowalski1"


def test_admin_pages_and_checkin(staff, session):
    r = reg(session)
    assert staff.get(reverse("events_admin:sessions")).status_code == 200
    assert (
        staff.get(
            reverse("events_admin:session", args=[session.pk]) + "?status=confirmed&q=kow"
        ).status_code
        == 200
    )
    url = reverse("events_admin:checkin", args=[session.pk])
    assert "Kowalski1" in staff.get(url).content.decode()
    with do.__globals__["_capture"](execute=True):
        staff.post(url, {"registration": r.pk, "attended": "1"})
    r.refresh_from_db()
    assert r.status == Status.ATTENDED


def test_admin_cancel_session_notifies(staff, session):
    reg(session, 1)
    mail.outbox.clear()
    url = reverse("events_admin:cancel_session", args=[session.pk])
    assert staff.get(url).status_code == 200
    with do.__globals__["_capture"](execute=True):
        staff.post(url)
    session.refresh_from_db()
    assert session.cancelled and len(mail.outbox) == 1


def test_staff_tools_need_permission(client, django_user_model, session):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("ed", "ed@example.pl", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("events_admin:sessions"))
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect
    assert "Kowalski" not in response.content.decode()


def test_retention_anonymises_old_guests_keeps_counts(event_index, django_user_model):
    past = timezone.now() - datetime.timedelta(days=800)
    page = make_event(
        event_index, sessions=[{"starts_at": timezone.now() + datetime.timedelta(days=1)}]
    )
    session = page.sessions.first()
    guest = reg(session, 1, verified=False)
    guest = do(confirm_email, guest)
    user = django_user_model.objects.create_user("m", "osoba2@example.pl", "x")
    member = reg(session, 2, user=user)
    Registration.objects.filter(pk__in=[guest.pk, member.pk]).update(status=Status.ATTENDED)
    type(session).objects.filter(pk=session.pk).update(
        starts_at=past, ends_at=past + datetime.timedelta(hours=4)
    )
    assert anonymise_expired_guests() == 1
    guest.refresh_from_db()
    member.refresh_from_db()
    assert guest.first_name == "" and "osoba1" not in guest.email and guest.answers == {}
    assert guest.status == Status.ATTENDED and guest.organisation_type == "jst"
    assert member.first_name == "Jan"  # accounts have their own data rights
    assert Registration.objects.filter(status=Status.ATTENDED).count() == 2
    assert anonymise_expired_guests() == 0


def test_personal_data_export_and_erase(django_user_model, session):
    user = django_user_model.objects.create_user("p", "osoba1@example.pl", "x")
    reg(session, 1, verified=False)  # a guest registration with the same e-mail
    data = personal_data.export_for(user)
    assert data["registrations"][0]["email"] == "osoba1@example.pl"
    personal_data.erase_for(user)
    assert personal_data.export_for(user) == {"registrations": []}
    assert Registration.objects.count() == 1


def test_index_filters_state_in_url(client, event_index):
    online = make_event(
        event_index,
        title="Szkolenie zdalne",
        format="online",
        audience="ngo",
        sessions=[{"online": True, "voivodeship": "", "city": ""}],
    )
    local = make_event(event_index, title="Szkolenie w Krakowie", audience="jst")
    html = client.get(event_index.url + "?format=online").content.decode()
    assert online.title in html and local.title not in html
    html = client.get(event_index.url + "?voivodeship=12").content.decode()
    assert local.title in html and online.title not in html
    html = client.get(event_index.url + "?audience=ngo").content.decode()
    assert online.title in html and local.title not in html
    month = timezone.localtime(local.sessions.first().starts_at).strftime("%Y-%m")
    html = client.get(event_index.url + f"?month={month}").content.decode()
    assert local.title in html and f'value="{month}" selected' in html
    # bad values: a clear page, no 500
    assert client.get(event_index.url + "?month=2020-99&format=xyz").status_code == 200


def test_attendance_certificate_issued_and_mailed(session):
    from certificates.models import Certificate

    r = reg(session, 1)
    mail.outbox.clear()
    do(mark_attendance, r, True)
    certificate = Certificate.objects.get()
    assert certificate.kind == "event" and certificate.full_name == "Jan Kowalski1"
    assert certificate.title == session.page.title
    r.refresh_from_db()
    assert r.certificate_code == certificate.code
    pdfs = [a for m in mail.outbox for a in m.attachments if a[2] == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0][1].startswith(b"%PDF")
    # marking again issues nothing new
    do(mark_attendance, r, True)
    assert Certificate.objects.count() == 1


def test_publishing_a_time_change_sends_updated_invite(session):
    from icalendar import Calendar

    r = reg(session, 1)
    first = Calendar.from_ical(
        [a for a in mail.outbox[-1].attachments if not isinstance(a, tuple)][0].get_payload(
            decode=True
        )
    )
    mail.outbox.clear()
    page = session.page
    edited = page.get_latest_revision_as_object()
    sessions = list(edited.sessions.all())
    sessions[0].starts_at += datetime.timedelta(hours=2)
    sessions[0].ends_at += datetime.timedelta(hours=2)
    edited.sessions = sessions
    with do.__globals__["_capture"](execute=True):
        edited.save_revision().publish()
    assert len(mail.outbox) == 1 and r.email in mail.outbox[0].to
    part = [a for a in mail.outbox[0].attachments if not isinstance(a, tuple)][0]
    second = Calendar.from_ical(part.get_payload(decode=True))
    (e1,), (e2,) = first.walk("VEVENT"), second.walk("VEVENT")
    assert e1["uid"] == e2["uid"] and int(e2["sequence"]) > int(e1["sequence"])
    # publishing again without changes sends nothing
    mail.outbox.clear()
    with do.__globals__["_capture"](execute=True):
        page.get_latest_revision_as_object().save_revision().publish()
    assert mail.outbox == []
