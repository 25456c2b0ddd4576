"""The rules of learning paths: progress read from the facts (pre-test finished, course
completed, attendance recorded), the prerequisites of a training's registration, the path
certificate (once, in the holder's language), and what a bad step is told."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Profile
from certificates import services as certificate_services
from certificates.models import Certificate
from cms import prerequisites
from events.errors import RegistrationError
from events.registration import register
from paths import certificates, progress, structure
from paths.models import PathStep
from tests.certificates.pdf_text import pdf_text
from tests.courses import factories

from .conftest import attend, complete_course, make_path, run, take_pre_test

pytestmark = pytest.mark.django_db


def place_of(path, person):
    return progress.state_for(structure.path_of_page(path), person)


def test_progress_follows_the_facts(path, participant, course, pre_test, trainings):
    workshop, _consultations = trainings
    place = place_of(path, participant)
    assert (place.required_done, place.required_total) == (0, 2)
    # The optional pre-test is skipped over: the next step is the first required one.
    assert place.next_step.step.number == 2 and not place.started

    take_pre_test(participant, pre_test, course)
    place = place_of(path, participant)
    assert place.steps[0].done and place.next_step.step.number == 2

    complete_course(participant, course)
    place = place_of(path, participant)
    assert place.required_done == 1 and place.next_step.step.number == 3
    assert place.steps[2].waits_for == []

    attend(participant, workshop)
    place = place_of(path, participant)
    assert place.finished and place.next_step is None
    # The optional consultations do not hold the path back.
    assert not place.steps[3].done


def test_someone_elses_progress_does_not_count(path, participant, course):
    other = factories.user("ktos@example.pl")
    complete_course(other, course)
    assert place_of(path, participant).required_done == 0
    assert place_of(path, other).required_done == 1


def test_registration_waits_for_the_course(path, participant, course, trainings):
    workshop, consultations = trainings
    session = workshop.sessions.first()
    with pytest.raises(RegistrationError) as refused:
        register(
            session.pk,
            email=participant.email,
            first_name="Anna",
            last_name="Nowak",
            user=participant,
            email_verified=True,
        )
    assert refused.value.code == "prerequisites"
    assert "Małe granty" in str(refused.value.message)
    # A step that does not wait (the consultations) registers as before.
    register(
        consultations.sessions.first().pk,
        email=participant.email,
        first_name="Anna",
        last_name="Nowak",
        user=participant,
        email_verified=True,
    )
    complete_course(participant, course)
    registration = register(
        session.pk,
        email=participant.email,
        first_name="Anna",
        last_name="Nowak",
        user=participant,
        email_verified=True,
    )
    assert registration.pk


def test_a_guest_is_asked_to_log_in(path, trainings):
    workshop, _ = trainings
    with pytest.raises(RegistrationError) as refused:
        register(
            workshop.sessions.first().pk,
            email="gosc@example.pl",
            first_name="Jan",
            last_name="Gość",
        )
    assert "Zaloguj" in str(refused.value.message) or "Log in" in str(refused.value.message)


def test_the_pre_test_can_be_the_prerequisite(home_page, course, pre_test, trainings, participant):
    workshop, _ = trainings
    make_path(
        home_page,
        [("pretest", course, True, False), ("training", workshop, True, True)],
        title="Najpierw test",
    )
    unmet = prerequisites.unmet(participant, workshop)
    assert [r.url for r in unmet] == [course.url]
    take_pre_test(participant, pre_test, course)
    assert prerequisites.unmet(participant, workshop) == []


def test_a_training_outside_any_path_has_no_requirements(path, participant, trainings):
    _, consultations = trainings
    assert prerequisites.unmet(participant, consultations) == []
    assert prerequisites.unmet(None, consultations) == []


def test_an_unpublished_path_sets_no_requirements(path, participant, trainings):
    path.unpublish()
    assert prerequisites.unmet(participant, trainings[0]) == []


def test_event_page_and_registration_page_say_why_and_what_to_do(
    client, path, participant, course, trainings
):
    workshop, _ = trainings
    client.force_login(participant)
    html = client.get(workshop.url).content.decode()
    assert "Zanim się zapiszesz" in html
    assert f'href="{course.url}"' in html and f'href="{path.url}"' in html

    register_url = f"{workshop.url}zapisy/{workshop.sessions.first().pk}/"
    page = client.get(register_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert f'href="{course.url}"' in text
    assert 'class="registration-form"' not in text  # nothing to fill in yet

    refused = client.post(
        register_url,
        {"first_name": "Anna", "last_name": "Nowak", "organisation_type": "jst"},
    )
    assert refused.status_code == 400
    assert "Najpierw" in refused.content.decode()


def test_certificate_once_when_every_required_step_is_done(
    path, participant, course, trainings, django_capture_on_commit_callbacks, mailoutbox
):
    workshop, _ = trainings
    complete_course(participant, course)
    assert certificates.award(participant.pk) == []
    run(django_capture_on_commit_callbacks, attend, participant, workshop)
    issued = Certificate.objects.filter(kind=Certificate.Kind.PATH)
    assert issued.count() == 1
    certificate = issued.get()
    assert certificate.title == path.title and certificate.user == participant
    assert certificate.language == "pl" and certificate.hours == 12
    assert certificate.source_key == certificates.source_key(
        str(path.translation_key), participant.pk
    )
    # Again (a second attendance, a task run twice): still one.
    assert certificates.award(participant.pk) == []
    run(django_capture_on_commit_callbacks, certificates.award, participant.pk)
    assert Certificate.objects.filter(kind=Certificate.Kind.PATH).count() == 1
    assert any(certificate.title in m.subject for m in mailoutbox)
    text = pdf_text(certificate_services.render_pdf(certificate))
    assert "ścieżki edukacyjnej" in text and "Anna Nowak" in text


def test_certificate_in_the_holders_language(path, participant, course, trainings):
    Profile.objects.update_or_create(user=participant, defaults={"language": "en"})
    complete_course(participant, course)
    attend(participant, trainings[0])
    [certificate] = certificates.award(participant.pk)
    assert certificate.language == "en"
    text = pdf_text(certificate_services.render_pdf(certificate))
    assert "CERTIFICATE" in text.upper() and "every required step of the learning path" in text


def test_no_certificate_without_a_name_and_the_page_says_so(
    client, path, participant, course, trainings
):
    complete_course(participant, course)
    attend(participant, trainings[0])
    participant.first_name = ""
    participant.save()
    assert certificates.award(participant.pk) == []
    client.force_login(participant)
    html = client.get(path.url).content.decode()
    assert reverse("accounts:profile") in html


def test_no_certificate_when_the_path_gives_none(path, participant, course, trainings):
    path.certificate_enabled = False
    path.save_revision().publish()
    complete_course(participant, course)
    attend(participant, trainings[0])
    assert certificates.award(participant.pk) == []


@pytest.mark.parametrize(
    ("kind", "target", "gated", "field"),
    [
        ("training", "course", False, "target"),
        ("course", "workshop", False, "target"),
        ("pretest", "course_without_pre_test", False, "target"),
        ("course", "course", True, "requires_earlier_steps"),
    ],
)
def test_a_bad_step_is_told_what_is_wrong(
    make_course, course, pre_test, trainings, kind, target, gated, field
):
    pages = {
        "course": course,
        "workshop": trainings[0],
        "course_without_pre_test": make_course(title="Inny kurs", slug="inny-kurs"),
    }
    step = PathStep(kind=kind, target=pages[target], requires_earlier_steps=gated)
    with pytest.raises(ValidationError) as error:
        step.clean()
    assert field in error.value.message_dict


def test_moje_kursy_shows_the_path_and_the_next_step(client, path, participant, course):
    client.force_login(participant)
    assert (
        "Moje ścieżki edukacyjne" not in client.get(reverse("courses:my_courses")).content.decode()
    )
    complete_course(participant, course)
    html = client.get(reverse("courses:my_courses")).content.decode()
    assert "Moje ścieżki edukacyjne" in html and path.title in html
    assert "Weź udział w szkoleniu „Warsztat: małe granty”" in html


def test_path_page_shows_place_and_certificate(client, path, participant, course, trainings):
    client.force_login(participant)
    html = client.get(path.url).content.decode()
    assert "Wymagane kroki: 0 z 2" in html
    complete_course(participant, course)
    attend(participant, trainings[0])
    certificates.award(participant.pk)
    html = client.get(path.url).content.decode()
    certificate = Certificate.objects.get(kind=Certificate.Kind.PATH)
    assert reverse("certificates:pdf", args=[certificate.code]) in html


def test_anonymous_visitor_sees_the_steps_and_a_login_link(client, path, course):
    html = client.get(path.url).content.decode()
    assert course.title in html and reverse("account_login") in html
    assert "Kurs online · wymagany" in html and "Test wstępny kursu · nieobowiązkowy" in html
