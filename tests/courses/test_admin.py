"""Staff reports and bulk enrolment in the Wagtail admin."""

import io

import pytest
from openpyxl import load_workbook

from accounts.models import Profile
from courses import access, bulk, completion, enrolment
from courses.models import CourseInvitation, Enrolment

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_shape():
    return {"modules": 0, "lessons_per_module": 2}


@pytest.fixture
def staff_client(client):
    client.force_login(factories.user("admin@example.pl", is_staff=True, is_superuser=True))
    return client


def test_bulk_enrolment_reports_each_row(
    staff_client, course, mailoutbox, django_capture_on_commit_callbacks
):
    existing = factories.user("jest@example.pl")
    already = factories.user("juz@example.pl")
    enrolment.enrol(already, course)
    csv_text = (
        "email\n"
        "JEST@example.pl\n"
        "juz@example.pl\n"
        "nowy@example.pl\n"
        "to nie jest adres\n"
        "nowy@example.pl\n"
        "\n"
        "=HYPERLINK(1)\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/course-reports/{course.pk}/zapisy/",
            {"file": io.BytesIO(csv_text.encode()), "emails": ""},
        )
    assert response.status_code == 200
    report = {(row.line, row.status) for row in response.context["report"]}
    assert report == {
        (2, "matched"),
        (3, "already"),
        (4, "invited"),
        (5, "invalid"),
        (6, "duplicate"),
        (8, "invalid"),
    }
    assert access.is_enrolled(existing, course)
    assert CourseInvitation.objects.filter(email="nowy@example.pl").count() == 1
    assert [m.to for m in mailoutbox] == [["nowy@example.pl"]]
    html = response.content.decode()
    assert "to nie jest adres" in html


def test_invited_person_is_enrolled_after_confirming_the_email(course):
    from allauth.account.models import EmailAddress
    from allauth.account.signals import email_confirmed

    bulk.bulk_enrol(course, "nowy@example.pl")
    person = factories.user("nowy@example.pl")
    address = EmailAddress.objects.create(user=person, email=person.email, verified=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert access.is_enrolled(person, course)
    assert CourseInvitation.objects.get().accepted_at is not None


def test_bulk_enrolment_without_input_is_a_message(staff_client, course):
    response = staff_client.post(f"/admin/course-reports/{course.pk}/zapisy/", {"emails": " "})
    assert response.status_code == 400
    assert not Enrolment.objects.exists()


def test_bulk_enrolment_rejects_binary_files(staff_client, course):
    response = staff_client.post(
        f"/admin/course-reports/{course.pk}/zapisy/",
        {"file": io.BytesIO(b"\x81\x8d\x8f\x90\x9d" * 10)},
    )
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode() or "tekstowy" in response.content.decode()
    assert not Enrolment.objects.exists()


def make_participants(course):
    people = []
    for i, (kind, woj) in enumerate([("jst", "12"), ("ngo", "12"), ("ngo", "14")]):
        person = factories.user(f"p{i}@example.pl", last_name=f"Nazwisko{i}")
        Profile.objects.create(
            user=person, organisation_type=kind, voivodeship=woj, organisation_name=f"Org {i}"
        )
        enrolment.enrol(person, course)
        people.append(person)
    for lesson in factories.lessons_of(course):
        completion.complete_lesson(people[0], lesson, source="viewed")
    return people


def test_participant_report_filters_and_exports(staff_client, course):
    people = make_participants(course)
    url = f"/admin/course-reports/{course.pk}/"
    response = staff_client.get(url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == 3
    response = staff_client.get(url, {"organisation_type": "ngo"})
    assert [e.user_id for e, _v in response.context["rows"]] == [people[1].pk, people[2].pk]
    response = staff_client.get(url, {"organisation_type": "ngo", "voivodeship": "14"})
    assert [e.user_id for e, _v in response.context["rows"]] == [people[2].pk]
    response = staff_client.get(url, {"voivodeship": "nonsense"})
    assert response.status_code == 200  # bad filter input: the form says so, no 500
    csv_body = staff_client.get(url, {"export": "csv", "voivodeship": "12"}).content.decode(
        "utf-8-sig"
    )
    lines = csv_body.strip().splitlines()
    assert len(lines) == 3 and "p0@example.pl" in csv_body and "100" in lines[1]
    xlsx = staff_client.get(url, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4


def test_participant_lesson_by_lesson(staff_client, course):
    people = make_participants(course)
    response = staff_client.get(f"/admin/course-reports/{course.pk}/uczestnik/{people[0].pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("viewed") == 2


def test_reports_only_for_staff(client, course):
    client.force_login(factories.user("zwykly@example.pl"))
    response = client.get(f"/admin/course-reports/{course.pk}/")
    assert response.status_code in (302, 403)
    response = client.get("/admin/course-reports/")
    assert response.status_code in (302, 403)


def test_course_list(staff_client, course):
    make_participants(course)
    response = staff_client.get("/admin/course-reports/")
    assert response.status_code == 200
    assert course.title in response.content.decode()
