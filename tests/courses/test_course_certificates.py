"""A completed course issues a frozen certificate and mails it (django-q2 in sync mode)."""

import pytest

from certificates.models import Certificate
from courses import completion, enrolment

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
