import io

import pytest

from courses import demo, services
from courses.models import CoursePage, LessonPage, ModulePage

from . import factories

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(home_page, client):
    index = factories.course_index(home_page)
    for _ in range(2):
        demo.load(home_page, {"kursy": index}, io.StringIO())
    courses = list(CoursePage.objects.child_of(index))
    assert len(courses) == 2
    for course in courses:
        assert ModulePage.objects.child_of(course).count() >= 2
        assert LessonPage.objects.descendant_of(course).count() >= 6
        assert client.get(course.url).status_code == 200
    participant = services.active_enrolment
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=demo.DEMO_PARTICIPANT_EMAIL)
    assert participant(user, courses[0]) is not None
    assert client.login(username=user.username, password=demo.DEMO_PARTICIPANT_PASSWORD)
    html = client.get("/moje-kursy/").content.decode()
    assert courses[0].title in html
