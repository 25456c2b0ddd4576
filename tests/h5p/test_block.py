"""The lesson block: a sandboxed iframe from the H5P origin, loaded lazily by a static script;
statement endpoints only for enrolled participants."""

import pytest
from django.template import Context, Template

from courses.blocks import H5PBlock
from tests.h5p.conftest import H5P_HOST, make_user

pytestmark = pytest.mark.django_db


def test_participant_sees_a_lazy_sandboxed_player(client, course_and_lesson, participant):
    _course, lesson = course_and_lesson
    client.force_login(participant)
    body = client.get(lesson.url).content.decode()
    assert 'sandbox="allow-scripts"' in body
    assert "allow-same-origin" not in body
    assert f'data-src="http://{H5P_HOST}/h5p-player/' in body
    assert ' src="http' not in body.split('class="h5p-activity__frame"')[1].split(">")[0]
    assert 'title="Ćwiczenie interaktywne: Mini quiz: tryb małych zleceń"' in body
    assert f'data-xapi-url="/h5p/xapi/{lesson.pk}/' in body
    assert "h5p/h5p-lesson.js" in body
    assert 'role="status"' in body
    assert "csrfmiddlewaretoken" in body


def test_staff_preview_plays_without_recording(client, course_and_lesson):
    _course, lesson = course_and_lesson
    client.force_login(make_user("redakcja@example.pl", is_staff=True, is_superuser=True))
    body = client.get(lesson.url).content.decode()
    assert "data-src=" in body
    assert "data-xapi-url" not in body
    assert "tylko osobom zapisanym na kurs" in body


def test_block_without_a_lesson_renders_nothing(tiny_package):
    block = H5PBlock()
    value = block.to_python({"package": tiny_package.pk, "required": True, "pass_mark": 80})
    html = block.render(value, context={})
    assert "iframe" not in html
    rendered = Template("{% load wagtailcore_tags %}{% include_block b %}").render(
        Context({"b": block.bind(value)})
    )
    assert "iframe" not in rendered


def test_the_best_score_shows_after_a_reload(client, course_and_lesson, participant, tiny_package):
    from h5p.models import H5PResult

    _course, lesson = course_and_lesson
    client.force_login(participant)
    body = client.get(lesson.url).content.decode()
    assert 'class="h5p-activity__score"></p>' in body  # nothing yet
    H5PResult.objects.create(
        user=participant,
        lesson=lesson,
        package=tiny_package,
        attempts=2,
        best_score=80.0,
        last_score=40.0,
        passed=True,
    )
    body = client.get(lesson.url).content.decode()
    assert "Twój najlepszy wynik: 80%." in body and "Zaliczone." in body
    assert 'data-msg-best="Twój najlepszy wynik: {score}%."' in body
