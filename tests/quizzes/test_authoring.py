"""Authoring: block validation, the snippet admin, the demo content (idempotent)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail import blocks

from courses.models import LessonPage
from demo.content import quizzes as demo
from quizzes.models import CourseQuizRole, Quiz
from quizzes.question_blocks import MultipleChoiceBlock, PoolBlock, SingleChoiceBlock

from .builders import make_quiz, pool, single, true_false
from .conftest import add_lesson, set_role

pytestmark = pytest.mark.django_db


def test_single_choice_needs_exactly_one_correct_option():
    block = SingleChoiceBlock()
    value = block.to_python(single("s", options=(("a", "A", True), ("b", "B", True)))["value"])
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(value)


def test_multiple_choice_needs_a_correct_option():
    block = MultipleChoiceBlock()
    raw = single("m", options=(("a", "A", False), ("b", "B", False)))["value"]
    raw["partial_credit"] = "all_or_nothing"
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python(raw))


def test_pool_cannot_draw_more_than_it_holds():
    block = PoolBlock()
    raw = pool("p", 3, [true_false("a"), true_false("b")])["value"]
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(block.to_python(raw))


def test_question_count_and_points():
    quiz = make_quiz([single("a", points=2), pool("p", 2, [true_false(f"t{i}") for i in range(4)])])
    assert quiz.question_count == 3
    assert quiz.total_points == 4


def test_pre_and_post_must_differ(course):
    quiz = make_quiz([true_false("a")])
    set_role(course, quiz, "pre")
    with pytest.raises(ValidationError):
        CourseQuizRole(course=course, quiz=quiz, role="post").full_clean()


def test_snippet_admin_create_and_edit(client, staff):
    client.force_login(staff)
    quiz = make_quiz([true_false("a")])
    listing = client.get(reverse("wagtailsnippets_quizzes_quiz:list"))
    assert listing.status_code == 200
    edit = client.get(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]))
    assert edit.status_code == 200
    add = client.get(reverse("wagtailsnippets_quizzes_quiz:add"))
    assert add.status_code == 200


def test_demo_is_idempotent(home_page, course):
    first = add_lesson(course, "Wprowadzenie", "wprowadzenie")
    add_lesson(course, "Małe granty w praktyce", "male-granty-w-praktyce")
    last = add_lesson(course, "Podsumowanie", "podsumowanie")
    out = io.StringIO()
    demo.load(home_page, {}, out)
    demo.load(home_page, {}, out)
    assert Quiz.objects.count() == 3
    assert CourseQuizRole.objects.filter(course=course).count() == 2
    for quiz in Quiz.objects.all():
        quiz.full_clean()
    first = LessonPage.objects.get(pk=first.pk)
    assert [b.block_type for b in first.body] == ["quiz"]
    assert first.body[0].value["required"] is False
    middle = LessonPage.objects.get(slug="male-granty-w-praktyce")
    assert middle.body[0].value["quiz"].title == demo.LESSON_TITLE
    assert len(LessonPage.objects.get(pk=last.pk).body) == 1


def test_demo_on_top_of_the_courses_demo(home_page, client):
    from courses.models import CourseIndexPage
    from demo.content import courses as courses_demo

    index = CourseIndexPage(title="Kursy online", slug="kursy")
    home_page.add_child(instance=index)
    courses_demo.load(home_page, {"kursy": index}, io.StringIO())
    for _ in range(2):
        demo.load(home_page, {"kursy": index}, io.StringIO())
    role = CourseQuizRole.objects.get(role="pre")
    assert role.course.slug == "male-granty-i-inicjatywa-lokalna"
    lesson = LessonPage.objects.get(slug="od-oferty-do-sprawozdania")
    assert sum(1 for b in lesson.body if b.block_type == "quiz") == 1
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=courses_demo.DEMO_PARTICIPANT_EMAIL)
    client.force_login(user)
    html = client.get(lesson.url).content.decode()
    assert demo.LESSON_TITLE in html
    quiz = Quiz.objects.get(title=demo.LESSON_TITLE)
    start = client.post(reverse("quizzes:in_lesson", args=[lesson.pk, quiz.pk]))
    assert start.status_code == 302
    page = client.get(start["Location"])
    assert page.status_code == 200
    assert "regranting" not in page.content.decode().lower().split("<main")[1]


def test_snippet_admin_add_form_saves_a_quiz(client, staff):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    client.force_login(staff)
    data = nested_form_data(
        {
            "title": "Nowy quiz",
            "intro": "",
            "pass_mark": 70,
            "max_attempts": 2,
            "time_limit_minutes": "",
            "grading_method": "highest",
            "shuffle_options": "on",
            "show_answers": "after_pass",
            "pass_feedback": "",
            "fail_feedback": "",
            "questions": streamfield(
                [
                    (
                        "true_false",
                        {"text": "Czy to działa?", "points": 2, "feedback": "", "correct": "true"},
                    )
                ]
            ),
        }
    )
    response = client.post(reverse("wagtailsnippets_quizzes_quiz:add"), data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    quiz = Quiz.objects.get(title="Nowy quiz")
    assert quiz.total_points == 2 and quiz.max_attempts == 2
    data["pass_mark"] = 80
    response = client.post(reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]), data)
    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.pass_mark == 80


def test_a_quiz_with_attempts_cannot_be_deleted(client, staff, participant, lesson, quiz):
    from quizzes import attempts, places

    attempts.start_attempt(participant, quiz, places.place_in_lesson(participant, quiz, lesson))
    client.force_login(staff)
    url = reverse("wagtailsnippets_quizzes_quiz:delete", args=[quiz.pk])
    response = client.post(url, follow=True)
    assert Quiz.objects.filter(pk=quiz.pk).exists()
    assert "nie można go usunąć" in response.content.decode()
    unused = make_quiz([true_false("x")])
    client.post(reverse("wagtailsnippets_quizzes_quiz:delete", args=[unused.pk]))
    assert not Quiz.objects.filter(pk=unused.pk).exists()
