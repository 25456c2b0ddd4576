"""Participant actions over HTTP: enrolment, completion, bad input, query budgets."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import access, completion, enrolment
from courses.models import Enrolment, LessonProgress

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(client):
    person = factories.user()
    client.force_login(person)
    return person


def test_double_post_enrols_once(client, course, participant):
    url = f"/kurs/{course.pk}/zapisz/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Enrolment.objects.filter(user=participant).count() == 1


def test_enrolment_is_a_post(client, course, participant):
    assert client.get(f"/kurs/{course.pk}/zapisz/").status_code == 405
    assert not Enrolment.objects.exists()


def test_anonymous_enrol_goes_to_login(client, course):
    response = client.post(f"/kurs/{course.pk}/zapisz/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_wrong_key_is_a_message_linked_to_the_field(client, course, participant):
    course.enrolment_key = "TAJNE"
    course.save_revision().publish()
    response = client.post(f"/kurs/{course.pk}/zapisz/", {"key": "zle"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_enrolment_key_error"' in html and 'aria-invalid="true"' in html
    assert not Enrolment.objects.exists()
    client.post(f"/kurs/{course.pk}/zapisz/", {"key": "TAJNE"})
    assert access.is_enrolled(participant, course)


def test_unenrol(client, course, participant):
    enrolment.enrol(participant, course)
    assert client.post(f"/kurs/{course.pk}/wypisz/").status_code == 302
    assert not access.is_enrolled(participant, course)


def test_complete_without_enrolment_is_403_and_writes_nothing(client, course, participant):
    lesson = factories.lessons_of(course)[0]
    assert client.post(f"/lekcja/{lesson.pk}/ukoncz/").status_code == 403
    client.logout()
    assert client.post(f"/lekcja/{lesson.pk}/ukoncz/").status_code == 403
    assert not LessonProgress.objects.exists()


def test_complete_unknown_lesson_is_404(client, participant):
    assert client.post("/lekcja/999999/ukoncz/").status_code == 404


def test_progress_bar_moves(client, course, participant):
    enrolment.enrol(participant, course)
    lessons = factories.lessons_of(course)
    html = client.get(course.url).content.decode()
    assert 'value="0"' in html and "0 z 6" in html or "0 of 6" in html
    client.post(f"/lekcja/{lessons[0].pk}/ukoncz/")
    client.post(f"/lekcja/{lessons[1].pk}/ukoncz/")
    html = client.get(course.url).content.decode()
    assert 'value="33"' in html
    assert lessons[2].title in html  # continue where you left off


def test_prev_next_navigation(client, course, participant):
    enrolment.enrol(participant, course)
    lessons = factories.lessons_of(course)
    html = client.get(lessons[3].url).content.decode()
    assert f'href="{lessons[2].url}" rel="prev"' in html
    assert f'href="{lessons[4].url}" rel="next"' in html


def grow(course, participants, extra_lessons):
    """More participants with progress, more lessons in the course."""
    module = factories.lessons_of(course)[0].get_parent()
    for i in range(extra_lessons):
        factories.publish(
            module,
            factories.LessonPage(title=f"Dodatkowa {i}", slug=f"dodatkowa-{i}", body=[]),
        )
    for i in range(participants):
        person = factories.user(f"osoba{i}-{course.pk}@example.pl")
        enrolment.enrol(person, course)
        completion.complete_lesson(person, factories.lessons_of(course)[0], source="viewed")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_query_budget_course_and_lesson_pages(client, home_page, who):
    course = factories.course(home_page, modules=2, lessons_per_module=2)
    person = factories.user("mierzony@example.pl")
    enrolment.enrol(person, course)
    if who == "participant":
        client.force_login(person)
    lesson = factories.lessons_of(course)[1]
    # Warm up twice (first visit writes "in progress"; the per-process chrome and breadcrumb
    # caches fill on the first pass and settle on the second): we compare steady states.
    for _ in range(2):
        client.get(course.url)
        client.get(lesson.url)
    small = (count_queries(client, course.url), count_queries(client, lesson.url))
    grow(course, participants=15, extra_lessons=8)
    completion.complete_lesson(person, factories.lessons_of(course)[2], source="viewed")
    # Warm up again: publishing pages invalidates the site chrome's caches.
    for _ in range(2):
        client.get(course.url)
        client.get(lesson.url)
    large = (count_queries(client, course.url), count_queries(client, lesson.url))
    assert small == large
    # Most of these are the site chrome and Wagtail's serving (site, locale, routing, view
    # restrictions, session, user, content version, breadcrumbs, userbar permissions); the
    # course itself costs one query for the participant (enrolment and progress together):
    # the outline and the routing are kept per content version. The course page for a
    # participant adds the userbar's permission check and the pre-/post-test box (16).
    course_budget = 15 if who == "anonymous" else 16
    assert large[0] <= course_budget, large
    assert large[1] <= 15, large


def test_mark_complete_query_budget(client, home_page):
    """Marking a lesson complete: one read (enrolment, lesson status, completed count), one
    upsert, one update, whatever the number of lessons or participants."""
    course = factories.course(home_page, modules=2, lessons_per_module=2)
    people = [factories.user(f"uczestnik{i}@example.pl") for i in range(3)]
    for person in people:
        enrolment.enrol(person, course)
    lessons = factories.lessons_of(course)
    counts = []
    for person in people:
        client.force_login(person)
        client.get(course.url)  # the outline is built and kept
        client.post(f"/lekcja/{lessons[0].pk}/ukoncz/")  # the lesson is found and kept
        client.get(lessons[1].url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(f"/lekcja/{lessons[1].pk}/ukoncz/")
        assert response.status_code == 302
        counts.append(len(ctx))
        if person is people[1]:
            grow(course, participants=5, extra_lessons=4)
    completed = LessonProgress.objects.filter(
        user__in=people, status=LessonProgress.Status.COMPLETED
    )
    assert completed.count() == 6
    assert counts[0] == counts[2], counts
    # Session, user, content version; the read, the upsert and the enrolment update (plus
    # the test's savepoint around them); the first time a lesson is marked after a page was
    # published, two more find the lesson and its course (then kept: the second person).
    # PostgreSQL locks the enrolment row in a query of its own first.
    lock = 1 if connection.features.has_select_for_update else 0
    assert counts[1] <= 8 + lock, counts
    assert counts[0] <= 10 + lock, counts


def test_my_courses_query_budget(client, home_page):
    person = factories.user("mierzony@example.pl")
    client.force_login(person)
    first = factories.course(home_page, title="Kurs A", modules=0, lessons_per_module=2)
    enrolment.enrol(person, first)
    client.get("/moje-kursy/")
    small = count_queries(client, "/moje-kursy/")
    for title in ("Kurs B", "Kurs C"):
        other = factories.course(home_page, title=title, modules=1, lessons_per_module=4)
        enrolment.enrol(person, other)
        completion.complete_lesson(person, factories.lessons_of(other)[0], source="viewed")
    assert count_queries(client, "/moje-kursy/") == small


def test_enrolment_keys_cannot_be_guessed_without_limit(
    client, course, participant, django_user_model
):
    """Five wrong keys lock the account out for 15 minutes, even with the right key; another
    account is not affected, but the address is limited too."""
    cache.clear()
    course.enrolment_key = "TAJNE"
    course.save_revision().publish()
    url = f"/kurs/{course.pk}/zapisz/"
    for attempt in range(5):
        assert client.post(url, {"key": f"zgaduje-{attempt}"}).status_code == 400
    response = client.post(url, {"key": "TAJNE"})
    assert response.status_code == 400
    assert "Zbyt wiele błędnych kluczy" in response.content.decode()
    assert not access.is_enrolled(participant, course)

    other = django_user_model.objects.create_user("inna", "inna@example.pl", "Haslo-testowe-123")
    client.force_login(other)
    assert client.post(url, {"key": "TAJNE"}).status_code == 302
    assert access.is_enrolled(other, course)

    # One address trying many accounts is stopped as well.
    for n in range(20):
        guesser = django_user_model.objects.create_user(f"g{n}", f"g{n}@example.pl", "x")
        client.force_login(guesser)
        client.post(url, {"key": "zle"}, REMOTE_ADDR="10.9.9.9")
    last = django_user_model.objects.create_user("ostatni", "o@example.pl", "x")
    client.force_login(last)
    response = client.post(url, {"key": "TAJNE"}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 400
    cache.clear()
