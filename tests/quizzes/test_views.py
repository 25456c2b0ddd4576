"""Taking a quiz through the pages, as a participant without JavaScript: overview, start,
save and resume, finish, result, visibility of answers in the HTML, and the bad-input list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models.progress import LessonProgress
from quizzes.models import Attempt

from .builders import make_quiz, short_text
from .conftest import add_lesson, quiz_body

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"q1": "q1-a", "q2": "true", "q3": "Wójt", "q4": "q4-a", "q5": "false"}
SECRET = "burmistrz"  # an accepted answer of q3: must not reach the HTML before the policy allows


def form(action="save", **values):
    data = {"action": action}
    for key, value in values.items():
        data[f"q-{key}-shown"] = "1"
        data[f"q-{key}"] = value
    return data


def start(client, lesson, quiz):
    url = reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk])
    response = client.post(url)
    assert response.status_code == 302, response.content.decode()[:500]
    return Attempt.objects.latest("pk"), response["Location"]


def finish(client, attempt, **values):
    return client.post(reverse("quizzes:attempt", args=[attempt.pk]), form("finish", **values))


def test_overview_and_block_render(logged_in, lesson, quiz):
    response = logged_in.get(lesson.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert quiz.title in html
    assert reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk]) in html
    overview = logged_in.get(reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk]))
    assert overview.status_code == 200
    assert "Rozpocznij quiz" in overview.content.decode()


def test_take_page_never_shows_answers(logged_in, lesson, quiz):
    attempt, url = start(logged_in, lesson, quiz)
    html = logged_in.get(url).content.decode()
    assert "Limit kwoty małego grantu?" in html
    assert SECRET not in html and "wójt" not in html.lower()
    assert "correct" not in html
    assert "Wyjaśnienie" not in html and "Komentarz" not in html


def test_resume_after_reload(logged_in, lesson, quiz):
    attempt, url = start(logged_in, lesson, quiz)
    response = logged_in.post(url, form(q1="q1-a", q3="wojt"))
    assert response.status_code == 302
    # the participant closes the page and comes back through the lesson
    again, url2 = start(logged_in, lesson, quiz)
    assert again.pk == attempt.pk
    html = logged_in.get(url2).content.decode()
    assert 'value="q1-a" checked' in html
    assert 'value="wojt"' in html
    response = finish(logged_in, attempt, q2="true", q4="q4-a", q5="false")
    attempt.refresh_from_db()
    assert attempt.percent == 100


def test_fetch_autosave(logged_in, lesson, quiz):
    attempt, _url = start(logged_in, lesson, quiz)
    response = logged_in.post(reverse("quizzes:autosave", args=[attempt.pk]), form(q2="false"))
    assert response.status_code == 200
    assert response.json()["saved"] == 1
    assert attempt.answers.get(question_key="q2").response == {"value": "false"}


@pytest.mark.parametrize(
    ("policy", "passing", "shown"),
    [
        ("never", True, False),
        ("after_attempt", False, True),
        ("after_pass", False, False),
        ("after_pass", True, True),
        ("after_last", False, False),
    ],
)
def test_answer_visibility_policies_on_the_result_page(
    logged_in, lesson, quiz, policy, passing, shown
):
    quiz.show_answers = policy
    quiz.save()
    attempt, _url = start(logged_in, lesson, quiz)
    given = ALL_RIGHT if passing else {"q1": "q1-b"}
    response = finish(logged_in, attempt, **given)
    assert response.status_code == 302
    html = logged_in.get(response["Location"]).content.decode()
    assert ("Nie zaliczono" in html) is not passing
    assert (SECRET in html) is shown
    assert ("Wyjaśnienie q1" in html) is shown


def test_after_last_attempt_policy_shows_answers_when_no_attempt_is_left(logged_in, lesson, quiz):
    quiz.show_answers = "after_last"
    quiz.max_attempts = 2
    quiz.save()
    for expected in (False, True):
        attempt, _url = start(logged_in, lesson, quiz)
        response = finish(logged_in, attempt, q1="q1-b")
        html = logged_in.get(response["Location"]).content.decode()
        assert (SECRET in html) is expected


def test_fail_retry_pass_completes_the_lesson(logged_in, participant, lesson, quiz):
    attempt, _url = start(logged_in, lesson, quiz)
    finish(logged_in, attempt, q1="q1-b")
    result = logged_in.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Spróbuj ponownie" in result
    assert not LessonProgress.objects.filter(user=participant, status="completed").exists()
    second, _url = start(logged_in, lesson, quiz)
    assert second.number == 2
    finish(logged_in, second, **ALL_RIGHT)
    assert LessonProgress.objects.get(user=participant, lesson=lesson).status == "completed"
    history = logged_in.get(reverse("quizzes:my_attempts")).content.decode()
    assert "Podejście 1" in history and "Podejście 2" in history


# --- bad input ---------------------------------------------------------------------------------


def test_option_of_another_question_is_rejected_and_other_answers_kept(logged_in, lesson, quiz):
    attempt, url = start(logged_in, lesson, quiz)
    response = logged_in.post(url, form("finish", q1="q4-a", q2="true"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Wybrana odpowiedź nie należy do tego pytania." in html
    assert 'aria-describedby="q-q1-error"' in html
    attempt.refresh_from_db()
    assert not attempt.is_finished
    assert attempt.answers.get(question_key="q2").response == {"value": "true"}
    assert not attempt.answers.filter(question_key="q1").exists()


def test_answer_to_a_question_not_drawn_is_rejected(logged_in, lesson, quiz):
    attempt, url = start(logged_in, lesson, quiz)
    data = form("finish", q1="q1-a")
    data["q-obce-pytanie"] = "x"
    response = logged_in.post(url, data)
    assert response.status_code == 400
    assert "pytania, których nie ma w tym podejściu" in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_finished


def test_second_submission_of_a_finished_attempt(logged_in, lesson, quiz):
    attempt, _url = start(logged_in, lesson, quiz)
    finish(logged_in, attempt, **ALL_RIGHT)
    response = finish(logged_in, attempt, q1="q1-b")
    assert response.status_code == 409
    assert "już zakończone" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.percent == 100
    assert Attempt.objects.count() == 1


def test_submission_past_the_time_limit_is_not_counted(logged_in, lesson, quiz):
    quiz.time_limit_minutes = 5
    quiz.save()
    attempt, url = start(logged_in, lesson, quiz)
    logged_in.post(url, form(q1="q1-a"))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=2))
    response = finish(logged_in, attempt, **ALL_RIGHT)
    assert response.status_code == 302
    page = logged_in.get(response["Location"]).content.decode()
    assert "nie zostały policzone" in page
    attempt.refresh_from_db()
    assert attempt.timed_out and attempt.score == 1


def test_attempt_beyond_the_limit(logged_in, lesson, quiz):
    quiz.max_attempts = 1
    quiz.save()
    attempt, _url = start(logged_in, lesson, quiz)
    finish(logged_in, attempt, q1="q1-a")
    response = logged_in.post(reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk]))
    assert response.status_code == 403
    assert "Wykorzystano wszystkie podejścia" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_not_enrolled_gets_403(client, outsider, lesson, quiz, participant):
    client.force_login(outsider)
    url = reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk])
    assert client.get(url).status_code == 403
    response = client.post(url)
    assert response.status_code == 403
    assert "Zapisz się na kurs" in response.content.decode()
    assert not Attempt.objects.exists()


def test_someone_elses_attempt_is_404(client, outsider, logged_in, lesson, quiz):
    attempt, url = start(logged_in, lesson, quiz)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, form("finish", **ALL_RIGHT)).status_code == 404


def test_quiz_not_in_the_lesson_is_404(logged_in, course, lesson):
    other = make_quiz([short_text("x", ["a"])])
    url = reverse("quizzes:in_lesson", args=[lesson.pk, other.pk])
    assert logged_in.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, lesson, quiz):
    response = client.get(reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk]))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_optional_quiz_does_not_complete_the_lesson(logged_in, participant, course):
    quiz = make_quiz([short_text("x", ["tak"])], pass_mark=100)
    lesson = add_lesson(course, "Ćwiczenie", "cwiczenie", quiz_body(quiz, required=False))
    attempt, _url = start(logged_in, lesson, quiz)
    finish(logged_in, attempt, x="tak")
    attempt.refresh_from_db()
    assert attempt.passed
    assert not LessonProgress.objects.filter(
        user=participant, lesson=lesson, status="completed"
    ).exists()


def _finish_queries(client, lesson, quiz, django_assert_num_queries=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    attempt, _url = start(client, lesson, quiz)
    values = {q["key"]: "true" for q in attempt.questions}
    with CaptureQueriesContext(connection) as queries:
        response = finish(client, attempt, **values)
    assert response.status_code == 302
    return len(queries.captured_queries)


def test_submission_query_count_does_not_grow_with_questions(logged_in, course):
    from .builders import true_false

    small = make_quiz([true_false(f"s{i}") for i in range(3)])
    large = make_quiz([true_false(f"l{i}") for i in range(20)])
    lesson_small = add_lesson(course, "Mały", "maly", quiz_body(small, required=False))
    lesson_large = add_lesson(course, "Duży", "duzy", quiz_body(large, required=False))
    count_small = _finish_queries(logged_in, lesson_small, small)
    count_large = _finish_queries(logged_in, lesson_large, large)
    assert count_small == count_large


def test_answer_to_a_pool_question_not_drawn_is_rejected(logged_in, course):
    from .builders import pool, true_false

    quiz = make_quiz([pool("pula", 1, [true_false("p1"), true_false("p2"), true_false("p3")])])
    lesson = add_lesson(course, "Pula", "pula", quiz_body(quiz))
    attempt, url = start(logged_in, lesson, quiz)
    [drawn] = [q["key"] for q in attempt.questions]
    other = next(k for k in ("p1", "p2", "p3") if k != drawn)
    response = logged_in.post(url, form("finish", **{drawn: "true", other: "true"}))
    assert response.status_code == 400
    attempt.refresh_from_db()
    assert not attempt.is_finished
    assert not attempt.answers.filter(question_key=other).exists()


def test_course_quizzes_tag_links_pre_and_post(rf, participant, course):
    from django.template import Context, Template

    from .conftest import set_role

    pre = make_quiz([short_text("x", ["a"])], title="Przed")
    post = make_quiz([short_text("y", ["a"])], title="Po")
    set_role(course, post, "post")
    set_role(course, pre, "pre")
    request = rf.get("/")
    request.user = participant
    html = Template("{% load quiz_tags %}{% course_quizzes course %}").render(
        Context({"request": request, "course": course})
    )
    assert html.index("Przed") < html.index("Po")
    assert reverse("quizzes:in_course", args=[course.pk, pre.pk]) in html


def test_english_pages(logged_in, lesson, quiz):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk])
    assert url.startswith("/en/")
    assert "Start the quiz" in logged_in.get(url).content.decode()
    response = logged_in.post(url)
    attempt = Attempt.objects.latest("pk")
    html = logged_in.get(response["Location"]).content.decode()
    assert "Question 1 of 5" in html and "Finish and submit" in html
    with translation.override("en"):
        attempt_url = reverse("quizzes:attempt", args=[attempt.pk])
    response = logged_in.post(attempt_url, form("finish", **ALL_RIGHT))
    assert "Passed" in logged_in.get(response["Location"]).content.decode()


def test_result_page_leads_back_to_the_lesson(logged_in, lesson, quiz):
    attempt, _url = start(logged_in, lesson, quiz)
    response = finish(logged_in, attempt, **ALL_RIGHT)
    html = logged_in.get(response["Location"]).content.decode()
    assert f'<a href="{lesson.url}">Wróć do lekcji: Tryb małych zleceń</a>' in html


def test_result_page_of_a_course_quiz_leads_back_to_the_course(logged_in, course):
    from .conftest import set_role

    post = make_quiz([short_text("y", ["tak"])], title="Test końcowy")
    set_role(course, post, "post")
    response = logged_in.post(reverse("quizzes:in_course", args=[course.pk, post.pk]))
    attempt = Attempt.objects.get(quiz=post)
    response = finish(logged_in, attempt, y="tak")
    html = logged_in.get(response["Location"]).content.decode()
    assert f'<a href="{course.url}">Wróć do kursu: {course.title}</a>' in html
