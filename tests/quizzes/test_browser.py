"""A participant in headless Chromium: start a quiz, answer half, reload, finish and fail,
retry and pass, and see the lesson marked complete; axe-core on the quiz and result pages."""

import pytest
from django.test import Client

from courses.models.progress import LessonProgress
from tests.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_participant_fails_then_passes(live_server, page, participant, lesson, quiz):
    quiz.time_limit_minutes = 20
    quiz.save()
    log_in(page, live_server, participant)
    page.goto(live_server.url + lesson.url)
    page.get_by_role("link", name="Rozpocznij quiz").click()
    page.get_by_role("button", name="Rozpocznij quiz").click()
    page.wait_for_selector("#quiz-form")
    assert page.locator("#quiz-timer").is_visible()

    # answer half and save, then reload: the answers are still there
    page.get_by_label("10 000 zł").check()
    page.locator("#q-q2-true").check()
    page.get_by_role("button", name="Zapisz odpowiedzi").click()
    page.wait_for_selector("text=Odpowiedzi zostały zapisane.")
    page.reload()
    assert page.get_by_label("10 000 zł").is_checked()
    assert page.locator("#q-q2-true").is_checked()
    assert_no_axe_violations(page)

    # finish with two of five right: fail
    page.get_by_role("button", name="Zakończ i wyślij").click()
    page.wait_for_selector("text=Nie zaliczono")
    assert_no_axe_violations(page)
    assert not LessonProgress.objects.filter(user=participant, status="completed").exists()

    # retry and pass
    page.get_by_role("link", name="Spróbuj ponownie").click()
    page.get_by_role("button", name="Rozpocznij nowe podejście").click()
    page.wait_for_selector("#quiz-form")
    page.get_by_label("10 000 zł").check()
    page.locator("#q-q2-true").check()
    page.get_by_label("Kto podpisuje umowę w gminie wiejskiej?").fill("Wójt")
    page.get_by_label("do 90 dni").check()
    page.locator("#q-q5-false").check()
    page.get_by_role("button", name="Zakończ i wyślij").click()
    page.wait_for_selector("text=Zaliczono")
    assert "100" in page.locator(".quiz-result").inner_text()

    page.goto(live_server.url + lesson.url)
    progress = LessonProgress.objects.get(user=participant, lesson=lesson)
    assert progress.status == "completed" and progress.source == "quiz"
    assert page.locator(".quiz-block").get_by_text("zaliczone").count() == 1
